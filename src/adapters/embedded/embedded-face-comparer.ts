import type { OnModuleDestroy } from '@nestjs/common';
// Loaded by the main thread although only the workers decode: on glibc the main thread must hold
// libvips open, or a worker that exits unloads it under the others (lovell/sharp#2263).
import 'sharp';
import { ImageTooLarge, InvalidImage } from '../../domain/domain.errors.js';
import type { FaceComparison } from '../../domain/face.js';
import type { Image } from '../../domain/image.js';
import { FaceComparer, type FaceEngineStats } from '../../domain/ports/face-comparer.port.js';
import type { DescribedFace, FaceEngineOptions } from './face-engine.js';
import type { DescribeRequest, DescribeResult } from './face-engine.worker.js';
import { matchFaces } from './match-faces.js';
import { DEFAULT_MATCH_THRESHOLD } from './similarity.js';
import { WorkerPool } from './worker-pool.js';

export interface EmbeddedFaceComparerOptions {
  /** Worker threads, each with its own copy of the models (about 1 s to load, ~100 MB). */
  readonly poolSize: number;
  /** Pictures declaring more pixels are refused with ImageTooLarge before decoding. */
  readonly maxPixels: number;
  /** Similarity in [0, 1] at or above which faces match; default DEFAULT_MATCH_THRESHOLD. */
  readonly matchThreshold?: number;
}

/**
 * The embedded, offline FaceComparer: face-api on the TensorFlow.js wasm backend, in a pool of
 * worker threads so inference never blocks the event loop. Source and target are described by two
 * jobs, so with two idle workers they run side by side. Call close() (Nest: onModuleDestroy) to stop
 * the workers.
 */
export class EmbeddedFaceComparer extends FaceComparer implements OnModuleDestroy {
  readonly matchThreshold: number;
  private readonly pool: WorkerPool<DescribeRequest, DescribeResult>;

  constructor(options: EmbeddedFaceComparerOptions) {
    super();
    this.matchThreshold = options.matchThreshold ?? DEFAULT_MATCH_THRESHOLD;
    const workerData: FaceEngineOptions = { maxPixels: options.maxPixels };
    this.pool = new WorkerPool({ script: workerScript(), size: options.poolSize, workerData });
  }

  async compare(source: Image, target: Image): Promise<FaceComparison> {
    const [sourceFaces, targetFaces] = await Promise.allSettled([
      this.describe(source, 'source'),
      this.describe(target, 'target'),
    ]);
    // Report the source's problem first, whichever job finished first.
    return matchFaces(valueOf(sourceFaces), valueOf(targetFaces));
  }

  /** True once every worker has loaded its models. */
  override isReady(): boolean {
    return this.pool.isReady();
  }

  override stats(): FaceEngineStats {
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

  private async describe(image: Image, field: string): Promise<DescribedFace[]> {
    // Move a private copy: transferring image.bytes itself would empty the caller's Image, and a
    // small Node Buffer shares its ArrayBuffer with unrelated buffers. (Not bytes.slice(): on a
    // Buffer that is a view, not a copy.)
    const bytes = new Uint8Array(image.bytes);
    const result = await this.pool.run({ bytes, field }, [bytes.buffer]);
    if (result.ok) return result.faces;
    const DomainErrorClass = ERRORS_BY_CODE[result.code] ?? Error;
    throw new DomainErrorClass(result.message);
  }
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
  return new URL(`./face-engine.worker.${extension}`, import.meta.url);
}

function valueOf<T>(outcome: PromiseSettledResult<T>): T {
  if (outcome.status === 'rejected') throw outcome.reason;
  return outcome.value;
}
