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
}
