import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { FaceComparer } from '../../domain/ports/face-comparer.port.js';
import type { RequestOutcome } from '../http/request-outcome.js';

const PREFIX = 'facecheck_';
/** From a cached session read (~1 ms) to a compare queued behind others (seconds). */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The Prometheus metrics of one app. Each app has its own registry, not prom-client's global one,
 * so that several apps in one process (tests, a warm Lambda rebuilt) never share or clash.
 */
export class AppMetrics {
  readonly registry = new Registry();
  private readonly requestSeconds = new Histogram({
    name: `${PREFIX}http_request_duration_seconds`,
    help: 'Time from receiving a request to finishing its response, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  /**
   * Read from the histogram's own counts at scrape time, so that a request costs one observation
   * rather than two (each validates and hashes its labels, on every request).
   */
  private readonly requests = new Counter({
    name: `${PREFIX}http_requests_total`,
    help: 'HTTP requests answered, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
    collect: () => this.countRequests(),
  });
  private readonly compareSeconds = new Histogram({
    name: `${PREFIX}compare_duration_seconds`,
    help: 'Time the face engine took for one compare (decoding, detection, description), by outcome: match, no_match or error.',
    labelNames: ['outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  private readonly livenessFrameSeconds = new Histogram({
    name: `${PREFIX}liveness_frame_duration_seconds`,
    help: 'Time to judge one liveness frame (analysis on a worker, the checks, storage), by outcome: continue, done (the verdict is ready) or error.',
    labelNames: ['outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  constructor(comparer: FaceComparer) {
    collectDefaultMetrics({ register: this.registry, prefix: PREFIX });
    if (comparer.stats() !== null) this.registerEngineGauges(comparer);
  }

  observeRequest({ method, route, status, seconds }: RequestOutcome): void {
    this.requestSeconds.observe({ method, route, status: String(status) }, seconds);
  }

  /** Runs one compare and records its duration and outcome. */
  timeCompare<T extends { readonly match: boolean }>(compare: () => Promise<T>): Promise<T> {
    return timed(this.compareSeconds, compare, (result) => (result.match ? 'match' : 'no_match'));
  }

  /** Runs one liveness frame and records its duration and whether it ended the challenge. */
  timeLivenessFrame<T extends { readonly instruction: string }>(frame: () => Promise<T>): Promise<T> {
    return timed(this.livenessFrameSeconds, frame, (answer) => (answer.instruction === 'done' ? 'done' : 'continue'));
  }

  private async countRequests(): Promise<void> {
    const counts = (await this.requestSeconds.get()).values.filter((sample) => sample.metricName === `${PREFIX}http_request_duration_seconds_count`);
    this.requests.reset();
    for (const { labels, value } of counts) this.requests.inc(labels, value);
  }

  /** Read at scrape time, so nothing has to push them. */
  private registerEngineGauges(comparer: FaceComparer): void {
    new Gauge({
      name: `${PREFIX}face_engine_queue_depth`,
      help: 'Face engine jobs waiting for a free worker thread.',
      registers: [this.registry],
      collect() {
        this.set(comparer.stats()?.queueDepth ?? 0);
      },
    });
    new Gauge({
      name: `${PREFIX}face_engine_model_load_seconds`,
      help: 'How long the worker threads took to load the face models at start-up; 0 while they are loading.',
      registers: [this.registry],
      collect() {
        const seconds = comparer.stats()?.modelLoadSeconds;
        if (seconds !== null && seconds !== undefined) this.set(seconds);
      },
    });
  }
}

async function timed<T>(histogram: Histogram<'outcome'>, run: () => Promise<T>, outcomeOf: (result: T) => string): Promise<T> {
  const stop = histogram.startTimer();
  try {
    const result = await run();
    stop({ outcome: outcomeOf(result) });
    return result;
  } catch (error) {
    stop({ outcome: 'error' });
    throw error;
  }
}
