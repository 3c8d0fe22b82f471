import type { EyeLevels, EyeSample } from './blink.js';
import type { ChallengeRecord } from './challenge-record.js';
import type { HeadPose, Rgb } from './frame-analysis.js';
import type { LightVerdict } from './light-reflection.js';
import type { ReplayFault } from './replay-hygiene.js';

/** A usable frame's face as the replay check compares it with the next one. */
export interface KeptFace {
  readonly timeMs: number;
  readonly mesh: readonly number[];
  readonly brightness: number;
  readonly sharpness: number;
}

/** A light-step frame's colours at its X-Light-Time; `background` null where none was in frame (NaN is not JSON). */
export interface StoredLightSample {
  readonly timeMs: number;
  readonly face: Rgb;
  readonly background: Rgb | null;
}

/** What the light step collected: its samples, the last X-Light-Time taken, and the verdict once run. */
export interface LightEvidence {
  readonly samples: readonly StoredLightSample[];
  readonly lastTimeMs: number | null;
  readonly verdict: LightVerdict | null;
}

/**
 * What the checks keep of the frames seen so far, as JSON-safe data persisted with the session
 * between frames: a frame's verdict needs only this, never the earlier frames themselves.
 */
export interface EvidenceRecord {
  /** Poses and eye levels of the first usable frames: the user's frontal baseline. */
  readonly baselinePoses: readonly HeadPose[];
  readonly baselineEyes: readonly EyeLevels[];
  /** The first usable frame's mesh: what every later mesh is tested for a homography against. */
  readonly frontalMesh: readonly number[] | null;
  readonly lastFace: KeptFace | null;
  /** Eye samples since the blink step now expected was issued (`issuedAt`). */
  readonly blink: { readonly issuedAt: number; readonly samples: readonly EyeSample[] } | null;
  readonly maxResidual: number;
  readonly descriptors: readonly (readonly number[])[];
  readonly lastDescriptorAt: number | null;
  /** A descriptor was taken during the last step: the face that finished the challenge was identified. */
  readonly lastStepDescribed: boolean;
  readonly multipleFaceFrames: number;
  readonly replayFault: ReplayFault | null;
  /** The light step's evidence; absent on records stored before the light challenge. */
  readonly light?: LightEvidence | null;
}

/** A liveness check under way or finished: the challenge and the evidence beside it. */
export interface LivenessRecord {
  readonly challenge: ChallengeRecord;
  readonly evidence: EvidenceRecord;
}

export const EMPTY_EVIDENCE: EvidenceRecord = {
  baselinePoses: [],
  baselineEyes: [],
  frontalMesh: null,
  lastFace: null,
  blink: null,
  maxResidual: 0,
  descriptors: [],
  lastDescriptorAt: null,
  lastStepDescribed: false,
  multipleFaceFrames: 0,
  replayFault: null,
  light: null,
};

/**
 * A float array as stored: rounded to `decimals`, since a Float32 printed as JSON takes ~18
 * characters. Mesh points keep 1/1000 px (the replay check's duplicate test works at ~0.01 px),
 * descriptors 1e-5 (their components are ~0.1, distances ~0.5).
 */
export function storedNumbers(values: Float32Array, decimals: number): number[] {
  const scale = 10 ** decimals;
  return Array.from(values, (value) => Math.round(value * scale) / scale);
}
