import type { ChallengeAnswer, LightSequence } from './challenge-answer.js';

// What the challenge loop (challenge-loop.ts) works through, free of the DOM so that the loop can
// be tested on its own: the camera (frame-grabber.ts), the frames route (frames-client.ts), the
// view and the light show (capture.ts, light-show.ts).

/** What became of one frame, as far as the challenge loop cares. */
export type FrameOutcome =
  | { readonly kind: 'answer'; readonly answer: ChallengeAnswer }
  /** Too fast: send the next frame after this many seconds. */
  | { readonly kind: 'wait'; readonly seconds: number }
  /** No answer, or the server failing: worth a few retries. */
  | { readonly kind: 'unreachable' }
  /** The challenge is over already (409 CHALLENGE_FINISHED): for the user this is the end of the check. */
  | { readonly kind: 'finished' }
  | { readonly kind: 'stop'; readonly message: string; readonly reference: string | null };

export interface GrabbedFrame {
  readonly jpeg: Blob;
  /** performance.now() when the picture was taken from the video. */
  readonly grabbedAt: number;
}

/** A light sequence on screen. */
export interface LightClock {
  /** A frame's X-Light-Time from when it was grabbed (performance.now()). */
  lightTime(grabbedAt: number): number;
  /** Back to the normal page. */
  stop(): void;
}

export interface ChallengeIo {
  grabFrame(): Promise<GrabbedFrame>;
  sendFrame(frame: Blob, lightTime: number | null): Promise<FrameOutcome>;
  showAnswer(answer: ChallengeAnswer): void;
  showHint(text: string): void;
  /** Warns of the colours, then starts them: resolves once the neutral lead-in is on screen. */
  startLight(sequence: LightSequence): Promise<LightClock>;
}
