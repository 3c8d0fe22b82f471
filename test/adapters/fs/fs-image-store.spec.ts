import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FsImageStore } from '../../../src/adapters/fs/fs-image-store.js';
import { describeImageStore, MALFORMED_IMAGE_KEYS } from '../../contracts/image-store.contract.js';
import { listTree, tempFilesIn, useTempDirs } from './fs-test-helpers.js';

const BYTES = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 1, 2, 3]);
describe('FsImageStore', () => {
  const tempDir = useTempDirs('images');

  describeImageStore(async () => new FsImageStore(await tempDir()));

  describe('on disk', () => {
    let dataDir: string;
    let store: FsImageStore;

    beforeEach(async () => {
      dataDir = await tempDir();
      store = new FsImageStore(dataDir);
    });

    it('writes images with mode 0600 in directories with mode 0700, under images/', async () => {
      await store.put('sessions/abc/source.jpg', BYTES);

      const tree = await listTree(dataDir);

      expect(tree.map((e) => e.path).sort()).toEqual(
        ['images', 'images/sessions', 'images/sessions/abc', 'images/sessions/abc/source.jpg'].sort(),
      );
      for (const entry of tree) {
        expect([entry.path, entry.mode]).toEqual([entry.path, entry.kind === 'dir' ? 0o700 : 0o600]);
      }
    });

    it('leaves no temp files after puts, overwrites and deletes', async () => {
      await Promise.all(Array.from({ length: 10 }, (_, i) => store.put('same/key.jpg', BYTES.subarray(0, i))));
      await store.put('other.jpg', BYTES);
      await store.delete('other.jpg');

      expect(tempFilesIn(await listTree(dataDir))).toEqual([]);
      expect(await readdir(join(dataDir, 'images'))).toEqual(['same']);
    });

    it('ignores a temp file a crash left beside an image', async () => {
      await store.put('s/key.jpg', BYTES);
      await writeFile(join(dataDir, 'images', 's', '.key.jpg.0123456789abcdef.tmp'), 'partial');

      expect(Uint8Array.from((await store.get('s/key.jpg'))!)).toEqual(BYTES);
      expect(await store.get('s/other.jpg')).toBeNull();
    });

    it.each(MALFORMED_IMAGE_KEYS)('cannot read a file outside images/ through the key %j', async (key) => {
      await writeFile(join(dataDir, 'secret'), 'secret');
      await mkdir(join(dataDir, 'images', 'a'), { recursive: true });

      await expect(store.get(key)).rejects.toThrow(/Invalid image key/);
      await expect(store.put(key, BYTES)).rejects.toThrow(/Invalid image key/);
      expect((await listTree(dataDir)).map((e) => e.path).sort()).toEqual(['images', 'images/a', 'secret']);
    });

    it('returns null when the key names a directory of other images', async () => {
      await store.put('dir/inside.jpg', BYTES);

      expect(await store.get('dir')).toBeNull();
      await expect(store.delete('dir')).resolves.toBeUndefined();
      expect(await store.get('dir/inside.jpg')).not.toBeNull();
    });
  });
});
