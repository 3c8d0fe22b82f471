import type { AnalyzedFace } from './frame-analysis.js';
import { LIVENESS_THRESHOLDS, type Thresholds } from './liveness-thresholds.js';
import { interOcularDistance } from './mesh-geometry.js';

/** What the replay check needs of each accepted frame, in arrival order. */
export interface TimedFace {
  /** Capture time in ms. */
  readonly timeMs: number;
  readonly face: Pick<AnalyzedFace, 'mesh' | 'brightness' | 'sharpness'>;
}

/** How a frame sequence betrays that it was not captured live. */
export type ReplayFault = 'duplicate_frame' | 'impossible_timing';

export type ReplayVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: ReplayFault; readonly index: number };

type ReplayLimits = Thresholds<'replay'>;

/**
 * Whether the frames could come from a live camera: a camera never delivers the same frame twice
 * (sensor noise alone moves the mesh and the pixel statistics), nor frames out of order or faster
 * than it can capture. A client re-sending frames or pasting a recording together trips these.
 * `index` is the first offending frame.
 */
export function replayHygiene(frames: readonly TimedFace[], limits: ReplayLimits = LIVENESS_THRESHOLDS.replay): ReplayVerdict {
  for (let i = 1; i < frames.length; i++) {
    const [previous, current] = [frames[i - 1], frames[i]];
    if (!(current.timeMs - previous.timeMs >= limits.minFrameIntervalMs)) return { ok: false, reason: 'impossible_timing', index: i };
    if (sameMesh(previous.face.mesh, current.face.mesh, limits) || samePixels(previous.face, current.face, limits)) {
      return { ok: false, reason: 'duplicate_frame', index: i };
    }
  }
  return { ok: true };
}

function sameMesh(a: Float32Array, b: Float32Array, limits: ReplayLimits): boolean {
  let moved = 0;
  for (let i = 0; i < a.length; i += 3) moved += Math.hypot(a[i] - b[i], a[i + 1] - b[i + 1]);
  return moved / (a.length / 3) < limits.meshEpsilon * interOcularDistance(a);
}

function samePixels(a: TimedFace['face'], b: TimedFace['face'], limits: ReplayLimits): boolean {
  return (
    Math.abs(a.brightness - b.brightness) < limits.brightnessEpsilon &&
    Math.abs(a.sharpness - b.sharpness) < limits.sharpnessEpsilon * Math.max(a.sharpness, b.sharpness)
  );
}
