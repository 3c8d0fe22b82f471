import { MonthlyQuota } from '../../../src/adapters/http/monthly-quota.js';
import { TooManyRequestsException } from '../../../src/adapters/http/too-many-requests.exception.js';
import { UsageLedger } from '../../../src/domain/ports/usage-ledger.port.js';

class InMemoryLedger extends UsageLedger {
  readonly counts = new Map<string, number>();

  override async increment(month: string): Promise<number> {
    const count = (this.counts.get(month) ?? 0) + 1;
    this.counts.set(month, count);
    return count;
  }
}

describe('MonthlyQuota', () => {
  it('counts each call in its UTC month and admits up to the limit', async () => {
    const ledger = new InMemoryLedger();
    const quota = new MonthlyQuota(ledger, 2);

    await expect(quota.count(new Date('2026-11-30T23:59:59Z'))).resolves.toBe(true);
    await expect(quota.count(new Date('2026-11-30T23:59:59Z'))).resolves.toBe(true);
    await expect(quota.count(new Date('2026-12-01T00:00:00Z'))).resolves.toBe(true);
    expect(Object.fromEntries(ledger.counts)).toEqual({ '2026-11': 2, '2026-12': 1 });
  });

  it('refuses the call past the limit with the seconds left until the next month', async () => {
    const quota = new MonthlyQuota(new InMemoryLedger(), 1);
    const now = new Date('2026-11-30T23:00:00.500Z');
    await quota.count(now);

    const refusal = await quota.count(now).catch((error: unknown) => error);

    expect(refusal).toBeInstanceOf(TooManyRequestsException);
    expect(refusal).toMatchObject({ retryAfterSeconds: 3600, message: 'The monthly quota of 1 requests is used up.' });
  });
});
