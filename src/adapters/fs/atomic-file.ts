import { randomBytes } from 'node:crypto';
import { readFile as readFileCallback, readFileSync, statSync } from 'node:fs';
import { link, mkdir, open, readdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { getSystemErrorMap, promisify } from 'node:util';
import { ServiceUnavailable } from '../../domain/domain.errors.js';

// Every session read comes through here: the callback readFile takes half the time of the
// fs/promises one (measured here: ~61,000 vs ~30,000–40,000 small reads per second).
const readFile = promisify(readFileCallback);

/**
 * File primitives the fs adapters share. Writes go to a temp file beside the target and are renamed
 * (or linked) into place, so a reader sees the old file or the new one, never a partial one; after a
 * crash only complete files or stray temp files (`.<name>.<random>.tmp`) remain. Callers pass
 * absolute paths they have already validated.
 */

const FILE_MODE = 0o600;
const DIR_MODE = 0o700;

/** Errors that mean the disk refuses service (full, read-only, no permission), not a caller bug. */
const STORAGE_FAILURES = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM', 'EIO', 'EMFILE', 'ENFILE']);
const MISSING = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);

export function errorCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Turns a disk failure into ServiceUnavailable (the HTTP layer answers 503). The message names only
 * the errno code and the system's words for it ("ENOSPC (no space left on device)"): Node's own
 * message carries the absolute path, which clients must not see.
 */
export function toStorageFailure(error: unknown, access: 'readable' | 'writable'): unknown {
  const code = errorCode(error);
  if (code === undefined || !STORAGE_FAILURES.has(code)) return error;
  const errno = (error as NodeJS.ErrnoException).errno;
  const description = errno === undefined ? undefined : getSystemErrorMap().get(errno)?.[1];
  return new ServiceUnavailable(`storage is not ${access}: ${code}${description ? ` (${description})` : ''}`);
}

/** Whether a directory entry is a temp file of ours (complete or not), which readers skip. */
export function isTempFileName(name: string): boolean {
  return name.startsWith('.') && name.endsWith('.tmp');
}

/** Replaces `target` with `data` atomically and durably. */
export async function writeFileAtomic(target: string, data: Uint8Array): Promise<void> {
  try {
    await ensureDir(dirname(target));
    const temp = await writeTempBeside(target, data);
    await rename(temp, target).catch(async (error: unknown) => {
      await unlink(temp).catch(() => undefined);
      throw error;
    });
    await syncDir(dirname(target));
  } catch (error) {
    throw toStorageFailure(error, 'writable');
  }
}

/**
 * Creates `target` with `data` unless it exists; returns false if it did. `link` fails with EEXIST
 * on an existing name in every process at once (unlike rename, which overwrites), and the linked
 * file is already complete — `open(..., 'wx')` would be exclusive too but visible half-written.
 */
export async function createFileExclusive(target: string, data: Uint8Array): Promise<boolean> {
  try {
    await ensureDir(dirname(target));
    const temp = await writeTempBeside(target, data);
    try {
      await link(temp, target);
    } catch (error) {
      if (errorCode(error) === 'EEXIST') return false;
      throw error;
    } finally {
      await unlink(temp).catch(() => undefined);
    }
    await syncDir(dirname(target));
    return true;
  } catch (error) {
    throw toStorageFailure(error, 'writable');
  }
}

/** The file's bytes, or null when nothing (or a directory) is at `path`. */
export async function readFileOrNull(path: string): Promise<Buffer | null> {
  return readOrNull(() => readFile(path));
}

/**
 * readFileOrNull for the small JSON records (sessions, token claims, usage counts: under a few KiB)
 * read on every request. Read synchronously: a page-cache read of a few KiB takes microseconds,
 * while the asynchronous read makes four thread-pool round trips (open, stat, read, close) and
 * held GET /session/:id to 2,700 requests/s here against 3,600 read this way. DATA_DIR must
 * therefore be a local disk, not a network share.
 */
export function readRecordOrNull(path: string): Promise<Buffer | null> {
  return readOrNull(() => readFileSync(path));
}

/**
 * What tells one version of a file from another: our writes replace files by rename (a new inode),
 * and any other write changes the size or the change time.
 */
export type FileStamp = string;

/** The stamp of the file at `path`, or null when there is none (or a directory). Synchronous for readRecordOrNull's reason. */
export function fileStampOrNull(path: string): Promise<FileStamp | null> {
  return readOrNull(() => {
    const stats = statSync(path, { bigint: true });
    return stats.isFile() ? `${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}` : null;
  });
}

async function readOrNull<T>(read: () => T | Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (MISSING.has(errorCode(error) ?? '')) return null;
    throw toStorageFailure(error, 'readable');
  }
}

/** Names in `dir` other than temp files; empty when `dir` does not exist. */
export async function listFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => !isTempFileName(name));
  } catch (error) {
    if (MISSING.has(errorCode(error) ?? '')) return [];
    throw toStorageFailure(error, 'readable');
  }
}

/** Removes the file at `path`; nothing there is fine. */
export async function removeFile(path: string): Promise<void> {
  try {
    await unlink(path);
    await syncDir(dirname(path));
  } catch (error) {
    if (MISSING.has(errorCode(error) ?? '')) return;
    throw toStorageFailure(error, 'writable');
  }
}

async function writeTempBeside(target: string, data: Uint8Array): Promise<string> {
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(8).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', FILE_MODE);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  return temp;
}

/** Creates `dir` and missing parents with mode 0700, syncing each parent so the new entries last. */
async function ensureDir(dir: string): Promise<void> {
  const firstCreated = await mkdir(dir, { recursive: true, mode: DIR_MODE });
  if (firstCreated === undefined) return;
  for (let created = dir; dirname(created) !== created; created = dirname(created)) {
    await syncDir(dirname(created));
    if (created === firstCreated) return;
  }
}

/** fsync of a directory makes a rename, link or unlink inside it survive a power cut. */
async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch (error) {
    // Some platforms and filesystems cannot fsync a directory; the rename itself is still atomic.
    if (!['EISDIR', 'EINVAL', 'EPERM', 'ENOTSUP'].includes(errorCode(error) ?? '')) throw error;
  } finally {
    await handle.close();
  }
}
