export { descriptorDistance } from '../../domain/descriptor-distance.js';

/**
 * face-api descriptors are compared by Euclidean distance d (0 = identical; its descriptors are not
 * unit vectors, so d is not bounded by 2). We report a similarity in [0, 1]:
 *
 *   similarity(d) = 1 / (1 + (d / D)^K)      D = MATCH_DISTANCE, K = SIMILARITY_STEEPNESS
 *
 * It is 1 at d = 0, strictly decreasing, exactly 0.5 at the match distance D, so the default match
 * threshold is 0.5 whatever D is. K = 8 spreads the measured range: d 0.3 → 1.00, 0.58 → 0.68,
 * 0.69 → 0.34, 1.0 → 0.03.
 *
 * D from `npx tsx scripts/calibrate-threshold.ts` over ../shared/faces/pairs.csv (26 genuine,
 * 52 impostor pairs, tiny detector, 1024 px): genuine 0.081–0.580, impostor 0.694–1.017. D is the
 * middle of that gap, 0.637 → 0.64: 78/78, margins 0.060 (genuine) and 0.054 (impostor).
 * face-api's usual 0.6 is also 78/78 here, but only 0.02 above the worst genuine pair.
 * The set is small and easy: recalibrate on real traffic.
 */
export const MATCH_DISTANCE = 0.64;

export const SIMILARITY_STEEPNESS = 8;

/** similarity(MATCH_DISTANCE): faces at or above it are taken as one person. */
export const DEFAULT_MATCH_THRESHOLD = 0.5;

export function distanceToSimilarity(distance: number): number {
  return 1 / (1 + (Math.max(0, distance) / MATCH_DISTANCE) ** SIMILARITY_STEEPNESS);
}
