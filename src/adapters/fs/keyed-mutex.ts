/**
 * Runs tasks one at a time per key, in call order, within this process; tasks under different keys
 * run concurrently. Cross-process exclusion is the caller's business (exclusive file creation).
 */
export class KeyedMutex {
  /** The settled-or-pending tail of each key's queue; it never rejects, so the next task always runs. */
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    try {
      return await result;
    } finally {
      // Forget idle keys so the map does not grow with every token ever seen.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
