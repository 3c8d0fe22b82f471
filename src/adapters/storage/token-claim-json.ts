import { ServiceUnavailable } from '../../domain/domain.errors.js';
import { isSessionId } from './session-identifiers.js';

/** A token claim as stored: `{"sessionId": ...}`, naming the session that holds (or held) the token. */
export function serializeTokenClaim(sessionId: string): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify({ sessionId })}\n`);
}

/** The session id a stored claim of `token` names. @throws ServiceUnavailable when the claim is damaged. */
export function parseTokenClaim(bytes: Uint8Array, token: string): string {
  const sessionId = claimedSessionId(new TextDecoder().decode(bytes));
  if (sessionId === null) throw new ServiceUnavailable(`storage is damaged: a claim of token ${token} cannot be read`);
  return sessionId;
}

function claimedSessionId(text: string): string | null {
  try {
    const sessionId: unknown = (JSON.parse(text) as { sessionId?: unknown } | null)?.sessionId;
    return typeof sessionId === 'string' && isSessionId(sessionId) ? sessionId : null;
  } catch {
    return null;
  }
}
