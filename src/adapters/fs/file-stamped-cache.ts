import type { FileStamp } from './atomic-file.js';

/**
 * Values parsed from files, each kept with the stamp of the file it came from and served only while
 * the file still has that stamp, so a write by another process sharing DATA_DIR is never missed.
 * Callers stamp the file BEFORE reading it: a value newer than its stamp costs one more read later,
 * whereas one older than its stamp would be served stale. The least recently used entry goes first
 * once `capacity` is reached.
 */
export class FileStampedCache<T> {
  private readonly entries = new Map<string, { readonly stamp: FileStamp; readonly value: T }>();

  constructor(private readonly capacity: number) {}

  get(key: string, stamp: FileStamp): T | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    // Re-inserting keeps the Map's order the order of use.
    this.entries.delete(key);
    if (entry.stamp !== stamp) return undefined;
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, stamp: FileStamp, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, { stamp, value });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}
