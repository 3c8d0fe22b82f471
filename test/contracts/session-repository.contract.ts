import { randomUUID } from 'node:crypto';
import { SessionNotFound } from '../../src/domain/domain.errors.js';
import type { SessionRepository } from '../../src/domain/ports/session-repository.port.js';
import { Session, type SessionRecord } from '../../src/domain/session.js';
import { describeSessionRetention } from './session-retention.contract.js';

export const T0 = new Date('2025-01-01T00:00:00.000Z');
const LIFETIME_SECONDS = 60;

function at(seconds: number): Date {
  return new Date(T0.getTime() + seconds * 1000);
}

/** A fresh session holding `token`, created at `createdAt` with a one-minute lifetime. */
export function newSession(token: string, createdAt: Date = T0): Session {
  return Session.create({
    id: randomUUID(),
    clientRequestToken: token,
    requestFingerprint: `fingerprint-${randomUUID()}`,
    referenceImageKey: `sessions/${token}/reference.jpg`,
    createdAt,
    lifetimeSeconds: LIFETIME_SECONDS,
    capture: { lifetimeSeconds: LIFETIME_SECONDS, returnUrl: null },
  });
}

function withChanges(session: Session, changes: Partial<SessionRecord>): Session {
  return Session.fromRecord({ ...session.toRecord(), ...changes });
}

