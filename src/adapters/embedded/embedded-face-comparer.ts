import type { FaceComparison } from '../../domain/face.js';
import type { Image } from '../../domain/image.js';
import { FaceComparer, type FaceEngineStats } from '../../domain/ports/face-comparer.port.js';
import type { DescribedFace } from './face-engine.js';
import type { EmbeddedEngine } from './embedded-engine.js';
import { matchFaces } from './match-faces.js';
import { DEFAULT_MATCH_THRESHOLD } from './similarity.js';

/**
 * The embedded, offline FaceComparer: face-api on the TensorFlow.js wasm backend, in the
 * EmbeddedEngine's worker threads. Source and target are described by two jobs, so with two idle
 * workers they run side by side.
 */
export class EmbeddedFaceComparer extends FaceComparer {
  readonly matchThreshold: number;

  /** @param matchThreshold similarity in [0, 1] at or above which faces match; default DEFAULT_MATCH_THRESHOLD. */
  constructor(
    private readonly engine: EmbeddedEngine,
    matchThreshold: number = DEFAULT_MATCH_THRESHOLD,
  ) {
    super();
    this.matchThreshold = matchThreshold;
  }

  async compare(source: Image, target: Image): Promise<FaceComparison> {
    const [sourceFaces, targetFaces] = await Promise.allSettled([this.describe(source, 'source'), this.describe(target, 'target')]);
    // Report the source's problem first, whichever job finished first.
    return matchFaces(valueOf(sourceFaces), valueOf(targetFaces));
  }

  /** True once every worker has loaded its models. */
  override isReady(): boolean {
    return this.engine.isReady();
  }

  override stats(): FaceEngineStats {
    return this.engine.stats();
  }

  private describe(image: Image, field: string): Promise<DescribedFace[]> {
    return this.engine.describe(image.bytes, field);
  }
}

function valueOf<T>(outcome: PromiseSettledResult<T>): T {
  if (outcome.status === 'rejected') throw outcome.reason;
  return outcome.value;
}
