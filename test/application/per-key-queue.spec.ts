import { PerKeyQueue } from '../../src/application/per-key-queue.js';

/** A promise the test settles when it chooses. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every pending promise callback run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A task that logs its start and end, and finishes when `gate` settles. */
function task<T>(log: string[], name: string, gate: Promise<T>): () => Promise<T> {
  return async () => {
    log.push(`start ${name}`);
    try {
      return await gate;
    } finally {
      log.push(`end ${name}`);
    }
  };
}

describe('PerKeyQueue', () => {
  it('runs the tasks of one key one at a time, in arrival order, each result to its caller', async () => {
    const queue = new PerKeyQueue();
    const log: string[] = [];
    const gates = [deferred<string>(), deferred<string>(), deferred<string>()];

    const results = gates.map((gate, i) => queue.run('session-1', task(log, `${i}`, gate.promise)));
    await settle();
    expect(log).toEqual(['start 0']);

    gates[1].resolve('second');
    await settle();
    expect(log).toEqual(['start 0']);

    gates[0].resolve('first');
    await settle();
    gates[2].resolve('third');

    await expect(Promise.all(results)).resolves.toEqual(['first', 'second', 'third']);
    expect(log).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('runs the next task of a key after one that rejected, and hands the rejection to its own caller only', async () => {
    const queue = new PerKeyQueue();
    const log: string[] = [];
    const failing = deferred<string>();
    const next = deferred<string>();

    const first = queue.run('session-1', task(log, 'first', failing.promise));
    const second = queue.run('session-1', task(log, 'second', next.promise));
    await settle();
    expect(log).toEqual(['start first']);

    failing.reject(new Error('analysis failed'));
    await expect(first).rejects.toThrow('analysis failed');
    await settle();
    expect(log).toEqual(['start first', 'end first', 'start second']);

    next.resolve('ok');
    await expect(second).resolves.toBe('ok');
  });

  it('runs a task that throws synchronously as a rejection, and the queue goes on', async () => {
    const queue = new PerKeyQueue();

    const thrown = queue.run('session-1', () => {
      throw new Error('sync');
    });
    const after = queue.run('session-1', async () => 'after');

    await expect(thrown).rejects.toThrow('sync');
    await expect(after).resolves.toBe('after');
  });

  it('runs tasks of different keys side by side', async () => {
    const queue = new PerKeyQueue();
    const log: string[] = [];
    const gateA = deferred<string>();
    const gateB = deferred<string>();

    const a = queue.run('session-a', task(log, 'a', gateA.promise));
    const b = queue.run('session-b', task(log, 'b', gateB.promise));
    await settle();
    expect(log).toEqual(['start a', 'start b']);

    gateB.resolve('b');
    await expect(b).resolves.toBe('b');
    expect(log).toEqual(['start a', 'start b', 'end b']);
    gateA.resolve('a');
    await expect(a).resolves.toBe('a');
  });
});
