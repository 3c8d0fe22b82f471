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
  }): Session {
    return new Session({
      id: fields.id,
      clientRequestToken: fields.clientRequestToken,
      requestFingerprint: fields.requestFingerprint,
      status: 'created',
      comparisonResult: null,
      confidence: null,
      referenceImageKey: fields.referenceImageKey,
      createdAt: fields.createdAt.toISOString(),
      expiresAt: new Date(fields.createdAt.getTime() + fields.lifetimeSeconds * 1000).toISOString(),
    });
  }

  static fromRecord(record: SessionRecord): Session {
    return new Session({ ...record });
  }

  toRecord(): SessionRecord {
    return { ...this.record };
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
