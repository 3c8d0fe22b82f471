import type { BoundingBox } from '../domain/face.js';
import type { ChallengeKind } from '../domain/liveness/challenge-options.js';
import type { LivenessReason } from '../domain/liveness/liveness-decision.js';
import type { Session, SessionStatus } from '../domain/session.js';

/** What a client may learn about a session at a given moment. */
export interface SessionView {
  readonly clientRequestToken: string;
  readonly status: SessionStatus;
  /** The challenge the session runs. */
  readonly challenge: ChallengeKind;
  readonly comparisonResult: number | null;
  readonly confidence: number | null;
  /** Why the liveness check failed; empty otherwise. */
  readonly reasons: readonly LivenessReason[];
  /** The live face and audit frames, shown once the session succeeded (see SessionImage). */
  readonly referenceImage: { readonly boundingBox: BoundingBox } | null;
  readonly auditImages: readonly { readonly boundingBox: BoundingBox }[];
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

export function toSessionView(session: Session, now: Date): SessionView {
  const status = session.statusAt(now);
  const shown = status === 'succeeded';
  return {
    clientRequestToken: session.clientRequestToken,
    status,
    challenge: session.challenge,
    comparisonResult: session.comparisonResult,
    confidence: session.confidence,
    reasons: session.reasons,
    referenceImage: shown && session.liveReference ? { boundingBox: session.liveReference.boundingBox } : null,
    auditImages: shown ? session.auditImages.map(({ boundingBox }) => ({ boundingBox })) : [],
    createdAt: session.createdAt,
    expiresAt: session.expiresAt,
  };
}
