import { threadId, workerData } from 'node:worker_threads';
import { serveJobs } from '../../../src/adapters/embedded/worker-protocol.js';

/** A stand-in worker for the WorkerPool spec: it can echo, fail, exit or crash on request. */

export type TestJob =
  | { readonly kind: 'echo'; readonly value: string; readonly bytes?: Uint8Array }
  | { readonly kind: 'fail' }
  | { readonly kind: 'exit' }
  | { readonly kind: 'crash' };

export interface TestJobResult {
  readonly value: string;
  readonly threadId: number;
  readonly byteCount: number;
}

await serveJobs<TestJob, TestJobResult>(async () => {
  if ((workerData as { failToStart?: boolean } | undefined)?.failToStart) throw new Error('models missing');
  return async (job) => {
    switch (job.kind) {
      case 'echo':
        return { result: { value: job.value, threadId, byteCount: job.bytes?.length ?? 0 } };
      case 'fail':
        throw new Error('this job is invalid');
      case 'exit':
        process.exit(3);
      // falls through (process.exit never returns)
      case 'crash':
        setImmediate(() => {
          throw new Error('native code blew up');
        });
        return new Promise<never>(() => undefined);
    }
  };
});
