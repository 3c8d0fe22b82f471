import type { BoundingBox } from './face.js';
import type { ChallengeKind } from './liveness/challenge-options.js';
import type { LivenessOutcome, LivenessReason } from './liveness/liveness-decision.js';
import type { LivenessRecord } from './liveness/liveness-record.js';

export type SessionStatus = 'created' | 'processing' | 'succeeded' | 'failed' | 'expired';

/** The statuses a session can be stored in; `expired` is derived from the clock, never stored. */
export type StoredSessionStatus = Exclude<SessionStatus, 'expired'>;

/** A session as plain JSON-safe data, the shape repositories persist. */
export interface SessionRecord {
  readonly id: string;
  readonly clientRequestToken: string;
  /** Digest of the creating request's body: a retry must match it to be idempotent. */
  readonly requestFingerprint: string;
  readonly status: StoredSessionStatus;
  readonly comparisonResult: number | null;
  readonly confidence: number | null;
  readonly referenceImageKey: string | null;
  readonly createdAt: string;
  readonly expiresAt: string;
  /** Until when the capture link works; null on sessions stored before liveness existed. */
  readonly captureExpiresAt: string | null;
  /** Where the capture page sends the user when done (an allowed origin, checked at creation). */
  readonly returnUrl: string | null;
  /** The challenge the session runs, chosen at creation; absent on records stored before the light challenge: movement. */
  readonly challenge?: ChallengeKind;
  /** The embedded liveness check, from the first frame on. */
  readonly liveness: LivenessRecord | null;
  readonly reasons: readonly LivenessReason[];
  /** The live face kept as the session's reference image, and audit frames, once taken. */
  readonly liveReference: StoredFace | null;
  readonly auditImages: readonly StoredFace[];
  /**
   * The liveness provider's session running this session's check (Rekognition Face Liveness), once
   * opened. Absent until then, with the embedded check, and on records stored before providers.
   */
  readonly providerSessionId?: string | null;
}

/** A frame kept as a picture: where it is stored and where its face is. */
export interface StoredFace {
  readonly key: string;
  readonly boundingBox: BoundingBox;
}

/** The capture side of a new session: how long its link works, and where the page returns. */
export interface CaptureGrant {
  readonly lifetimeSeconds: number;
  readonly returnUrl: string | null;
  /** The challenge the capture runs; movement when not given. */
  readonly challenge?: ChallengeKind;
}

export class Session {
  private constructor(private readonly record: SessionRecord) {}

  static create(fields: {
    id: string;
    clientRequestToken: string;
    requestFingerprint: string;
    referenceImageKey: string | null;
    createdAt: Date;
    lifetimeSeconds: number;
    capture: CaptureGrant;
  }): Session {
    const expiresAt = fields.createdAt.getTime() + fields.lifetimeSeconds * 1000;
    // The capture link dies with the session at the latest.
    const captureExpiresAt = Math.min(expiresAt, fields.createdAt.getTime() + fields.capture.lifetimeSeconds * 1000);
    return new Session({
      id: fields.id,
      clientRequestToken: fields.clientRequestToken,
      requestFingerprint: fields.requestFingerprint,
      status: 'created',
      comparisonResult: null,
      confidence: null,
      referenceImageKey: fields.referenceImageKey,
      createdAt: fields.createdAt.toISOString(),
      expiresAt: new Date(expiresAt).toISOString(),
      captureExpiresAt: new Date(captureExpiresAt).toISOString(),
      returnUrl: fields.capture.returnUrl,
      challenge: fields.capture.challenge ?? 'movement',
      liveness: null,
      reasons: [],
      liveReference: null,
      auditImages: [],
    });
  }

  static fromRecord(record: SessionRecord): Session {
    return new Session(structuredClone(record));
  }

  toRecord(): SessionRecord {
    return structuredClone(this.record);
  }

