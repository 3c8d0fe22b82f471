import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

/** Fresh directories under the OS temp dir, removed after each test. Call at describe level. */
export function useTempDirs(prefix: string): () => Promise<string> {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });
  return async () => {
    const dir = await mkdtemp(join(tmpdir(), `facecheck-${prefix}-`));
    dirs.push(dir);
    return dir;
  };
}

export interface TreeEntry {
  /** Path relative to the listed root, `/`-separated. */
  readonly path: string;
  readonly kind: 'file' | 'dir';
  /** Permission bits, e.g. 0o600. */
  readonly mode: number;
}

/** Every file and directory below `root` (not `root` itself). */
export async function listTree(root: string): Promise<TreeEntry[]> {
  const entries = await readdir(root, { recursive: true });
  return Promise.all(
    entries.map(async (entry) => {
      const info = await stat(join(root, entry));
      return {
        path: relative(root, join(root, entry)).split('\\').join('/'),
        kind: info.isDirectory() ? ('dir' as const) : ('file' as const),
        mode: info.mode & 0o777,
      };
    }),
  );
}

/** Temp files the atomic writer leaves only when a write dies half-way. */
export function tempFilesIn(tree: readonly TreeEntry[]): string[] {
  return tree.filter((e) => e.path.split('/').pop()!.endsWith('.tmp')).map((e) => e.path);
}
