/**
 * Where session images live. Keys are `/`-separated segments of `A-Za-z0-9_-` (plus `.` inside a
 * segment), chosen by the application, never by a client.
 */
export abstract class ImageStore {
  abstract put(key: string, bytes: Uint8Array): Promise<void>;
  abstract get(key: string): Promise<Uint8Array | null>;
  abstract delete(key: string): Promise<void>;

  /**
   * Deletes every image stored before `cutoff` (leftovers of interrupted writes included) and returns
   * how many went. Age is the store's own record of the write (file mtime, S3 LastModified): images
   * outside any session, such as kept compare images, have no other.
   */
  abstract deleteStoredBefore(cutoff: Date): Promise<number>;
}

// A segment neither starts nor ends with `.`, so `.`, `..` and hidden names are never keys.
const KEY_SEGMENT = /^[A-Za-z0-9_-](?:[A-Za-z0-9_.-]{0,126}[A-Za-z0-9_-])?$/;

/** Whether `key` follows the syntax above (at most 1024 characters, segments of at most 128). */
export function isImageKey(key: string): boolean {
  return key.length <= 1024 && key.split('/').every((segment) => KEY_SEGMENT.test(segment));
}
