import { SessionNotFound } from '../domain/domain.errors.js';
import type { Clock } from '../domain/ports/clock.port.js';
import type { SessionRepository } from '../domain/ports/session-repository.port.js';
import { toSessionView, type SessionView } from './session-view.js';

export class GetSessionUseCase {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly clock: Clock,
  ) {}

  /** @throws SessionNotFound */
  async execute(sessionId: string): Promise<SessionView> {
    const session = await this.sessions.findById(sessionId);
    if (!session) throw new SessionNotFound(sessionId);
    return toSessionView(session, this.clock.now());
  }
}
