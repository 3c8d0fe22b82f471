import type { OnModuleDestroy } from '@nestjs/common';
// Loaded by the main thread although only the workers decode: on glibc the main thread must hold
// libvips open, or a worker that exits unloads it under the others (lovell/sharp#2263).
import 'sharp';
import { ImageTooLarge, InvalidImage } from '../../domain/domain.errors.js';
import type { FaceEngineStats } from '../../domain/ports/face-comparer.port.js';
import type { FrameEvidence } from '../../domain/ports/frame-analyzer.port.js';
import type { DescribedFace } from './face-engine.js';
import type { EngineRequest, EngineResult, EngineWorkerOptions } from './engine.worker.js';
import { WorkerPool } from './worker-pool.js';

export interface EmbeddedEngineOptions extends EngineWorkerOptions {
  /** Worker threads, each with its own copy of the models (about 1.5 s to load, ~150 MB). */
  readonly poolSize: number;
}

/**
 * The embedded models (face-api for comparisons, human for liveness frames) in one pool of worker
 * threads, so inference never blocks the event loop and comparisons and liveness frames share the
 * cores instead of each holding its own copy of the models. Call close() (Nest: onModuleDestroy)
 * to stop the workers.
 */
export class EmbeddedEngine implements OnModuleDestroy {
  private readonly pool: WorkerPool<EngineRequest, EngineResult>;

  constructor(options: EmbeddedEngineOptions) {
    const workerData: EngineWorkerOptions = { maxPixels: options.maxPixels, maxFramePixels: options.maxFramePixels };
    this.pool = new WorkerPool({ script: workerScript(), size: options.poolSize, workerData });
  }

  /** Every face of a picture with its descriptor. @throws InvalidImage, ImageTooLarge, ServiceUnavailable */
  async describe(bytes: Uint8Array, field: string): Promise<DescribedFace[]> {
    const copy = privateCopy(bytes);
    const result = await this.run({ kind: 'describe', bytes: copy, field }, copy.buffer);
    if (!('faces' in result)) throw new Error('The engine worker answered a describe job with something else.');
    return result.faces;
  }

  /** A liveness frame's face data. @throws InvalidImage, ImageTooLarge, ServiceUnavailable */
  async analyzeFrame(bytes: Uint8Array, describe: boolean): Promise<FrameEvidence> {
    const copy = privateCopy(bytes);
    const result = await this.run({ kind: 'analyzeFrame', bytes: copy, describe }, copy.buffer);
    if (!('evidence' in result)) throw new Error('The engine worker answered a frame job with something else.');
    return result.evidence;
  }

  /** True once every worker has loaded its models. */
  isReady(): boolean {
    return this.pool.isReady();
  }

  stats(): FaceEngineStats {
    return { queueDepth: this.pool.queueDepth, modelLoadSeconds: this.pool.startupSeconds };
  }

  /** Resolves once every worker has loaded its models; rejects with ServiceUnavailable if one cannot. */
  whenReady(): Promise<void> {
    return this.pool.whenReady();
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  onModuleDestroy(): Promise<void> {
    return this.close();
  }

  /** `bytes` is the request's picture buffer, moved to the worker rather than copied. */
  private async run(request: EngineRequest, bytes: ArrayBuffer): Promise<Exclude<EngineResult, { ok: false }>> {
    const result = await this.pool.run(request, [bytes]);
    if (result.ok) return result;
    const DomainErrorClass = ERRORS_BY_CODE[result.code] ?? Error;
    throw new DomainErrorClass(result.message);
  }
}

/**
 * A copy the job can own and move to the worker: transferring the caller's bytes would empty its
 * Image, and a small Node Buffer shares its ArrayBuffer with unrelated buffers. (Not bytes.slice():
 * on a Buffer that is a view, not a copy.)
 */
function privateCopy(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes);
}

/** The domain errors the engine raises, rebuilt from the code they crossed the thread boundary with. */
const ERRORS_BY_CODE: Record<string, new (message: string) => Error> = {
  IMAGE_TOO_LARGE: ImageTooLarge,
  INVALID_IMAGE: InvalidImage,
};

/**
 * The worker module sits next to this one. Jest and tsx run this module from its `.ts` source, so
 * the worker is `.ts` too (WorkerPool then starts it with tsx); the compiled dist/ build uses `.js`.
 */
function workerScript(): URL {
  const extension = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  return new URL(`./engine.worker.${extension}`, import.meta.url);
}
