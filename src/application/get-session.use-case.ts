import type { Clock } from '../domain/ports/clock.port.js';
import type { SessionRepository } from '../domain/ports/session-repository.port.js';
import { currentSession } from './current-session.js';
import type { ProviderLiveness } from './provider-liveness.js';
import { toSessionView, type SessionView } from './session-view.js';

export class GetSessionUseCase {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly clock: Clock,
    /** Where a provider runs the liveness check (Rekognition): it is asked until it decides. */
    private readonly providerLiveness: ProviderLiveness | null = null,
  ) {}

  /** @throws SessionNotFound; ProviderThrottled, ProviderFailed while the provider is asked. */
  async execute(sessionId: string): Promise<SessionView> {
    const now = this.clock.now();
    return toSessionView(await currentSession(this.sessions, this.providerLiveness, sessionId, now), now);
  }
}
