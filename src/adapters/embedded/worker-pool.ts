import { setTimeout as sleep } from 'node:timers/promises';
import { Worker, type TransferListItem } from 'node:worker_threads';
import { ServiceUnavailable } from '../../domain/domain.errors.js';
import type { JobMessage, WorkerMessage } from './worker-protocol.js';

export interface WorkerPoolOptions {
  /** A module that calls serveJobs(); `.js`, or `.ts` when running from source (Jest, tsx). */
  readonly script: URL;
  readonly size: number;
  readonly workerData?: unknown;
}

interface Job<Request, Result> {
  readonly id: number;
  readonly request: Request;
  readonly transfer: readonly TransferListItem[];
  readonly resolve: (result: Result) => void;
  readonly reject: (error: Error) => void;
  readonly settled: Promise<unknown>;
}

interface Slot<Request, Result> {
  readonly worker: Worker;
  ready: boolean;
  job: Job<Request, Result> | null;
  error?: Error;
}

/** How long close() lets running jobs finish before terminating their workers. */
const CLOSE_GRACE_MS = 5000;

const TS_BOOTSTRAP = new URL('./ts-worker-bootstrap.mjs', import.meta.url);

/**
 * A fixed number of worker threads, one job each at a time; jobs wait in FIFO order while all are
 * busy or still starting. A worker that dies after starting is replaced and its job rejected with
 * ServiceUnavailable; a worker that dies while starting breaks the pool (a missing model would
 * only die again), so every job is then rejected with ServiceUnavailable.
 */
export class WorkerPool<Request, Result> {
  private readonly slots = new Set<Slot<Request, Result>>();
  private readonly queue: Job<Request, Result>[] = [];
  private readonly readyWaiters: { resolve: () => void; reject: (error: Error) => void }[] = [];
  private failure: ServiceUnavailable | null = null;
  private nextId = 0;
  private readonly startedAt = performance.now();
  private startupMs: number | null = null;

  constructor(private readonly options: WorkerPoolOptions) {
    if (!Number.isInteger(options.size) || options.size < 1) throw new RangeError('size must be a positive integer.');
    for (let i = 0; i < options.size; i++) this.spawn();
  }

  /** True once every worker has started (and until one dies or the pool closes). */
  isReady(): boolean {
    const slots = [...this.slots];
    return !this.failure && slots.length === this.options.size && slots.every((slot) => slot.ready);
  }

  /** Jobs waiting for a worker (running ones not counted). */
  get queueDepth(): number {
    return this.queue.length;
  }

  /** How long the first start of every worker took (loading the models); null until then. */
  get startupSeconds(): number | null {
    return this.startupMs === null ? null : this.startupMs / 1000;
  }

  /** Resolves once every worker has started; rejects with ServiceUnavailable if the pool breaks or closes first. */
  whenReady(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.isReady()) return Promise.resolve();
    return new Promise((resolve, reject) => this.readyWaiters.push({ resolve, reject }));
  }

  /** `transfer` lists buffers of `request` to move to the worker: the caller must not use them afterwards. */
  run(request: Request, transfer: readonly TransferListItem[] = []): Promise<Result> {
    if (this.failure) return Promise.reject(this.failure);
    let resolve!: (result: Result) => void;
    let reject!: (error: Error) => void;
    const promise = new Promise<Result>((res, rej) => ((resolve = res), (reject = rej)));
    const settled = promise.catch(() => undefined);
    this.queue.push({ id: this.nextId++, request, transfer, resolve, reject, settled });
    this.dispatch();
    return promise;
  }

  /** Rejects waiting jobs, lets running ones finish (up to 5 s), then terminates every worker. */
  async close(): Promise<void> {
    if (!this.failure) this.fail(new ServiceUnavailable('The worker pool is shut down.'));
    const running = [...this.slots].flatMap((slot) => (slot.job ? [slot.job.settled] : []));
    // Terminating a worker in the middle of a sharp call can take the whole process down
    // (lovell/sharp#2263), so running jobs get a moment to finish first.
    await Promise.race([Promise.all(running), sleep(CLOSE_GRACE_MS, undefined, { ref: false })]);
    await Promise.all([...this.slots].map((slot) => slot.worker.terminate()));
  }

  private spawn(): void {
    const { script, workerData } = this.options;
    // From TypeScript source (Jest, tsx) the script is `.ts`, which Node 20 cannot run: a small
    // bootstrap registers tsx first. execArgv is always explicit, or the worker would inherit the
    // parent's flags, e.g. Jest's --experimental-vm-modules.
    const worker = script.pathname.endsWith('.ts')
      ? new Worker(TS_BOOTSTRAP, { argv: [script.href], workerData, execArgv: [] })
      : new Worker(script, { workerData, execArgv: [] });
    const slot: Slot<Request, Result> = { worker, ready: false, job: null };
    this.slots.add(slot);
    worker.on('message', (message: WorkerMessage<Result>) => this.onMessage(slot, message));
    worker.on('error', (error) => (slot.error = error));
    worker.on('exit', (code) => this.onExit(slot, code));
  }

  private onMessage(slot: Slot<Request, Result>, message: WorkerMessage<Result>): void {
    if (message.kind === 'ready') {
      slot.ready = true;
      if (this.isReady()) {
        this.startupMs ??= performance.now() - this.startedAt;
        for (const waiter of this.readyWaiters.splice(0)) waiter.resolve();
      }
    } else {
      const job = slot.job;
      slot.job = null;
      if (job && message.kind === 'done') job.resolve(message.result);
      if (job && message.kind === 'failed') job.reject(new Error(message.message));
    }
    this.dispatch();
  }

  private onExit(slot: Slot<Request, Result>, code: number): void {
    this.slots.delete(slot);
    const reason = slot.error ? slot.error.message : `exit code ${code}`;
    slot.job?.reject(new ServiceUnavailable(`A worker thread stopped (${reason}) before finishing the job.`));
    if (this.failure) return;
    if (!slot.ready) {
      this.fail(new ServiceUnavailable(`A worker thread failed to start: ${reason}`));
      void Promise.all([...this.slots].map((other) => other.worker.terminate()));
      return;
    }
    this.spawn();
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.failure || this.queue.length === 0) return;
      if (!slot.ready || slot.job) continue;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.worker.postMessage({ id: job.id, request: job.request } satisfies JobMessage<Request>, [...job.transfer]);
    }
  }

  private fail(error: ServiceUnavailable): void {
    this.failure = error;
    for (const job of this.queue.splice(0)) job.reject(error);
    for (const waiter of this.readyWaiters.splice(0)) waiter.reject(error);
  }
}
