import { randomUUID } from 'node:crypto';
import type { DetectedFace, ScoredFace } from '../domain/face.js';
import type { Image } from '../domain/image.js';
import type { FaceComparer } from '../domain/ports/face-comparer.port.js';
import type { ImageStore } from '../domain/ports/image-store.port.js';

export interface CompareFacesResult {
  /** Best similarity of the source face with any target face, in [0, 1]. */
  readonly comparisonResult: number;
  readonly match: boolean;
  readonly threshold: number;
  readonly sourceFace: DetectedFace;
  /** Target faces at or above the threshold, most similar first. */
  readonly faceMatches: readonly ScoredFace[];
  /** Target faces below the threshold, most similar first. */
  readonly unmatchedFaces: readonly ScoredFace[];
}

export class CompareFacesUseCase {
  constructor(
    private readonly comparer: FaceComparer,
    private readonly images: ImageStore,
    private readonly storeImages: boolean,
  ) {}

  /** @throws NoFaceFound naming the image without a face; InvalidImage; ImageTooLarge */
  async execute(source: Image, target: Image): Promise<CompareFacesResult> {
    // Stripped before comparing, so a file too broken to strip is refused before the engine runs.
    const kept = this.storeImages ? [source.withoutMetadata('source'), target.withoutMetadata('target')] as const : null;
    const comparison = await this.comparer.compare(source, target);
    if (kept) await this.keep(...kept);

    const threshold = this.comparer.matchThreshold;
    const ranked = [...comparison.targetFaces].sort((a, b) => b.similarity - a.similarity);
    const comparisonResult = ranked[0]?.similarity ?? 0;
    return {
      comparisonResult,
      match: comparisonResult >= threshold,
      threshold,
      sourceFace: comparison.sourceFace,
      faceMatches: ranked.filter((face) => face.similarity >= threshold),
      unmatchedFaces: ranked.filter((face) => face.similarity < threshold),
    };
  }

  /** Stores the metadata-free copies (see Image.withoutMetadata). */
  private async keep(source: Image, target: Image): Promise<void> {
    const prefix = `compares/${randomUUID()}`;
    await this.images.put(`${prefix}/source.${source.format}`, source.bytes);
    await this.images.put(`${prefix}/target.${target.format}`, target.bytes);
  }
}
