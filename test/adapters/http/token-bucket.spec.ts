import { TokenBucketLimiter } from '../../../src/adapters/http/token-bucket.js';

describe('TokenBucketLimiter', () => {
  it('lets a burst through at once, then refuses with the wait until the next token', () => {
    const limiter = new TokenBucketLimiter(2, 3);

    expect([0, 0, 0].map(() => limiter.take('a', 0))).toEqual([null, null, null]);
    expect(limiter.take('a', 0)).toEqual({ retryAfterSeconds: 1 });
  });

  it('refills at the steady rate, never above the burst', () => {
    const limiter = new TokenBucketLimiter(2, 3);
    [0, 0, 0].forEach(() => limiter.take('a', 0));

    expect(limiter.take('a', 500)).toBeNull();
    expect(limiter.take('a', 500)).not.toBeNull();
    const afterLongIdle = [0, 0, 0, 0].map(() => limiter.take('a', 60_000));
    expect(afterLongIdle.filter((r) => r === null)).toHaveLength(3);
  });

  it('keeps one bucket per client', () => {
    const limiter = new TokenBucketLimiter(1, 1);

    expect(limiter.take('a', 0)).toBeNull();
    expect(limiter.take('b', 0)).toBeNull();
    expect(limiter.take('a', 0)).toEqual({ retryAfterSeconds: 1 });
  });

  it('rounds a long wait up to whole seconds', () => {
    const limiter = new TokenBucketLimiter(0.25, 1);
    limiter.take('a', 0);

    expect(limiter.take('a', 0)).toEqual({ retryAfterSeconds: 4 });
  });

  it('does not forget a client whose bucket is still refilling when it tracks many clients', () => {
    const limiter = new TokenBucketLimiter(1, 1);
    limiter.take('busy', 0);
    for (let i = 0; i < 10_000; i++) limiter.take(`other-${i}`, 0);

    expect(limiter.take('busy', 500)).toEqual({ retryAfterSeconds: 1 });
  });
});
