import { LIVENESS_THRESHOLDS } from './liveness-thresholds.js';

/**
 * Which challenge a session runs, as Rekognition's ChallengePreferences: the head movements alone,
 * or the movements then the light sequence (light-sequence.ts, light-reflection.ts).
 */
export const CHALLENGE_KINDS = ['movement', 'movementAndLight'] as const;
export type ChallengeKind = (typeof CHALLENGE_KINDS)[number];

/** Every count and duration the challenge runs on. Times are milliseconds of the server's clock. */
export interface ChallengeOptions {
  /**
   * The light step follows the movement steps (`movementAndLight`). Optional: records stored before
   * the light challenge lack it, and read as movement only.
   */
  readonly light?: boolean;
  /**
   * Steps per session. 3: with no immediate repeat a fixed recording guesses the order 1 time in
   * 36, and a genuine user is done in about 10 s; each extra step divides the guess by 3.
   */
  readonly stepCount: number;
  /**
   * Usable frames before the first step: the ones pose.ts takes the frontal baseline from, so it
   * defaults to that count (5, about 1 s at 5 frames/s) and a step is never judged without one.
   */
  readonly baselineFrames: number;
  /**
   * A step reached sooner than this after it was issued fails as `too_early`. 300: the answer
   * that carries the step leaves only after the triggering frame's analysis (about 190 ms), then
   * a person needs about 150–200 ms to react and more to turn; 300 leaves margin for a faster
   * server or network jitter while no one can follow an instruction they have not yet seen.
   */
  readonly minReactionMs: number;
  /**
   * Time allowed to reach an issued step, and to come back to centre after one. 5000: enough to
   * read a one-word instruction and move, short enough that a recording cannot wait for the
   * matching gesture to come round.
   */
  readonly stepWindowMs: number;
  /**
   * Unusable frames (no face, too dark, blurred...) tolerated over the whole challenge. 25 (5 s at
   * 5 frames/s): the camera warming up and the user finding the oval, but not a session spent
   * outside the checks.
   */
  readonly maxLowQualityFrames: number;
  /**
   * Frames accepted per challenge. 200 (40 s at 5 frames/s): the slowest genuine run, a baseline
   * plus 3 × (5 s step + 5 s return), fits; it caps the analysis work one session can cost.
   */
  readonly maxFrames: number;
  /**
   * Frames arriving closer than this are refused. 100 (10 frames/s): twice the page's pace of about
   * 5 frames/s, so network bunching passes while a flood does not.
   */
  readonly minFrameIntervalMs: number;
  /**
   * During the light step, frames captured closer than this (by their X-Light-Time) are refused,
   * whenever they arrive: the page sends them without waiting for answers, so their arrival
   * bunches. 50 (20 frames/s): twice the page's pace of 10 frames/s, as minFrameIntervalMs; with
   * times that must increase within LIGHT_TIME_RANGE_MS, and the frame cap, it bounds what a
   * session can send however it times its frames.
   */
  readonly minLightFrameIntervalMs: number;
}

export const DEFAULT_CHALLENGE_OPTIONS: ChallengeOptions = {
  light: false,
  stepCount: 3,
  baselineFrames: LIVENESS_THRESHOLDS.pose.baselineFrames,
  minReactionMs: 300,
  stepWindowMs: 5000,
  maxLowQualityFrames: 25,
  maxFrames: 200,
  minFrameIntervalMs: 100,
  minLightFrameIntervalMs: 50,
};
