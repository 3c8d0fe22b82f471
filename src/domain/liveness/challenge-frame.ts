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
  /**
   * During the light step: the frame was captured after the sequence and its trailing neutral
   * screen, so the light capture is complete. Absent (false) otherwise.
   */
  readonly lightComplete?: boolean;
  /** During the light step: the frame's capture time, which paces the step's frames instead of `at`. */
  readonly lightTiming?: LightTiming;
}

/**
 * A light-step frame's X-Light-Time (ms from the first flash, on the page's clock) and the last
 * accepted light frame's, null for the first: LivenessCheck has checked that it comes after it.
 */
export interface LightTiming {
  readonly timeMs: number;
  readonly lastTimeMs: number | null;
}

/** The light sequence as the page shows it: colours as CSS `#rrggbb`, neutral screen before and after. */
export interface LightCue {
  readonly flashes: readonly { readonly colour: string; readonly durationMs: number }[];
  readonly neutralMs: number;
}

/** What the page shows next. */
export interface ChallengeAnswer {
  readonly instruction: 'center_face' | ChallengeStep | 'light' | 'done';
  /** Fraction of the steps verified, in [0, 1]; the light step counts as one more step. */
  readonly progress: number;
  /** With `light`: the sequence to show (repeated on every answer of the light step). */
  readonly light?: LightCue;
}
