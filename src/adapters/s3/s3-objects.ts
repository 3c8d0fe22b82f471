import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type PutObjectCommandInput,
  type S3Client,
} from '@aws-sdk/client-s3';
import { ServiceUnavailable } from '../../domain/domain.errors.js';

export interface S3StorageOptions {
  /**
   * KMS key (id, ARN or alias) to encrypt objects with (SSE-KMS). Without it objects are encrypted
   * with S3-managed keys (SSE-S3, AES256). Either way every put asks for encryption explicitly.
   */
  readonly kmsKeyId?: string;
}

export interface ListedObject {
  readonly key: string;
  readonly lastModified: Date;
}

export interface StoredObject {
  readonly bytes: Uint8Array;
  /** The version read, for a later `putIf(..., { ifMatch })`. */
  readonly etag: string;
}

/** Create only (`ifNoneMatch: '*'`), or replace only the version with this ETag (`ifMatch`). */
export type PutCondition = { readonly ifNoneMatch: '*' } | { readonly ifMatch: string };

/** S3 error names that mean "not now": retrying later may succeed. */
const BUSY = new Set(['SlowDown', 'Throttling', 'ThrottlingException', 'RequestTimeout', 'TimeoutError', 'RequestAbortedError']);
/** S3 error names that mean the bucket refuses us: wrong bucket, credentials or policy. */
const REFUSED = new Set(['NoSuchBucket', 'AccessDenied', 'InvalidAccessKeyId', 'SignatureDoesNotMatch', 'ExpiredToken']);
/** Socket errors: S3 could not be reached at all. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
/** What a condition that did not hold looks like: 412, 409 (a concurrent conditional write), 404 (If-Match on a missing key). */
const LOST_CONDITION = new Set([412, 409]);

interface SdkError {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: number };
}

function statusOf(error: unknown): number | undefined {
  return (error as SdkError | null)?.$metadata?.httpStatusCode;
}

function nameOf(error: unknown): string {
  const name = (error as SdkError | null)?.name;
  return typeof name === 'string' ? name : '';
}

/** An error code fit for a client's eyes: a bare identifier, never free text that could hold a key or bucket. */
function label(value: unknown): string | null {
  return typeof value === 'string' && /^[A-Za-z][A-Za-z0-9.]{0,63}$/.test(value) ? value : null;
}

/**
 * Turns an S3 failure that is not the caller's fault into ServiceUnavailable (the HTTP layer answers
 * 503), naming only the S3 error code or status: the SDK's message can carry bucket and key.
 * Anything else (a bug, such as an invalid request) passes through for a bare 500.
 */
export function toStorageFailure(error: unknown): unknown {
  const status = statusOf(error);
  const name = nameOf(error);
  const code = label((error as SdkError | null)?.code);
  if (BUSY.has(name) || status === 429 || (status !== undefined && status >= 500)) {
    return new ServiceUnavailable(`storage is unavailable: ${label(name) ?? `HTTP ${status}`}`);
  }
  if (REFUSED.has(name) || status === 403) {
    return new ServiceUnavailable(`storage is not accessible: ${label(name) ?? `HTTP ${status}`}`);
  }
  if (status === undefined && code !== null && UNREACHABLE.has(code)) {
    return new ServiceUnavailable(`storage is unreachable: ${code}`);
  }
  return error;
}

/**
 * The object operations the S3 adapters share, on one bucket: reads that return null for a missing
 * key, puts that always request server-side encryption, conditional puts that report a lost
 * condition as `false`, and one mapping of SDK failures. Callers pass keys they have validated.
 */
export class S3Objects {
  private readonly encryption: Pick<PutObjectCommandInput, 'ServerSideEncryption' | 'SSEKMSKeyId'>;

  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    options: S3StorageOptions = {},
  ) {
    this.encryption = options.kmsKeyId
      ? { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: options.kmsKeyId }
      : { ServerSideEncryption: 'AES256' };
  }

  /** The object's bytes and ETag, or null when there is no object under `key`. */
  async get(key: string): Promise<StoredObject | null> {
    try {
      const response = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      const bytes = (await response.Body?.transformToByteArray()) ?? new Uint8Array();
      if (response.ETag === undefined) throw new Error('S3 returned an object without an ETag.');
      return { bytes, etag: response.ETag };
    } catch (error) {
      if (nameOf(error) === 'NoSuchKey') return null;
      throw toStorageFailure(error);
    }
  }

  async put(key: string, bytes: Uint8Array, contentType?: string): Promise<void> {
    try {
      await this.client.send(new PutObjectCommand(this.putInput(key, bytes, contentType)));
    } catch (error) {
      throw toStorageFailure(error);
    }
  }

  /** Puts only if `condition` holds at S3, atomically; returns false when it did not. */
  async putIf(key: string, bytes: Uint8Array, condition: PutCondition, contentType?: string): Promise<boolean> {
    const precondition = 'ifMatch' in condition ? { IfMatch: condition.ifMatch } : { IfNoneMatch: condition.ifNoneMatch };
    try {
      await this.client.send(new PutObjectCommand({ ...this.putInput(key, bytes, contentType), ...precondition }));
      return true;
    } catch (error) {
      const status = statusOf(error);
      if ((status !== undefined && LOST_CONDITION.has(status)) || nameOf(error) === 'NoSuchKey') return false;
      throw toStorageFailure(error);
    }
  }

  /** Removes the object; a missing one is fine (S3 answers 204 either way). */
  async delete(key: string): Promise<void> {
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (error) {
      throw toStorageFailure(error);
    }
  }

  /** Every object whose key starts with `prefix`, page by page (1000 keys per request). */
  async *list(prefix: string): AsyncIterable<ListedObject> {
    let token: string | undefined;
    do {
      const page = await this.client
        .send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }))
        .catch((error: unknown) => {
          throw toStorageFailure(error);
        });
      for (const { Key, LastModified } of page.Contents ?? []) {
        if (Key !== undefined && LastModified !== undefined) yield { key: Key, lastModified: LastModified };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  private putInput(key: string, bytes: Uint8Array, contentType: string | undefined): PutObjectCommandInput {
    return { Bucket: this.bucket, Key: key, Body: bytes, ContentType: contentType, ...this.encryption };
  }
}
