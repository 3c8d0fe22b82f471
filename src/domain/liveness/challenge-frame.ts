import type { ChallengeStep } from './challenge-step.js';

/**
 * The per-frame checks' verdict on one frame: the only thing the challenge reads. The caller
 * judges the frame against `Challenge.expectedStep` (pose.ts `reached`/`wrongMove`, blink.ts
 * `hasBlinked` over the eye samples since `Challenge.issuedAt`), so the checks stay pure
 * functions of the face data and the challenge stays free of landmarks.
 */
export interface FrameVerdict {
  /** When the server received the frame (its Clock, in ms), never a time the page sent. */
  readonly at: number;
  /**
   * The frame passed the quality checks (frame-quality.ts). The reason for a refusal stays with
   * the caller, which can turn it into a hint for the page. An unusable frame's other fields are ignored.
   */
  readonly usable: boolean;
  /**
   * The expected step, when this frame completes it; null otherwise. Any other step here is not a
   * verification (a verdict judged against a stale step) and is ignored.
   */
  readonly stepReached: ChallengeStep | null;
  /** A clear move against the expected step. */
  readonly wrongMove: boolean;
  /**
   * Head back near the user's frontal baseline, eyes open: the next step is drawn only then, so
   * the pose held for the last step is neither read as the next one nor as a wrong move.
   */
  readonly centered: boolean;
}

/** What the page shows next. */
export interface ChallengeAnswer {
  readonly instruction: 'center_face' | ChallengeStep | 'done';
  /** Fraction of the steps verified, in [0, 1]. */
  readonly progress: number;
}