  /** The liveness check moved on: the session is `processing` from its first frame until decided. */
  withLiveness(liveness: LivenessRecord): Session {
    return this.with({ liveness }).started();
  }

  /** The capture has begun: `processing` until decided. */
  started(): Session {
    return this.record.status === 'created' ? this.with({ status: 'processing' }) : this;
  }

  withProviderSession(providerSessionId: string): Session {
    return this.with({ providerSessionId });
  }

  /**
   * Ended unfinished before its time (the provider's session expired): it reads `expired` from `now`
   * on, its capture link is dead, and its clientRequestToken is free for a new session.
   */
  expireAt(now: Date): Session {
    const end = (instant: string) => new Date(Math.min(now.getTime(), Date.parse(instant))).toISOString();
    return this.with({ expiresAt: end(this.record.expiresAt), captureExpiresAt: this.record.captureExpiresAt && end(this.record.captureExpiresAt) });
  }

  withLiveReference(face: StoredFace): Session {
    return this.with({ liveReference: face });
  }

  withAuditImage(face: StoredFace): Session {
    return this.with({ auditImages: [...this.record.auditImages, face] });
  }

  /** The liveness decision, with the comparison of the session's reference image and the live face (null without one). */
  finish(outcome: LivenessOutcome, comparisonResult: number | null): Session {
    return this.with({ status: outcome.status, confidence: outcome.confidence, reasons: outcome.reasons, comparisonResult });
  }

  /** Images of a failed session are dropped with its result: nothing is shown of them, so nothing is kept. */
  withoutLiveImages(): Session {
    return this.with({ liveReference: null, auditImages: [] });
  }

  private with(changes: Partial<SessionRecord>): Session {
    return new Session({ ...this.toRecord(), ...changes });
  }

  get id(): string {
    return this.record.id;
  }
  get clientRequestToken(): string {
    return this.record.clientRequestToken;
  }
  get requestFingerprint(): string {
    return this.record.requestFingerprint;
  }
  get comparisonResult(): number | null {
    return this.record.comparisonResult;
  }
  get confidence(): number | null {
    return this.record.confidence;
  }
  get referenceImageKey(): string | null {
    return this.record.referenceImageKey;
  }
  get createdAt(): Date {
    return new Date(this.record.createdAt);
  }
  get expiresAt(): Date {
    return new Date(this.record.expiresAt);
  }
  get returnUrl(): string | null {
    return this.record.returnUrl;
  }
  get challenge(): ChallengeKind {
    return this.record.challenge ?? 'movement';
  }
  get liveness(): LivenessRecord | null {
    return this.record.liveness;
  }
  get reasons(): readonly LivenessReason[] {
    return this.record.reasons;
  }
  get liveReference(): StoredFace | null {
    return this.record.liveReference;
  }
  get auditImages(): readonly StoredFace[] {
    return this.record.auditImages;
  }
  get providerSessionId(): string | null {
    return this.record.providerSessionId ?? null;
  }

  /** Whether the capture link still works at `now`: not after its own lifetime, nor after the session's. */
  captureOpenAt(now: Date): boolean {
    return this.record.captureExpiresAt !== null && now.getTime() < new Date(this.record.captureExpiresAt).getTime();
  }

  get succeeded(): boolean {
    return this.record.status === 'succeeded';
  }

  /** Decided: succeeded or failed. */
  get isFinished(): boolean {
    return this.record.status === 'succeeded' || this.record.status === 'failed';
  }

  /** A session that never finished reads `expired` once its lifetime is over. */
  statusAt(now: Date): SessionStatus {
    const unfinished = this.record.status === 'created' || this.record.status === 'processing';
    return unfinished && this.isExpiredAt(now) ? 'expired' : this.record.status;
  }

  /** Within its lifetime a session owns its clientRequestToken: a retry gets this session back. */
  isExpiredAt(now: Date): boolean {
    return now.getTime() >= new Date(this.record.expiresAt).getTime();
  }
}
