import { resolve, sep } from 'node:path';

/** Lower-case only, as `crypto.randomUUID()` makes them, so one id never names two files. */
const SESSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CLIENT_REQUEST_TOKEN = /^[A-Za-z0-9_-]{1,64}$/;

export function isSessionId(id: string): boolean {
  return SESSION_ID.test(id);
}

export function isClientRequestToken(token: string): boolean {
  return CLIENT_REQUEST_TOKEN.test(token);
}

/**
 * `segments` joined under `root` (absolute). Callers validate segments first; this re-checks the
 * resolved path so that a validation gap still cannot reach outside `root`.
 */
export function pathInside(root: string, ...segments: string[]): string {
  const path = resolve(root, ...segments);
  if (!path.startsWith(root + sep) || segments.some((segment) => segment.includes('\0'))) {
    throw new Error(`Refusing a storage path outside the data directory: ${JSON.stringify(segments.join('/'))}`);
  }
  return path;
}