/** Behaviour every SessionRepository has; `make` returns a fresh, empty repository. */
export function describeSessionRepository(make: () => Promise<SessionRepository>): void {
  describe('SessionRepository contract', () => {
    let repository: SessionRepository;

    beforeEach(async () => {
      repository = await make();
    });

    it('stores a session whose token is free and finds it by id with the same record', async () => {
      const session = newSession('token-free');

      const created = await repository.createUnlessTokenHeld(session, T0);

      expect(created.toRecord()).toEqual(session.toRecord());
      expect((await repository.findById(session.id))?.toRecord()).toEqual(session.toRecord());
    });

    it('returns the unexpired holder of a token instead of storing the newcomer', async () => {
      const holder = newSession('token-held');
      await repository.createUnlessTokenHeld(holder, T0);
      const newcomer = newSession('token-held', at(10));

      const result = await repository.createUnlessTokenHeld(newcomer, at(10));

      expect(result.toRecord()).toEqual(holder.toRecord());
      expect(result.requestFingerprint).not.toBe(newcomer.requestFingerprint);
    });

    it('keeps the holder until the very instant its lifetime ends', async () => {
      const holder = newSession('token-edge');
      await repository.createUnlessTokenHeld(holder, T0);
      const justBefore = new Date(at(LIFETIME_SECONDS).getTime() - 1);

      const result = await repository.createUnlessTokenHeld(newSession('token-edge', justBefore), justBefore);

      expect(result.id).toBe(holder.id);
    });

    it('lets a new session replace a holder that has expired, and keeps the old one readable', async () => {
      const expired = newSession('token-reused');
      await repository.createUnlessTokenHeld(expired, T0);
      const replacement = newSession('token-reused', at(LIFETIME_SECONDS));

      const result = await repository.createUnlessTokenHeld(replacement, at(LIFETIME_SECONDS));

      expect(result.id).toBe(replacement.id);
      expect((await repository.findById(expired.id))?.toRecord()).toEqual(expired.toRecord());
      const retry = await repository.createUnlessTokenHeld(newSession('token-reused', at(70)), at(70));
      expect(retry.id).toBe(replacement.id);
    });

    it('keeps different tokens apart', async () => {
      const first = await repository.createUnlessTokenHeld(newSession('token-a'), T0);
      const second = await repository.createUnlessTokenHeld(newSession('token-b'), T0);

      expect(second.id).not.toBe(first.id);
      expect((await repository.findById(first.id))?.clientRequestToken).toBe('token-a');
      expect((await repository.findById(second.id))?.clientRequestToken).toBe('token-b');
    });

    it('gives twenty concurrent creates with one token one and the same stored session', async () => {
      const contenders = Array.from({ length: 20 }, () => newSession('token-race'));

      const results = await Promise.all(contenders.map((s) => repository.createUnlessTokenHeld(s, T0)));

      const ids = new Set(results.map((s) => s.id));
      expect(ids.size).toBe(1);
      const winner = contenders.find((s) => s.id === results[0].id);
      expect(winner).toBeDefined();
      expect((await repository.findById(winner!.id))?.toRecord()).toEqual(winner!.toRecord());
    });

    it('gives concurrent creates racing to replace an expired holder one new session', async () => {
      const expired = newSession('token-race-expired');
      await repository.createUnlessTokenHeld(expired, T0);
      const later = at(LIFETIME_SECONDS + 1);
      const contenders = Array.from({ length: 20 }, () => newSession('token-race-expired', later));

      const results = await Promise.all(contenders.map((s) => repository.createUnlessTokenHeld(s, later)));

      const ids = new Set(results.map((s) => s.id));
      expect(ids.size).toBe(1);
      expect(contenders.map((s) => s.id)).toContain(results[0].id);
    });

    it('makes an update visible to findById', async () => {
      const session = newSession('token-update');
      await repository.createUnlessTokenHeld(session, T0);
      const finished = withChanges(session, { status: 'succeeded', comparisonResult: 0.93, confidence: 0.99 });

      await repository.update(finished);

      expect((await repository.findById(session.id))?.toRecord()).toEqual(finished.toRecord());
    });

    it('ends concurrent updates of one session with one of them whole', async () => {
      const session = newSession('token-updates');
      await repository.createUnlessTokenHeld(session, T0);
      const versions = Array.from({ length: 10 }, (_, i) =>
        withChanges(session, { status: 'succeeded', comparisonResult: i / 10, confidence: i / 10 }),
      );

      await Promise.all(versions.map((v) => repository.update(v)));

      const stored = (await repository.findById(session.id))?.toRecord();
      expect(versions.map((v) => v.toRecord())).toContainEqual(stored);
      expect(stored?.confidence).toBe(stored?.comparisonResult);
    });

    it('rejects an update of a session it never stored with SessionNotFound', async () => {
      const stranger = newSession('token-stranger');

      await expect(repository.update(stranger)).rejects.toThrow(SessionNotFound);
      expect(await repository.findById(stranger.id)).toBeNull();
    });

    it('deletes a session so that findById finds nothing, leaving other sessions alone', async () => {
      const doomed = newSession('token-doomed');
      const kept = newSession('token-kept');
      await repository.createUnlessTokenHeld(doomed, T0);
      await repository.createUnlessTokenHeld(kept, T0);

      await repository.delete(doomed.id);

      expect(await repository.findById(doomed.id)).toBeNull();
      expect((await repository.findById(kept.id))?.toRecord()).toEqual(kept.toRecord());
    });

    it('frees the token of a deleted unexpired session: the next create stores the newcomer', async () => {
      const deleted = newSession('token-deleted');
      await repository.createUnlessTokenHeld(deleted, T0);
      await repository.delete(deleted.id);
      const newcomer = newSession('token-deleted', at(10));

      const result = await repository.createUnlessTokenHeld(newcomer, at(10));

      expect(result.toRecord()).toEqual(newcomer.toRecord());
      expect((await repository.createUnlessTokenHeld(newSession('token-deleted', at(20)), at(20))).id).toBe(newcomer.id);
    });

    it('rejects deleting a session twice, or one it never stored, with SessionNotFound', async () => {
      const session = newSession('token-delete-twice');
      await repository.createUnlessTokenHeld(session, T0);
      await repository.delete(session.id);

      await expect(repository.delete(session.id)).rejects.toThrow(SessionNotFound);
      await expect(repository.delete(randomUUID())).rejects.toThrow(SessionNotFound);
      for (const id of ['', 'not-a-uuid', '../sessions']) {
        await expect(repository.delete(id)).rejects.toThrow(SessionNotFound);
      }
    });

    it('rejects an update of a deleted session with SessionNotFound, not bringing it back', async () => {
      const session = newSession('token-update-deleted');
      await repository.createUnlessTokenHeld(session, T0);
      await repository.delete(session.id);

      await expect(repository.update(withChanges(session, { status: 'succeeded' }))).rejects.toThrow(SessionNotFound);
      expect(await repository.findById(session.id)).toBeNull();
    });

    it('finds nothing for an unknown id or a string that is not a session id', async () => {
      await repository.createUnlessTokenHeld(newSession('token-known'), T0);

      expect(await repository.findById(randomUUID())).toBeNull();
      for (const id of ['', 'not-a-uuid', '../sessions', 'a/b', '%2e%2e']) {
        expect(await repository.findById(id)).toBeNull();
      }
    });
  });
  describeSessionRetention(make);
}
