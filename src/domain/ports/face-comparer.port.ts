import type { FaceComparison } from '../face.js';
import type { Image } from '../image.js';

export abstract class FaceComparer {
  /** Similarity at or above which this engine takes two faces as one person. */
  abstract readonly matchThreshold: number;

  /**
   * Compares the largest face of `source` with every face of `target`.
   * @throws NoFaceFound naming "source" or "target"; InvalidImage, ImageTooLarge for undecodable or oversized pictures.
   */
  abstract compare(source: Image, target: Image): Promise<FaceComparison>;

  /** False while the engine is still loading its models; a remote engine is ready at once. */
  isReady(): boolean {
    return true;
  }

  /** Figures for the metrics of an engine running in this process; null for a remote one. */
  stats(): FaceEngineStats | null {
    return null;
  }
}

export interface FaceEngineStats {
  /** Comparisons' jobs waiting for a free worker. */
  readonly queueDepth: number;
  /** How long the models took to load; null while they are loading. */
  readonly modelLoadSeconds: number | null;
}
