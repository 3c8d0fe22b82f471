import { SessionNotFound } from '../domain/domain.errors.js';
import type { SessionRepository } from '../domain/ports/session-repository.port.js';
import type { Session } from '../domain/session.js';
import type { ProviderLiveness } from './provider-liveness.js';

/**
 * A stored session as it stands at `now`. Where a provider runs the liveness check (Rekognition), it
 * is asked until it decides, so every read, of the status or of a picture, sees its outcome.
 * @throws SessionNotFound; ProviderThrottled, ProviderFailed while the provider is asked.
 */
export async function currentSession(sessions: SessionRepository, providerLiveness: ProviderLiveness | null, sessionId: string, now: Date): Promise<Session> {
  const stored = await sessions.findById(sessionId);
  if (!stored) throw new SessionNotFound(sessionId);
  return providerLiveness ? providerLiveness.refresh(stored, now) : stored;
}
