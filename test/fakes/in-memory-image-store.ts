import { ImageStore, isImageKey } from '../../src/domain/ports/image-store.port.js';

/** Images in a map, copied in and out so callers cannot change what is stored; keys checked like the real stores. */
export class InMemoryImageStore extends ImageStore {
  /** Each image with when it was put, by the machine's clock as a disk or S3 would record it. */
  private readonly images = new Map<string, { bytes: Uint8Array; storedAt: number }>();

  override async put(key: string, bytes: Uint8Array): Promise<void> {
    this.images.set(checked(key), { bytes: Uint8Array.from(bytes), storedAt: Date.now() });
  }

  override async get(key: string): Promise<Uint8Array | null> {
    const image = this.images.get(checked(key));
    return image ? Uint8Array.from(image.bytes) : null;
  }

  override async deleteStoredBefore(cutoff: Date): Promise<number> {
    const old = [...this.images].filter(([, image]) => image.storedAt < cutoff.getTime());
    for (const [key] of old) this.images.delete(key);
    return old.length;
  }

  override async delete(key: string): Promise<void> {
    this.images.delete(checked(key));
  }
}

function checked(key: string): string {
  if (!isImageKey(key)) throw new Error(`Invalid image key ${JSON.stringify(key)}.`);
  return key;
}
