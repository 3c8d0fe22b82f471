import { descriptorDistance } from '../descriptor-distance.js';
import { LIVENESS_THRESHOLDS, type Thresholds } from './liveness-thresholds.js';

export interface SamePersonVerdict {
  readonly ok: boolean;
  /** The least similar pair's similarity (1 with fewer than two descriptors). */
  readonly minSimilarity: number;
  /** Indices of that pair, when there is one. */
  readonly pair?: readonly [number, number];
}

/**
 * Whether one person stayed in front of the camera: every pair of the kept frames' descriptors
 * must match, not only each frame with the first, so a gradual switch (A, then a look-alike, then
 * B) is caught too. The engine's distance→similarity map is passed in, keeping the domain free of it.
 */
export function samePerson(
  descriptors: readonly Float32Array[],
  similarity: (distance: number) => number,
  limits: Thresholds<'samePerson'> = LIVENESS_THRESHOLDS.samePerson,
): SamePersonVerdict {
  let minSimilarity = 1;
  let pair: [number, number] | undefined;
  for (let i = 0; i < descriptors.length; i++) {
    for (let j = i + 1; j < descriptors.length; j++) {
      const value = similarity(descriptorDistance(descriptors[i], descriptors[j]));
      if (!pair || value < minSimilarity) [minSimilarity, pair] = [value, [i, j]];
    }
  }
  return { ok: minSimilarity >= limits.minSimilarity, minSimilarity, ...(pair && { pair }) };
}
