import type { UsageLedger } from '../../domain/ports/usage-ledger.port.js';
import { TooManyRequestsException } from './too-many-requests.exception.js';

function secondsUntilNextMonth(now: Date): number {
  const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
  return Math.ceil((next - now.getTime()) / 1000);
}

/**
 * The calendar-month quota of API Gateway's usage plans (`ApiMonthLimitRequest`), for local runs;
 * on AWS the usage plan itself keeps it and no ledger is bound.
 */
export class MonthlyQuota {
  constructor(
    private readonly ledger: UsageLedger,
    private readonly perMonth: number,
  ) {}

  /** Counts one call in the month of `now`. @throws TooManyRequestsException once the month's calls are used up. */
  async count(now: Date): Promise<true> {
    const used = await this.ledger.increment(now.toISOString().slice(0, 7));
    if (used <= this.perMonth) return true;
    throw new TooManyRequestsException(`The monthly quota of ${this.perMonth} requests is used up.`, secondsUntilNextMonth(now));
  }
}
