import { ImageStore, isImageKey } from '../../src/domain/ports/image-store.port.js';

/** Images in a map, copied in and out so callers cannot change what is stored; keys checked like the real stores. */
export class InMemoryImageStore extends ImageStore {
  private readonly images = new Map<string, Uint8Array>();

  override async put(key: string, bytes: Uint8Array): Promise<void> {
    this.images.set(checked(key), Uint8Array.from(bytes));
  }

  override async get(key: string): Promise<Uint8Array | null> {
    const bytes = this.images.get(checked(key));
    return bytes ? Uint8Array.from(bytes) : null;
  }

  override async delete(key: string): Promise<void> {
    this.images.delete(checked(key));
  }
}

function checked(key: string): string {
  if (!isImageKey(key)) throw new Error(`Invalid image key ${JSON.stringify(key)}.`);
  return key;
}
