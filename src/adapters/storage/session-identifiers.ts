import type { Session } from '../../domain/session.js';

/**
 * The syntax of what a session repository turns into file names or object keys. Both come from the
 * application (ids from `randomUUID()`, tokens validated by the HTTP layer), so every storage
 * adapter checks them the same way before using them in a name.
 */

/** Lower-case only, as `crypto.randomUUID()` makes them, so one id never names two files or objects. */
const SESSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CLIENT_REQUEST_TOKEN = /^[A-Za-z0-9_-]{1,64}$/;

export function isSessionId(id: string): boolean {
  return SESSION_ID.test(id);
}

export function isClientRequestToken(token: string): boolean {
  return CLIENT_REQUEST_TOKEN.test(token);
}

/** A session to be stored names its record and its token claim: anything else is a bug, so fail loudly. */
export function assertStorableSession(session: Session): void {
  if (!isSessionId(session.id)) throw new Error(`Session id ${JSON.stringify(session.id)} is not a UUID.`);
  if (!isClientRequestToken(session.clientRequestToken)) {
    throw new Error(`clientRequestToken ${JSON.stringify(session.clientRequestToken)} is not 1-64 of [A-Za-z0-9_-].`);
  }
}
