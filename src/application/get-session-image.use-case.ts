import { SessionImageNotFound } from '../domain/domain.errors.js';
import type { Clock } from '../domain/ports/clock.port.js';
import type { ImageStore } from '../domain/ports/image-store.port.js';
import type { SessionRepository } from '../domain/ports/session-repository.port.js';
import { currentSession } from './current-session.js';
import type { ProviderLiveness } from './provider-liveness.js';

/** `reference`: the live face; a number: that audit frame. */
export type SessionImageName = 'reference' | number;

export class GetSessionImageUseCase {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly images: ImageStore,
    private readonly clock: Clock,
    /** Where a provider runs the liveness check: a picture asked for before any status read still finds its outcome. */
    private readonly providerLiveness: ProviderLiveness | null = null,
  ) {}

  /**
   * A picture the liveness check kept, as stored (metadata stripped); only once the session succeeded.
   * @throws SessionNotFound; SessionImageNotFound for one never taken, or a session not succeeded;
   * ProviderThrottled, ProviderFailed while the provider is asked.
   */
  async execute(sessionId: string, name: SessionImageName): Promise<{ readonly bytes: Uint8Array; readonly format: 'jpeg' | 'png' }> {
    const session = await currentSession(this.sessions, this.providerLiveness, sessionId, this.clock.now());
    const face = name === 'reference' ? session.liveReference : session.auditImages[name];
    const bytes = session.succeeded && face ? await this.images.get(face.key) : null;
    if (!face || !bytes) throw new SessionImageNotFound();
    return { bytes, format: face.key.endsWith('.png') ? 'png' : 'jpeg' };
  }
}
