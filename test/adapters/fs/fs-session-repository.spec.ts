import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FsSessionRepository } from '../../../src/adapters/fs/fs-session-repository.js';
import { ServiceUnavailable } from '../../../src/domain/domain.errors.js';
import { Session } from '../../../src/domain/session.js';
import { describeSessionRepository, newSession, T0 } from '../../contracts/session-repository.contract.js';
import { listTree, tempFilesIn, useTempDirs } from './fs-test-helpers.js';


describe('FsSessionRepository', () => {
  const tempDir = useTempDirs('sessions');

  describeSessionRepository(async () => new FsSessionRepository(await tempDir()));

  describe('on disk', () => {
    let dataDir: string;
    let repository: FsSessionRepository;

    beforeEach(async () => {
      dataDir = await tempDir();
      repository = new FsSessionRepository(dataDir);
    });

    it('writes files with mode 0600 in directories with mode 0700', async () => {
      const session = newSession('token-modes');
      await repository.createUnlessTokenHeld(session, T0);
      await repository.update(Session.fromRecord({ ...session.toRecord(), status: 'processing' }));

      const tree = await listTree(dataDir);

      expect(tree.map((e) => e.path).sort()).toEqual([
        'sessions',
        `sessions/${session.id}.json`,
        'tokens',
        'tokens/token-modes',
        'tokens/token-modes/0.json',
      ]);
      for (const entry of tree) {
        expect([entry.path, entry.mode]).toEqual([entry.path, entry.kind === 'dir' ? 0o700 : 0o600]);
      }
    });

    it('leaves no temp files and no losing sessions after a race for one token', async () => {
      const contenders = Array.from({ length: 20 }, () => newSession('token-tidy'));
      const results = await Promise.all(contenders.map((s) => repository.createUnlessTokenHeld(s, T0)));
      await repository.update(Session.fromRecord({ ...results[0].toRecord(), status: 'failed' }));

      const tree = await listTree(dataDir);

      expect(tempFilesIn(tree)).toEqual([]);
      expect(await readdir(join(dataDir, 'sessions'))).toEqual([`${results[0].id}.json`]);
    });

    it('gives one session when two repositories on one directory race for a token', async () => {
      const other = new FsSessionRepository(dataDir);
      const contenders = Array.from({ length: 20 }, () => newSession('token-shared'));

      const results = await Promise.all(
        contenders.map((s, i) => (i % 2 === 0 ? repository : other).createUnlessTokenHeld(s, T0)),
      );

      expect(new Set(results.map((s) => s.id)).size).toBe(1);
      expect(await readdir(join(dataDir, 'tokens', 'token-shared'))).toEqual(['0.json']);
    });

    it('gives one replacement when two repositories race to replace an expired holder', async () => {
      const other = new FsSessionRepository(dataDir);
      const expired = newSession('token-shared-expired');
      await repository.createUnlessTokenHeld(expired, T0);
      const later = new Date(T0.getTime() + 61_000);
      const contenders = Array.from({ length: 20 }, () => newSession('token-shared-expired', later));

      const results = await Promise.all(
        contenders.map((s, i) => (i % 2 === 0 ? repository : other).createUnlessTokenHeld(s, later)),
      );

      const ids = new Set(results.map((s) => s.id));
      expect(ids.size).toBe(1);
      expect(ids.has(expired.id)).toBe(false);
    });

    it('reads other sessions when a crash left temp files and a truncated session file', async () => {
      const intact = newSession('token-intact');
      await repository.createUnlessTokenHeld(intact, T0);
      const damagedId = randomUUID();
      await writeFile(join(dataDir, 'sessions', `${damagedId}.json`), '{"id": "' + damagedId.slice(0, 8));
      await writeFile(join(dataDir, 'sessions', `.${randomUUID()}.json.0123456789abcdef.tmp`), '{"id":');
      await writeFile(join(dataDir, 'tokens', 'token-intact', '.1.json.0123456789abcdef.tmp'), '{"sess');

      expect((await repository.findById(intact.id))?.toRecord()).toEqual(intact.toRecord());
      expect((await repository.createUnlessTokenHeld(newSession('token-intact'), T0)).id).toBe(intact.id);
      const fresh = newSession('token-after-crash');
      expect((await repository.createUnlessTokenHeld(fresh, T0)).id).toBe(fresh.id);
    });

    it('serves an unchanged session from memory, and reads it again once another repository changed it', async () => {
      const session = newSession('token-recent');
      await repository.createUnlessTokenHeld(session, T0);
      const first = await repository.findById(session.id);

      expect(await repository.findById(session.id)).toBe(first);

      await new FsSessionRepository(dataDir).update(Session.fromRecord({ ...session.toRecord(), status: 'failed' }));
      const after = await repository.findById(session.id);

      expect(after).not.toBe(first);
      expect(after?.toRecord().status).toBe('failed');
    });

    it('sees a session file rewritten in place by another program', async () => {
      const session = newSession('token-in-place');
      await repository.createUnlessTokenHeld(session, T0);
      await repository.findById(session.id);

      // Same length as the stored record, same inode: only the change time tells the versions apart.
      const path = join(dataDir, 'sessions', `${session.id}.json`);
      const rewritten = `${JSON.stringify({ ...session.toRecord(), confidence: 0.25 })}\n`;
      expect(rewritten.length).toBe((await readFile(path, 'utf8')).length);
      await writeFile(path, rewritten);

      expect((await repository.findById(session.id))?.confidence).toBe(0.25);
    });

    it('takes a directory where a session file would be for no session at all', async () => {
      const id = randomUUID();
      await mkdir(join(dataDir, 'sessions', `${id}.json`), { recursive: true });
      const session = Session.fromRecord({ ...newSession('token-directory').toRecord(), id });

      await expect(repository.findById(id)).resolves.toBeNull();
      await expect(repository.update(session)).rejects.toMatchObject({ code: 'SESSION_NOT_FOUND' });
      await expect(repository.delete(id)).rejects.toMatchObject({ code: 'SESSION_NOT_FOUND' });
    });

    it('reports a damaged session file as ServiceUnavailable without the data directory in the message', async () => {
      const damagedId = randomUUID();
      await mkdir(join(dataDir, 'sessions'), { recursive: true });
      await writeFile(join(dataDir, 'sessions', `${damagedId}.json`), '{"id": "');

      const failure: unknown = await repository.findById(damagedId).catch((error: unknown) => error);

      expect(failure).toBeInstanceOf(ServiceUnavailable);
      expect((failure as Error).message).toMatch(/session .* cannot be read/);
      expect((failure as Error).message).not.toContain(dataDir);
    });

    it('reports a session file of the wrong shape as ServiceUnavailable rather than returning it', async () => {
      const session = newSession('token-shape');
      await repository.createUnlessTokenHeld(session, T0);
      const wrong = { ...session.toRecord(), status: 'exploded' };
      await writeFile(join(dataDir, 'sessions', `${session.id}.json`), JSON.stringify(wrong));

      await expect(repository.findById(session.id)).rejects.toThrow(ServiceUnavailable);
    });

    it('reports a damaged token claim as ServiceUnavailable for that token only', async () => {
      await mkdir(join(dataDir, 'tokens', 'token-damaged'), { recursive: true });
      await writeFile(join(dataDir, 'tokens', 'token-damaged', '0.json'), '{"sessionId": 4');

      const create = repository.createUnlessTokenHeld(newSession('token-damaged'), T0);

      await expect(create).rejects.toThrow(ServiceUnavailable);
      const other = newSession('token-healthy');
      expect((await repository.createUnlessTokenHeld(other, T0)).id).toBe(other.id);
    });

    const escapingIds = ['../outside', '../../outside', '..%2f..%2foutside', '%2e%2e/outside'];
    it.each([...escapingIds, `${randomUUID()}\0`, `../sessions/${randomUUID()}`])(
      'finds nothing for the id %j, even with a valid record outside sessions/',
      async (id) => {
        const bait = newSession('token-bait');
        await writeFile(join(dataDir, 'outside.json'), JSON.stringify({ ...bait.toRecord(), id }));

        expect(await repository.findById(id)).toBeNull();
      },
    );

    it.each(['../escape', 'a/../../b', '%2e%2e', 'nul\0byte', 'x'.repeat(65)])(
      'refuses to store a session whose token %j could name a path, writing nothing',
      async (token) => {
        const root = join(dataDir, 'nested');
        const nested = new FsSessionRepository(root);

        await expect(nested.createUnlessTokenHeld(newSession(token), T0)).rejects.toThrow(/clientRequestToken/);
        expect(await listTree(dataDir)).toEqual([]);
      },
    );
  });
});
