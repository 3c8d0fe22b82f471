import { SessionNotFound } from '../../src/domain/domain.errors.js';
import { SessionRepository } from '../../src/domain/ports/session-repository.port.js';
import { Session, type SessionRecord } from '../../src/domain/session.js';

/**
 * Sessions in maps. Each method runs to completion without awaiting, so calls are atomic the way
 * the port requires. It passes the same contract suite as the real repositories.
 */
export class InMemorySessionRepository extends SessionRepository {
  private readonly records = new Map<string, SessionRecord>();
  /** clientRequestToken → id of the session holding it. */
  private readonly holders = new Map<string, string>();

  override async createUnlessTokenHeld(session: Session, now: Date): Promise<Session> {
    const holderId = this.holders.get(session.clientRequestToken);
    const holder = holderId === undefined ? null : this.load(holderId);
    if (holder && !holder.isExpiredAt(now)) return holder;
    this.records.set(session.id, session.toRecord());
    this.holders.set(session.clientRequestToken, session.id);
    return Session.fromRecord(session.toRecord());
  }

  override async findById(id: string): Promise<Session | null> {
    return this.load(id);
  }

  override async update(session: Session): Promise<void> {
    if (!this.records.has(session.id)) throw new SessionNotFound(session.id);
    this.records.set(session.id, session.toRecord());
  }

  /** The token's entry stays; it names a missing session, which leaves the token free. */
  override async delete(id: string): Promise<void> {
    if (!this.records.delete(id)) throw new SessionNotFound(id);
  }

  override async *createdBefore(cutoff: Date): AsyncIterable<Session> {
    for (const record of [...this.records.values()]) {
      if (new Date(record.createdAt) < cutoff) yield Session.fromRecord(record);
    }
  }

  private load(id: string): Session | null {
    const record = this.records.get(id);
    return record ? Session.fromRecord(record) : null;
  }
}
