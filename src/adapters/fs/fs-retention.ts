import { readdir, rmdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { errorCode, removeFile, toStorageFailure } from './atomic-file.js';

/**
 * Deletes every file under `dir` last written before `cutoff`, temp files of interrupted writes
 * included (they hold image bytes too), then the directories left empty. Returns how many files
 * went. `dir` itself stays. Symbolic links are neither followed nor deleted: we never create them.
 */
export async function deleteFilesOlderThan(dir: string, cutoff: Date): Promise<number> {
  let deleted = 0;
  for (const entry of await entriesOf(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      deleted += await deleteFilesOlderThan(path, cutoff);
      await rmdir(path).catch(() => undefined); // not empty, or gone: either way nothing to do
    } else if (entry.isFile() && (await modifiedBefore(path, cutoff))) {
      await removeFile(path);
      deleted++;
    }
  }
  return deleted;
}

async function entriesOf(dir: string) {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return [];
    throw toStorageFailure(error, 'readable');
  }
}

async function modifiedBefore(path: string, cutoff: Date): Promise<boolean> {
  try {
    return (await stat(path)).mtimeMs < cutoff.getTime();
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false; // deleted meanwhile
    throw toStorageFailure(error, 'readable');
  }
}
