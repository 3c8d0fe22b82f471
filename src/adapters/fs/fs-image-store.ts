import { join, resolve } from 'node:path';
import { ImageStore, isImageKey } from '../../domain/ports/image-store.port.js';
import { readFileOrNull, removeFile, writeFileAtomic } from './atomic-file.js';
import { pathInside } from './fs-paths.js';
import { deleteFilesOlderThan } from './fs-retention.js';

/** Images as files under `<dataDir>/images/`, one per key, the key's segments as directories. */
export class FsImageStore extends ImageStore {
  private readonly imagesDir: string;

  constructor(dataDir: string) {
    super();
    this.imagesDir = join(resolve(dataDir), 'images');
  }

  override async put(key: string, bytes: Uint8Array): Promise<void> {
    await writeFileAtomic(this.pathOf(key), bytes);
  }

  override async get(key: string): Promise<Uint8Array | null> {
    const bytes = await readFileOrNull(this.pathOf(key));
    return bytes && new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  override async delete(key: string): Promise<void> {
    await removeFile(this.pathOf(key));
  }

  override deleteStoredBefore(cutoff: Date): Promise<number> {
    return deleteFilesOlderThan(this.imagesDir, cutoff);
  }

  /** Keys are chosen by the application, so a bad one is a bug: fail loudly rather than treat it as missing. */
  private pathOf(key: string): string {
    if (!isImageKey(key)) {
      throw new Error(`Invalid image key ${JSON.stringify(key)}: expected /-separated segments of [A-Za-z0-9_.-].`);
    }
    return pathInside(this.imagesDir, ...key.split('/'));
  }
}
