import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, rm, rmdir, statfs, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningApp, AUTH, startApp } from './harness.js';

// Real faults need a filesystem of our own: a small tmpfs, filled up or remounted read-only. Being
// root does not get around either (permission bits would). Where mounting is not allowed (no root,
// no Linux) a developer's run skips the suite (test/adapters/fs/atomic-file.spec.ts still covers the
// mapping); CI runs as root on Linux, so there it always runs and a failure to mount is red.
function mountTmpfs(dir: string, options = 'size=1m,mode=0700'): void {
  execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'ignore' });
}
function remount(dir: string, mode: 'ro' | 'rw'): void {
  execFileSync('mount', ['-o', `remount,${mode}`, dir], { stdio: 'ignore' });
}
function unmount(dir: string): void {
  execFileSync('umount', [dir], { stdio: 'ignore' });
}

async function canMount(): Promise<boolean> {
  const probe = await mkdtemp(join(tmpdir(), 'facecheck-mount-probe-'));
  try {
    mountTmpfs(probe, 'size=64k');
    unmount(probe);
    return true;
  } catch {
    return false;
  } finally {
    await rmdir(probe);
  }
}

const describeWithMount = process.env.CI === 'true' || (await canMount()) ? describe : describe.skip;

describeWithMount('a DATA_DIR that cannot be written (on a tmpfs mounted by the test)', () => {
  let dataDir: string;
  let running: RunningApp | undefined;
  const create = (clientRequestToken: string) => running!.http().post('/session').set(AUTH).send({ clientRequestToken });
  const read = (id: string) => running!.http().get(`/session/${id}`).set(AUTH);

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'facecheck-faults-'));
    mountTmpfs(dataDir);
    running = await startApp({}, { dataDir });
  });
  afterEach(async () => {
    await running?.close({ keepData: true });
    running = undefined;
    unmount(dataDir);
    await rm(dataDir, { recursive: true, force: true });
  });

  /** The 503 the API must give: JSON, a stable code, the reason, and no file system path. */
  function expectStorageUnavailable(response: Awaited<ReturnType<typeof create>>, message: string): void {
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable', code: 'SERVICE_UNAVAILABLE', message });
    expect(response.body.message).not.toContain(dataDir);
  }

  /** Each fault, made real on the tmpfs; it returns the repair. */
  const faults: [string, string, () => Promise<() => Promise<void>>][] = [
    [
      'the disk is full',
      'storage is not writable: ENOSPC (no space left on device)',
      async () => {
        const filler = join(dataDir, 'filler');
        await expect(writeFile(filler, Buffer.alloc(2 * 1024 * 1024))).rejects.toMatchObject({ code: 'ENOSPC' });
        expect((await statfs(dataDir)).bavail).toBe(0);
        return () => rm(filler);
      },
    ],
    [
      'DATA_DIR is read-only',
      'storage is not writable: EROFS (read-only file system)',
      async () => {
        remount(dataDir, 'ro');
        return async () => remount(dataDir, 'rw');
      },
    ],
  ];

  it.each(faults)('answers 503 while %s, keeps serving reads, and creates again once repaired', async (_, message, inject) => {
    const before = await create('before');
    const repair = await inject();

    const during = await create('during');
    const readDuring = await read(before.body.SessionId);
    await repair();
    const afterwards = await create('during');

    expect(before.status).toBe(201);
    expectStorageUnavailable(during, message);
    expect(readDuring.status).toBe(200);
    expect(afterwards.status).toBe(201);
    expect((await read(afterwards.body.SessionId)).body.clientRequestToken).toBe('during');
    // The failed writes cleaned up after themselves.
    expect((await readdir(dataDir, { recursive: true })).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});
