/** Counts API calls per calendar month, durably, so a quota survives restarts. */
export abstract class UsageLedger {
  /** Adds one call to `month` (`YYYY-MM`, UTC) and returns that month's total including it. */
  abstract increment(month: string): Promise<number>;
}
