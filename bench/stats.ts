/** The q-quantile (0..1) of `values` by the nearest-rank method. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

/** Runs `task` `total` times with at most `concurrency` in flight; returns each run's duration and the wall time. */
export async function runConcurrently(total: number, concurrency: number, task: () => Promise<number>): Promise<{ durations: number[]; wallMs: number }> {
  const durations: number[] = [];
  let started = 0;
  const begin = performance.now();
  const lane = async () => {
    while (started < total) {
      started++;
      durations.push(await task());
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return { durations, wallMs: performance.now() - begin };
}

export const ms = (value: number) => `${value.toFixed(0)} ms`;
