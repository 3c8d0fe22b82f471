import { parentPort, type TransferListItem } from 'node:worker_threads';

/** What WorkerPool posts to a worker: one job at a time. */
export interface JobMessage<Request> {
  readonly id: number;
  readonly request: Request;
}

/** What a worker posts back: `ready` once it has started, then one answer per job. */
export type WorkerMessage<Result> =
  | { readonly kind: 'ready' }
  | { readonly kind: 'done'; readonly id: number; readonly result: Result }
  | { readonly kind: 'failed'; readonly id: number; readonly message: string };

export interface JobOutput<Result> {
  readonly result: Result;
  /** Buffers inside `result` to move to the main thread instead of copying them. */
  readonly transfer?: readonly TransferListItem[];
}

/**
 * The worker side of WorkerPool. `start` runs once (load models, ...) and returns the job handler;
 * the pool counts the worker ready when it resolves. If `start` rejects, the worker dies with that
 * error and the pool reports it. A handler that throws fails that job only.
 */
export async function serveJobs<Request, Result>(
  start: () => Promise<(request: Request) => Promise<JobOutput<Result>>>,
): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('serveJobs() must run inside a worker thread.');
  const handle = await start();
  const answer = async ({ id, request }: JobMessage<Request>): Promise<void> => {
    try {
      const { result, transfer = [] } = await handle(request);
      port.postMessage({ kind: 'done', id, result } satisfies WorkerMessage<Result>, [...transfer]);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      port.postMessage({ kind: 'failed', id, message } satisfies WorkerMessage<Result>);
    }
  };
  // `answer` catches whatever the handler throws, so the promise it returns never rejects.
  port.on('message', (job: JobMessage<Request>) => void answer(job));
  port.postMessage({ kind: 'ready' } satisfies WorkerMessage<Result>);
}
