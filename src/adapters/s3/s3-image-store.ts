import type { S3Client } from '@aws-sdk/client-s3';
import { ImageStore, isImageKey } from '../../domain/ports/image-store.port.js';
import { S3Objects, type S3StorageOptions } from './s3-objects.js';

/** Where in its bucket S3ImageStore keeps image `<key>`: at `images/<key>`. */
export const IMAGE_OBJECT_PREFIX = 'images/';

/**
 * Images as objects `images/<key>` in one bucket, beside the session records of
 * S3SessionRepository (as FsImageStore keeps `<dataDir>/images/`), each put encrypted at rest.
 */
export class S3ImageStore extends ImageStore {
  private readonly objects: S3Objects;

  constructor(client: S3Client, bucket: string, options: S3StorageOptions = {}) {
    super();
    this.objects = new S3Objects(client, bucket, options);
  }

  override async put(key: string, bytes: Uint8Array): Promise<void> {
    await this.objects.put(this.objectKey(key), bytes);
  }

  override async get(key: string): Promise<Uint8Array | null> {
    return (await this.objects.get(this.objectKey(key)))?.bytes ?? null;
  }

  override async delete(key: string): Promise<void> {
    await this.objects.delete(this.objectKey(key));
  }

  /**
   * On AWS the bucket's lifecycle rule (ImageRetentionDays) expires images too, in whole days; this
   * serves a sweeper that must keep to hours.
   */
  override async deleteStoredBefore(cutoff: Date): Promise<number> {
    let deleted = 0;
    for await (const object of this.objects.list(IMAGE_OBJECT_PREFIX)) {
      if (object.lastModified >= cutoff) continue;
      await this.objects.delete(object.key);
      deleted++;
    }
    return deleted;
  }

  /** Keys are chosen by the application, so a bad one is a bug: fail loudly rather than treat it as missing. */
  private objectKey(key: string): string {
    if (!isImageKey(key)) {
      throw new Error(`Invalid image key ${JSON.stringify(key)}: expected /-separated segments of [A-Za-z0-9_.-].`);
    }
    return `${IMAGE_OBJECT_PREFIX}${key}`;
  }
}
