import type { ChallengeOptions } from './challenge-options.js';
import type { ChallengeStep } from './challenge-step.js';
import type { LightSequence } from './light-sequence.js';

/** Why a challenge failed: machine-readable, reported in the session's `reasons`. */
export type ChallengeFailure =
  /** A clear move against the step asked. */
  | 'wrong_move'
  /** An issued step, or the return to centre after one, not reached within the window. */
  | 'too_slow'
  /** A step reached before anyone could have seen it: a guess or a recording. */
  | 'too_early'
  /** Too many unusable frames. */
  | 'low_quality';

export type ChallengeState =
  /** Collecting the frontal baseline: `usableFrames` so far. */
  | { readonly kind: 'waiting_for_face'; readonly usableFrames: number }
  | { readonly kind: 'step_issued'; readonly step: ChallengeStep; readonly issuedAt: number }
  /** The last issued step is verified; the next is drawn once the face is back at centre. */
  | { readonly kind: 'recentering'; readonly since: number }
  /** The movement steps are done and the light sequence (ChallengeRecord.light) is shown from `issuedAt`. */
  | { readonly kind: 'light_issued'; readonly issuedAt: number }
  | { readonly kind: 'passed'; readonly at: number }
  | { readonly kind: 'failed'; readonly reason: ChallengeFailure; readonly at: number };

/** A challenge as plain JSON-safe data, the shape a repository persists between frames. */
export interface ChallengeRecord {
  /** Kept with the challenge so a configuration change does not alter one under way. */
  readonly options: ChallengeOptions;
  /**
   * Steps drawn so far, in order: the verified ones, then the one issued now. Never one ahead:
   * the next is drawn only when the face is back at centre after the last.
   */
  readonly steps: readonly ChallengeStep[];
  readonly state: ChallengeState;
  /**
   * The light sequence, drawn once the movement steps are done and the face is back at centre:
   * like a step, never known before it is shown. Absent or null until then, and without light.
   */
  readonly light?: LightSequence | null;
  /** Frames accepted so far (refused ones are not counted). */
  readonly frames: number;
  readonly lowQualityFrames: number;
  readonly lastFrameAt: number | null;
}
