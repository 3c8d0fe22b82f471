import { ServiceUnavailable } from '../../../src/domain/domain.errors.js';
import { WorkerPool } from '../../../src/adapters/embedded/worker-pool.js';
import type { TestJob, TestJobResult } from './test-job.worker.js';

const TEST_WORKER = new URL('./test-job.worker.ts', import.meta.url);

function makePool(size: number, workerData?: unknown): WorkerPool<TestJob, TestJobResult> {
  return new WorkerPool<TestJob, TestJobResult>({ script: TEST_WORKER, size, workerData });
}

describe('WorkerPool', () => {
  describe('with two healthy workers', () => {
    let pool: WorkerPool<TestJob, TestJobResult>;
    let readyBeforeStart: boolean;

    beforeAll(async () => {
      pool = makePool(2);
      readyBeforeStart = pool.isReady();
      await pool.whenReady();
    });
    afterAll(() => pool.close());

    it('is ready only once every worker has started', () => {
      expect(readyBeforeStart).toBe(false);
      expect(pool.isReady()).toBe(true);
    });

    it('queues more jobs than workers and answers each with its own result', async () => {
      const values = ['a', 'b', 'c', 'd', 'e'];
      const results = await Promise.all(values.map((value) => pool.run({ kind: 'echo', value })));
      expect(results.map((result) => result.value)).toEqual(values);
      expect(new Set(results.map((result) => result.threadId)).size).toBe(2);
    });

    it('moves transferred buffers to the worker instead of copying them', async () => {
      const bytes = new Uint8Array(1000).fill(7);
      const result = await pool.run({ kind: 'echo', value: 'x', bytes }, [bytes.buffer]);
      expect(result.byteCount).toBe(1000);
      expect(bytes.byteLength).toBe(0);
    });

    it('rejects a job whose handler throws and keeps its worker', async () => {
      const before = await pool.run({ kind: 'echo', value: 'x' });
      await expect(pool.run({ kind: 'fail' })).rejects.toThrow('this job is invalid');
      const threads = await Promise.all([pool.run({ kind: 'echo', value: 'y' }), pool.run({ kind: 'echo', value: 'z' })]);
      expect(threads.map((result) => result.threadId)).toContain(before.threadId);
    });

    it.each([
      ['exits', 'exit'],
      ['dies of an uncaught exception', 'crash'],
    ] as const)('rejects the job of a worker that %s with ServiceUnavailable and replaces the worker', async (_, kind) => {
      const threadsBefore = new Set(
        (await Promise.all([1, 2].map(() => pool.run({ kind: 'echo', value: '' })))).map((r) => r.threadId),
      );
      await expect(pool.run({ kind })).rejects.toBeInstanceOf(ServiceUnavailable);
      await pool.whenReady();
      expect(pool.isReady()).toBe(true);
      const after = await Promise.all([1, 2, 3, 4].map((i) => pool.run({ kind: 'echo', value: String(i) })));
      expect(after.map((result) => result.value)).toEqual(['1', '2', '3', '4']);
      expect(after.some((result) => !threadsBefore.has(result.threadId))).toBe(true);
    });
  });

  it('counts jobs waiting for a worker, and reports the start-up time once every worker has started', async () => {
    const pool = makePool(1);
    try {
      const jobs = ['a', 'b', 'c'].map((value) => pool.run({ kind: 'echo', value }));
      const waitingBeforeStart = pool.queueDepth;
      const startupBeforeStart = pool.startupSeconds;

      await Promise.all(jobs);

      expect(waitingBeforeStart).toBe(3);
      expect(startupBeforeStart).toBeNull();
      expect(pool.queueDepth).toBe(0);
      expect(pool.startupSeconds).toBeGreaterThan(0);
    } finally {
      await pool.close();
    }
  });

  it('rejects waiting and later jobs with ServiceUnavailable once closed', async () => {
    const pool = makePool(1);
    const waiting = pool.run({ kind: 'echo', value: 'never started' });
    await pool.close();
    await expect(waiting).rejects.toBeInstanceOf(ServiceUnavailable);
    await expect(pool.run({ kind: 'echo', value: 'late' })).rejects.toBeInstanceOf(ServiceUnavailable);
    expect(pool.isReady()).toBe(false);
  });

  it('reports a worker that cannot start as ServiceUnavailable instead of restarting it forever', async () => {
    const pool = makePool(2, { failToStart: true });
    const queued = pool.run({ kind: 'echo', value: 'x' });
    await expect(pool.whenReady()).rejects.toThrow(/failed to start: models missing/);
    await expect(queued).rejects.toBeInstanceOf(ServiceUnavailable);
    await expect(pool.run({ kind: 'echo', value: 'y' })).rejects.toBeInstanceOf(ServiceUnavailable);
    expect(pool.isReady()).toBe(false);
    await pool.close();
  });
});
