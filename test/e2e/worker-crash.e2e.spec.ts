import { jest } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import type * as WorkerThreads from 'node:worker_threads';

// The face engine's worker threads are private to its pool, and no request may be able to crash
// one. So this test, and only this test, records every Worker the app creates, to stop one from the
// outside in the middle of a compare, as a crash (or the OOM killer of a thread) would.
const workers: WorkerThreads.Worker[] = [];
const actual = await import('node:worker_threads');
jest.unstable_mockModule('node:worker_threads', () => ({
  ...actual,
  Worker: class RecordedWorker extends actual.Worker {
    constructor(...args: ConstructorParameters<typeof actual.Worker>) {
      super(...args);
      workers.push(this);
    }
  },
}));
const { AUTH, photo, startApp } = await import('./harness.js');
const { FaceComparer } = await import('../../src/domain/ports/face-comparer.port.js');

describe('a face engine worker thread that dies during a compare', () => {
  let running: Awaited<ReturnType<typeof startApp>>;
  let body: { source: string; target: string };
  const compare = () => running.http().post('/compare').set(AUTH).send(body);

  beforeAll(async () => {
    running = await startApp({ WORKER_POOL_SIZE: '1' });
    body = { source: await photo('kit_harington_1.jpg'), target: await photo('kit_harington_2.jpg') };
  });
  afterAll(async () => {
    await running?.close();
  });

  it('fails the compare in flight with 503, is replaced, and the next compare succeeds', async () => {
    const comparer = running.app.get(FaceComparer);
    expect(workers).toHaveLength(1);

    const inFlight = compare().then((res) => res);
    // One worker: the compare's first job runs while its second waits.
    for (const deadline = Date.now() + 10_000; comparer.stats()!.queueDepth < 1 && Date.now() < deadline; ) await sleep(5);
    expect(comparer.stats()!.queueDepth).toBe(1);
    await workers[0].terminate();

    const failed = await inFlight;
    expect(failed.status).toBe(503);
    expect(failed.body).toMatchObject({ statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: expect.stringMatching(/worker thread stopped/) });
    expect(workers).toHaveLength(2);

    const next = await compare();
    expect(next.status).toBe(200);
    expect(next.body.match).toBe(true);
    expect((await running.http().get('/health')).status).toBe(200);
  });
});
