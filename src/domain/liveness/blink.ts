import type { AnalyzedFace } from './frame-analysis.js';
import { LIVENESS_THRESHOLDS, type Thresholds } from './liveness-thresholds.js';
import { median } from './median.js';

/** One frame's eyes: capture time in ms, eye aspect ratio per eye, head pitch in degrees. */
export interface EyeSample {
  readonly timeMs: number;
  readonly left: number;
  readonly right: number;
  readonly pitch: number;
}

export type EyeLevels = AnalyzedFace['eyeOpenness'];

type BlinkLimits = Thresholds<'blink'>;

/**
 * Each eye's own open level: the median over frames known to be open (e.g. the frontal baseline
 * frames). Eye aspect ratios differ by person and between the two eyes (0.31 vs 0.40 on one man),
 * so closure is judged as a fraction of these, never against a fixed value.
 */
export function openLevels(eyes: readonly EyeLevels[]): EyeLevels {
  return { left: median(eyes.map((eye) => eye.left)), right: median(eyes.map((eye) => eye.right)) };
}

/**
 * Whether the samples hold a blink: open, then both eyes under `closedFraction` of their own
 * open level, then both back over `reopenFraction`, within `maxClosedMs` from the first closed
 * frame to the reopened one. Closed frames must stay near the frontal pitch: looking far down
 * lowers the lids as much as a blink (eye-openness.ts), and a wink or half-closed eyes are not one.
 */
export function hasBlinked(
  samples: readonly EyeSample[],
  open: EyeLevels,
  frontalPitch: number,
  limits: BlinkLimits = LIVENESS_THRESHOLDS.blink,
): boolean {
  const below = (sample: EyeSample, fraction: number) => sample.left < fraction * open.left && sample.right < fraction * open.right;
  const reopened = (sample: EyeSample) => sample.left >= limits.reopenFraction * open.left && sample.right >= limits.reopenFraction * open.right;
  let wasOpen = false;
  let closedSince: number | undefined;
  for (const sample of samples) {
    if (closedSince === undefined) {
      if (wasOpen && below(sample, limits.closedFraction) && Math.abs(sample.pitch - frontalPitch) <= limits.maxPitchDegrees) {
        closedSince = sample.timeMs;
      } else if (reopened(sample)) {
        wasOpen = true;
      }
    } else if (reopened(sample)) {
      if (sample.timeMs - closedSince <= limits.maxClosedMs) return true;
      closedSince = undefined;
      wasOpen = true;
    } else if (Math.abs(sample.pitch - frontalPitch) > limits.maxPitchDegrees) {
      closedSince = undefined;
      wasOpen = false;
    }
  }
  return false;
}
