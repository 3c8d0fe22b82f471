import { resolve, sep } from 'node:path';

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
