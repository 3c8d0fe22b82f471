import { SessionNotFound } from '../domain/domain.errors.js';
import type { ImageStore } from '../domain/ports/image-store.port.js';
import type { SessionRepository } from '../domain/ports/session-repository.port.js';

/** Erases a session and its images now, rather than leaving them until some later clean-up. */
export class DeleteSessionUseCase {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly images: ImageStore,
  ) {}

  /** @throws SessionNotFound */
  async execute(sessionId: string): Promise<void> {
    const session = await this.sessions.findById(sessionId);
    if (!session) throw new SessionNotFound(sessionId);
    // The image goes first: if the record's removal then fails, a retry still finds the session and
    // finishes, whereas a record removed first would leave an image nothing points at any more.
    if (session.referenceImageKey) await this.images.delete(session.referenceImageKey);
    await this.sessions.delete(sessionId);
  }
}
