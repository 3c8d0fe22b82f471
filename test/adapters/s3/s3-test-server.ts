import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

/** One request on an object, as it reached the server. */
export interface ObjectRequest {
  readonly method: string;
  readonly bucket: string;
  readonly key: string;
  readonly headers: IncomingHttpHeaders;
}

export interface S3TestServer {
  /** Every object request so far, oldest first. */
  readonly requests: ObjectRequest[];
  /** A client on this server, destroyed by `close`. */
  readonly client: S3Client;
  /** Another client, as a separate Lambda container would have; the caller destroys it. */
  newClient(): S3Client;
  /** Creates an empty bucket with a fresh name. */
  newBucket(): Promise<string>;
  close(): Promise<void>;
}

let bucketCount = 0;

/**
 * A real S3-compatible server for the S3 adapter tests: s3rver on 127.0.0.1 (random port, temp
 * directory), with two things S3 has and s3rver 3.7.1 lacks, added in front of its Koa app:
 *
 * 1. Conditional writes (S3 since 2024). s3rver ignores `If-None-Match` and `If-Match` on
 *    PutObject and overwrites. Here `If-None-Match: *` answers 412 when the key exists and
 *    `If-Match: <etag>` answers 412 on another ETag and 404 when the key is missing, as S3 does.
 * 2. Atomic objects. s3rver writes an object in place, so a concurrent GET can see half of it; S3
 *    shows the old or the new object whole. Here requests on one key are served one at a time.
 *
 * Both are needed for the adapters' race tests to mean anything; neither changes what the adapters
 * send. The server also records every object request, to check what went on the wire.
 */
export async function startS3TestServer(): Promise<S3TestServer> {
  const directory = await mkdtemp(join(tmpdir(), 'facecheck-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory });
  const requests: ObjectRequest[] = [];
  const locks = new ObjectLocks();

  server.middleware.unshift(async (ctx, next) => {
    const [bucket = '', ...keyParts] = ctx.path.slice(1).split('/').map(decodeURIComponent);
    const key = keyParts.join('/');
    if (key === '') return next();
    requests.push({ method: ctx.method, bucket, key, headers: { ...ctx.headers } });
    // Koa writes the response after the middleware returns: release the key once it is sent (or aborted).
    const closed = new Promise((resolve) => ctx.res.once('close', resolve));
    const release = await locks.acquire(`${bucket}/${key}`);
    void closed.then(release);
    const failure = ctx.method === 'PUT' ? await preconditionFailure(server, bucket, key, ctx.headers) : null;
    if (failure) {
      ctx.status = failure.status;
      ctx.type = 'application/xml';
      ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${failure.code}</Code><Message>${failure.code}</Message></Error>`;
      return;
    }
    await next();
  });

  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const newClient = (): S3Client =>
    new S3Client({
      endpoint,
      forcePathStyle: true,
      region: 'us-east-1',
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
  const client = newClient();

  return {
    requests,
    client,
    newClient,
    async newBucket() {
      const bucket = `facecheck-test-${++bucketCount}`;
      await client.send(new CreateBucketCommand({ Bucket: bucket }));
      return bucket;
    },
    async close() {
      client.destroy();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** One server for the enclosing describe, started before its tests and stopped (directory removed) after. */
export function useS3TestServer(): () => S3TestServer {
  let server: S3TestServer | undefined;
  beforeAll(async () => {
    server = await startS3TestServer();
  });
  afterAll(async () => {
    await server?.close();
  });
  return () => {
    if (!server) throw new Error('The S3 test server runs only inside tests.');
    return server;
  };
}

/**
 * What S3 answers to a PutObject whose precondition does not hold, or null when it holds (or there
 * is none). S3 accepts only `*` for `If-None-Match` on writes.
 */
async function preconditionFailure(
  server: S3rver,
  bucket: string,
  key: string,
  headers: IncomingHttpHeaders,
): Promise<{ status: number; code: string } | null> {
  const ifNoneMatch = headers['if-none-match'];
  const ifMatch = headers['if-match'];
  if (ifNoneMatch === undefined && ifMatch === undefined) return null;
  if (ifNoneMatch !== undefined && ifNoneMatch !== '*') return { status: 501, code: 'NotImplemented' };
  const etag = await server.store.getMetadata(bucket, key).then(
    (metadata) => metadata.etag,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    },
  );
  if (ifNoneMatch === '*' && etag !== null) return { status: 412, code: 'PreconditionFailed' };
  if (ifMatch !== undefined && etag === null) return { status: 404, code: 'NoSuchKey' };
  if (ifMatch !== undefined && unquoted(ifMatch) !== unquoted(etag!)) return { status: 412, code: 'PreconditionFailed' };
  return null;
}

function unquoted(etag: string): string {
  return etag.replace(/^"|"$/g, '');
}

/** Serves one request per key at a time, in arrival order. */
class ObjectLocks {
  private readonly tails = new Map<string, Promise<void>>();

  /** Waits for the earlier holders of `key`; the returned function releases it (calling it twice is harmless). */
  async acquire(key: string): Promise<() => void> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => released);
    this.tails.set(key, tail);
    await previous;
    return () => {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    };
  }
}
