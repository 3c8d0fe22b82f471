import {
  type BoundingBox as RekognitionBox,
  type ComparedFace,
  CompareFacesCommand,
  type CompareFacesResponse,
  type RekognitionClient,
} from '@aws-sdk/client-rekognition';
import { NoFaceFound } from '../../domain/domain.errors.js';
import type { BoundingBox, DetectedFace, FaceComparison, ScoredFace } from '../../domain/face.js';
import type { Image } from '../../domain/image.js';
import { FaceComparer } from '../../domain/ports/face-comparer.port.js';
import { toDomainError } from './rekognition-errors.js';

export type RekognitionQualityFilter = 'NONE' | 'AUTO' | 'LOW' | 'MEDIUM' | 'HIGH';

/** Rekognition's own default SimilarityThreshold, 80, as a fraction. */
export const DEFAULT_REKOGNITION_MATCH_THRESHOLD = 0.8;

export interface RekognitionFaceComparerOptions {
  /** Similarity in [0, 1] at or above which faces match; default DEFAULT_REKOGNITION_MATCH_THRESHOLD. */
  readonly matchThreshold?: number;
  /** Faces below this quality bar are dropped before comparing; default AUTO (Rekognition's is NONE). */
  readonly qualityFilter?: RekognitionQualityFilter;
}

/** The AWS FaceComparer: one Rekognition CompareFaces call with both images' bytes. */
export class RekognitionFaceComparer extends FaceComparer {
  readonly matchThreshold: number;
  private readonly qualityFilter: RekognitionQualityFilter;

  constructor(
    private readonly client: RekognitionClient,
    options: RekognitionFaceComparerOptions = {},
  ) {
    super();
    this.matchThreshold = options.matchThreshold ?? DEFAULT_REKOGNITION_MATCH_THRESHOLD;
    this.qualityFilter = options.qualityFilter ?? 'AUTO';
  }

  async compare(source: Image, target: Image): Promise<FaceComparison> {
    // Rekognition gives a Similarity only to faces in FaceMatches (at or above SimilarityThreshold);
    // UnmatchedFaces come without one. The port scores every target face and the use case splits
    // them at matchThreshold, so we ask with threshold 0: every compared face lands in FaceMatches.
    const command = new CompareFacesCommand({
      SourceImage: { Bytes: source.bytes },
      TargetImage: { Bytes: target.bytes },
      SimilarityThreshold: 0,
      QualityFilter: this.qualityFilter,
    });
    let response: CompareFacesResponse;
    try {
      response = await this.client.send(command);
    } catch (error) {
      throw toDomainError(error, 'source or target');
    }
    return toFaceComparison(response);
  }
}

/**
 * The AWS reference says a face-less image fails with InvalidParameterException; an answer with no
 * face (e.g. all dropped by the QualityFilter) is still mapped to NoFaceFound, source checked first.
 * Unmatched faces, which can only appear should Rekognition leave a face unscored, get similarity 0.
 */
function toFaceComparison(response: CompareFacesResponse): FaceComparison {
  if (!response.SourceImageFace) throw new NoFaceFound('source');
  const targetFaces: ScoredFace[] = [
    ...(response.FaceMatches ?? []).map((match) => ({ ...detected(match.Face ?? {}), similarity: (match.Similarity ?? 0) / 100 })),
    ...(response.UnmatchedFaces ?? []).map((face) => ({ ...detected(face), similarity: 0 })),
  ];
  if (targetFaces.length === 0) throw new NoFaceFound('target');
  return { sourceFace: detected(response.SourceImageFace), targetFaces };
}

function detected(face: Pick<ComparedFace, 'BoundingBox' | 'Confidence'>): DetectedFace {
  return { boundingBox: boundingBox(face.BoundingBox ?? {}), confidence: (face.Confidence ?? 0) / 100 };
}

/** Rekognition's boxes are already fractions of the image's width and height. */
function boundingBox(box: RekognitionBox): BoundingBox {
  return { left: box.Left ?? 0, top: box.Top ?? 0, width: box.Width ?? 0, height: box.Height ?? 0 };
}
