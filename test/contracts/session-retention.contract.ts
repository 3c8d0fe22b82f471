import type { SessionRepository } from '../../src/domain/ports/session-repository.port.js';
import type { Session } from '../../src/domain/session.js';
import { newSession, T0 } from './session-repository.contract.js';

const HOUR_MS = 3_600_000;
const hoursAfterT0 = (hours: number) => new Date(T0.getTime() + hours * HOUR_MS);

/** SessionRepository.createdBefore, the retention sweep's view; part of the repository contract. */
export function describeSessionRetention(make: () => Promise<SessionRepository>): void {
  describe('SessionRepository retention contract', () => {
    let repository: SessionRepository;
    const store = async (session: Session) => repository.createUnlessTokenHeld(session, session.createdAt);

    beforeEach(async () => {
      repository = await make();
    });

    it('lists exactly the sessions created before the cutoff, and lets the caller delete each as it comes', async () => {
      const oldest = await store(newSession('retention-oldest', T0));
      const older = await store(newSession('retention-older', hoursAfterT0(23.9)));
      const atCutoff = await store(newSession('retention-at-cutoff', hoursAfterT0(24)));

      const listed: string[] = [];
      for await (const session of repository.createdBefore(hoursAfterT0(24))) {
        listed.push(session.id);
        await repository.delete(session.id);
      }

      expect(listed.sort()).toEqual([oldest.id, older.id].sort());
      expect(await repository.findById(oldest.id)).toBeNull();
      expect(await repository.findById(older.id)).toBeNull();
      expect((await repository.findById(atCutoff.id))?.toRecord()).toEqual(atCutoff.toRecord());
    });

    it('lists nothing when nothing is stored', async () => {
      const listed: Session[] = [];
      for await (const session of repository.createdBefore(hoursAfterT0(1000))) listed.push(session);

      expect(listed).toEqual([]);
    });
  });
}
