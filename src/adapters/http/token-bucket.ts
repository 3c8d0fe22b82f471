/** Refused: wait this many whole seconds before the next call can pass. */
export interface Refusal {
  readonly retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Buckets tracked at most; beyond it, buckets that have refilled (idle clients) are forgotten. */
const MAX_TRACKED = 10_000;

/**
 * API Gateway's throttling model: each client has a bucket of `burst` tokens refilled at
 * `ratePerSecond`; a call takes one token or is refused.
 */
export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
  ) {}

  /** Takes a token for `client` at `nowMs`; returns null when the call may pass. */
  take(client: string, nowMs: number): Refusal | null {
    const bucket = this.refilled(client, nowMs);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return null;
    }
    return { retryAfterSeconds: Math.ceil((1 - bucket.tokens) / this.ratePerSecond) };
  }

  private refilled(client: string, nowMs: number): Bucket {
    let bucket = this.buckets.get(client);
    if (!bucket) {
      if (this.buckets.size >= MAX_TRACKED) this.forgetFull(nowMs);
      bucket = { tokens: this.burst, updatedAt: nowMs };
      this.buckets.set(client, bucket);
    }
    const elapsedSeconds = Math.max(0, nowMs - bucket.updatedAt) / 1000;
    bucket.tokens = Math.min(this.burst, bucket.tokens + elapsedSeconds * this.ratePerSecond);
    bucket.updatedAt = nowMs;
    return bucket;
  }

  /** A full bucket is the same as no bucket, so dropping it changes no answer. */
  private forgetFull(nowMs: number): void {
    for (const [client, bucket] of this.buckets) {
      const tokens = bucket.tokens + (Math.max(0, nowMs - bucket.updatedAt) / 1000) * this.ratePerSecond;
      if (tokens >= this.burst) this.buckets.delete(client);
    }
  }
}
