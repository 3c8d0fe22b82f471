import { SessionImageNotFound, SessionNotFound } from '../domain/domain.errors.js';
import type { ImageStore } from '../domain/ports/image-store.port.js';
import type { SessionRepository } from '../domain/ports/session-repository.port.js';

/** `reference`: the live face; a number: that audit frame. */
export type SessionImageName = 'reference' | number;

export class GetSessionImageUseCase {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly images: ImageStore,
  ) {}

  /**
   * A picture the liveness check kept, as stored (metadata stripped); only once the session succeeded.
   * @throws SessionNotFound; SessionImageNotFound for one never taken, or a session not succeeded.
   */
  async execute(sessionId: string, name: SessionImageName): Promise<{ readonly bytes: Uint8Array; readonly format: 'jpeg' | 'png' }> {
    const session = await this.sessions.findById(sessionId);
    if (!session) throw new SessionNotFound(sessionId);
    const face = name === 'reference' ? session.liveReference : session.auditImages[name];
    const bytes = session.succeeded && face ? await this.images.get(face.key) : null;
    if (!face || !bytes) throw new SessionImageNotFound();
    return { bytes, format: face.key.endsWith('.png') ? 'png' : 'jpeg' };
  }
}
