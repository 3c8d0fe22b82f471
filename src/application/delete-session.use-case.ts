import { SessionNotFound } from '../domain/domain.errors.js';
import type { ImageStore } from '../domain/ports/image-store.port.js';
import type { SessionRepository } from '../domain/ports/session-repository.port.js';
import { eraseSession } from './erase-session.js';

/** Erases a session and its images now, rather than leaving them until the retention sweep. */
export class DeleteSessionUseCase {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly images: ImageStore,
  ) {}

  /** @throws SessionNotFound */
  async execute(sessionId: string): Promise<void> {
    const session = await this.sessions.findById(sessionId);
    if (!session) throw new SessionNotFound(sessionId);
    await eraseSession(session, this.sessions, this.images);
  }
}
