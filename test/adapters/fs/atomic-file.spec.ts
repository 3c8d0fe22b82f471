import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createFileExclusive, toStorageFailure, writeFileAtomic } from '../../../src/adapters/fs/atomic-file.js';
import { ServiceUnavailable } from '../../../src/domain/domain.errors.js';
import { useTempDirs } from './fs-test-helpers.js';

function errnoError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: failed, open '/srv/facecheck/data/sessions/x.json'`), { code });
}

describe('atomic-file', () => {
  const tempDir = useTempDirs('atomic');

  it('creates missing directories with mode 0700 and the file with mode 0600', async () => {
    const dir = await tempDir();
    const target = join(dir, 'a', 'b', 'file.json');

    await writeFileAtomic(target, new TextEncoder().encode('{}'));

    expect((await stat(join(dir, 'a'))).mode & 0o777).toBe(0o700);
    expect((await stat(join(dir, 'a', 'b'))).mode & 0o777).toBe(0o700);
    expect((await stat(target)).mode & 0o777).toBe(0o600);
  });

  it('replaces an existing file whole, leaving no temp file beside it', async () => {
    const dir = await tempDir();
    const target = join(dir, 'file.txt');
    await writeFile(target, 'old content that is longer');

    await writeFileAtomic(target, new TextEncoder().encode('new'));

    expect(await readFile(target, 'utf8')).toBe('new');
    expect(await readdir(dir)).toEqual(['file.txt']);
  });

  it('creates a file exclusively once, and refuses the second time without changing it', async () => {
    const dir = await tempDir();
    const target = join(dir, 'claim.json');

    const first = await createFileExclusive(target, new TextEncoder().encode('first'));
    const second = await createFileExclusive(target, new TextEncoder().encode('second'));

    expect([first, second]).toEqual([true, false]);
    expect(await readFile(target, 'utf8')).toBe('first');
    expect(await readdir(dir)).toEqual(['claim.json']);
  });

  it.each(['ENOSPC', 'EROFS', 'EACCES', 'EDQUOT'])('turns %s into ServiceUnavailable naming only the code', (code) => {
    const failure = toStorageFailure(errnoError(code), 'writable');

    expect(failure).toBeInstanceOf(ServiceUnavailable);
    expect((failure as Error).message).toBe(`storage is not writable: ${code}`);
  });

  it('passes other errors through unchanged', () => {
    const error = errnoError('ENOTDIR');

    expect(toStorageFailure(error, 'readable')).toBe(error);
  });
});
