import type { Session, SessionStatus } from '../domain/session.js';

/** What a client may learn about a session at a given moment. */
export interface SessionView {
  readonly clientRequestToken: string;
  readonly status: SessionStatus;
  readonly comparisonResult: number | null;
  readonly confidence: number | null;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

export function toSessionView(session: Session, now: Date): SessionView {
  return {
    clientRequestToken: session.clientRequestToken,
    status: session.statusAt(now),
    comparisonResult: session.comparisonResult,
    confidence: session.confidence,
    createdAt: session.createdAt,
    expiresAt: session.expiresAt,
  };
}
