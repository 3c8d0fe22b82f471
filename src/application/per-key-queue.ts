/**
 * Runs tasks one at a time per key, in arrival order; different keys run side by side. A session's
 * frames are read, judged and written back as one step, so two frames of one session must not
 * interleave (the second would judge against a stale record and overwrite the first's evidence).
 * Within one process only: the embedded engine serves a session from one process.
 */
export class PerKeyQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    // The last task of a key removes the key, so the map holds only sessions with work queued.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
