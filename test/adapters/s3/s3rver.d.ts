/** The part of s3rver 3.7.1 (a Koa app, shipped without types) that the S3 test server uses. */
declare module 's3rver' {
  interface KoaContext {
    readonly method: string;
    /** The request path, not decoded: `/<bucket>/<key>` for path-style requests. */
    readonly path: string;
    readonly headers: import('node:http').IncomingHttpHeaders;
    readonly res: import('node:http').ServerResponse;
    status: number;
    type: string;
    body: unknown;
  }

  type Middleware = (ctx: KoaContext, next: () => Promise<void>) => Promise<void>;

  interface FilesystemStore {
    /** Rejects with an ENOENT error when the object does not exist; `etag` is the quoted MD5. */
    getMetadata(bucket: string, key: string): Promise<{ readonly etag: string }>;
  }

  export interface S3rverOptions {
    address?: string;
    port?: number;
    silent?: boolean;
    directory?: string;
    configureBuckets?: { name: string }[];
  }

  export default class S3rver {
    constructor(options: S3rverOptions);
    /** Koa's middleware list; composed when the server starts, so it can be changed before `run`. */
    readonly middleware: Middleware[];
    readonly store: FilesystemStore;
    run(): Promise<import('node:net').AddressInfo>;
    close(): Promise<void>;
  }
}
