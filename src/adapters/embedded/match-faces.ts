import { NoFaceFound } from '../../domain/domain.errors.js';
import type { FaceComparison } from '../../domain/face.js';
import type { DescribedFace } from './face-engine.js';
import { descriptorDistance, distanceToSimilarity } from './similarity.js';

/**
 * Scores every target face against the largest source face.
 * @throws NoFaceFound naming "source" (checked first) or "target"
 */
export function matchFaces(source: readonly DescribedFace[], target: readonly DescribedFace[]): FaceComparison {
  if (source.length === 0) throw new NoFaceFound('source');
  if (target.length === 0) throw new NoFaceFound('target');
  const largest = source.reduce((a, b) => (area(b) > area(a) ? b : a));
  return {
    sourceFace: { boundingBox: largest.boundingBox, confidence: largest.confidence },
    targetFaces: target.map((face) => ({
      boundingBox: face.boundingBox,
      confidence: face.confidence,
      similarity: distanceToSimilarity(descriptorDistance(largest.descriptor, face.descriptor)),
    })),
  };
}

/** In fractions of the picture: both faces come from one picture, so that ranks them by pixels. */
function area(face: DescribedFace): number {
  return face.boundingBox.width * face.boundingBox.height;
}
