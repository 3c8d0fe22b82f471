import type { ImageStore } from '../../src/domain/ports/image-store.port.js';

/** Plain copies, so a Buffer and a Uint8Array with the same bytes compare equal. */
function bytesOf(bytes: Uint8Array | null): Uint8Array | null {
  return bytes && Uint8Array.from(bytes);
}

function patterned(length: number, seed: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 31 + seed) % 256);
}

export const MALFORMED_IMAGE_KEYS = [
  ...['', '/abs', '../x', 'a/../../b', 'a//b', 'a/', '.', 'a/./b', '..'],
  ...['%2e%2e/x', 'a\0b', 'a\\b', '.hidden'],
];

/** Behaviour every ImageStore has; `make` returns a fresh, empty store. */
export function describeImageStore(make: () => Promise<ImageStore>): void {
  describe('ImageStore contract', () => {
    let store: ImageStore;

    beforeEach(async () => {
      store = await make();
    });

    it('returns exactly the bytes it was given, every byte value included', async () => {
      const bytes = Uint8Array.from({ length: 256 * 4 }, (_, i) => i % 256);

      await store.put('sessions/abc/reference.jpg', bytes);

      expect(bytesOf(await store.get('sessions/abc/reference.jpg'))).toEqual(bytes);
    });

    it('round-trips an empty image as empty, not as missing', async () => {
      await store.put('empty.png', new Uint8Array());

      expect(bytesOf(await store.get('empty.png'))).toEqual(new Uint8Array());
    });

    it('returns null for a key never stored', async () => {
      await store.put('present', patterned(10, 1));

      expect(await store.get('absent')).toBeNull();
      expect(await store.get('present/child')).toBeNull();
    });

    it('replaces an image on overwrite, leaving no tail of a longer old image', async () => {
      await store.put('k', patterned(5000, 1));
      const shorter = patterned(100, 2);

      await store.put('k', shorter);

      expect(bytesOf(await store.get('k'))).toEqual(shorter);
    });

    it('keeps what was put even if the caller later changes its buffer', async () => {
      const bytes = patterned(64, 3);
      await store.put('copy', bytes);

      bytes.fill(0);

      expect(bytesOf(await store.get('copy'))).toEqual(patterned(64, 3));
    });

    it('keeps sibling keys apart', async () => {
      await store.put('s/1/source.jpg', patterned(10, 4));
      await store.put('s/1/target.jpg', patterned(10, 5));

      expect(bytesOf(await store.get('s/1/source.jpg'))).toEqual(patterned(10, 4));
      expect(bytesOf(await store.get('s/1/target.jpg'))).toEqual(patterned(10, 5));
    });

    it('deletes an image and treats deleting a missing one as done', async () => {
      await store.put('gone.jpg', patterned(10, 6));
      await store.put('kept.jpg', patterned(10, 7));

      await store.delete('gone.jpg');
      await store.delete('gone.jpg');
      await store.delete('never/stored.jpg');

      expect(await store.get('gone.jpg')).toBeNull();
      expect(bytesOf(await store.get('kept.jpg'))).toEqual(patterned(10, 7));
    });

    it('deletes the images stored before a cutoff, counting them, and keeps working afterwards', async () => {
      // The store's own clock dates an image, so the cutoffs sit a minute either side of now.
      await store.put('compares/x/source.jpg', patterned(10, 9));
      await store.put('sessions/y/reference.png', patterned(10, 10));

      expect(await store.deleteStoredBefore(new Date(Date.now() - 60_000))).toBe(0);
      expect(bytesOf(await store.get('compares/x/source.jpg'))).toEqual(patterned(10, 9));

      expect(await store.deleteStoredBefore(new Date(Date.now() + 60_000))).toBe(2);
      expect(await store.get('compares/x/source.jpg')).toBeNull();
      expect(await store.get('sessions/y/reference.png')).toBeNull();

      await store.put('compares/x/source.jpg', patterned(10, 11));
      expect(bytesOf(await store.get('compares/x/source.jpg'))).toEqual(patterned(10, 11));
    });

    it.each(MALFORMED_IMAGE_KEYS)('rejects the malformed key %j on put, get and delete', async (key) => {
      await expect(store.put(key, patterned(4, 8))).rejects.toThrow(/Invalid image key/);
      await expect(store.get(key)).rejects.toThrow(/Invalid image key/);
      await expect(store.delete(key)).rejects.toThrow(/Invalid image key/);
    });
  });
}
