import { type ChallengeAnswer, type LightSequence, sameSequence } from './challenge-answer.js';
import type { GrabbedFrame } from './frame-grabber.js';
import type { FrameOutcome } from './frames-client.js';
import { MESSAGES } from './messages.js';

/** 5 frames a second, from one frame leaving to the next; the next leaves only after the answer to the last. */
const FRAME_INTERVAL_MS = 200;
/**
 * About 9 a second while the screen shows the light sequence: two or more frames a flash. Not 10:
 * the server refuses a frame that arrives under 100 ms after the last, and asks to retry after a
 * whole second, which would leave part of the sequence unseen.
 */
const LIGHT_FRAME_INTERVAL_MS = 110;
/** Back-off between attempts while the service cannot be reached; then the page gives up. */
const RETRY_DELAYS_MS = [500, 1000, 2000, 4000];
/** A longer Retry-After (a monthly quota, say) is not worth keeping someone in front of the camera. */
const MAX_WAIT_SECONDS = 30;

export type ChallengeEnd =
  | { readonly kind: 'done'; readonly returnUrl: string | null }
  | { readonly kind: 'stopped'; readonly message: string; readonly reference: string | null };

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

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends frames until the server says done or something ends the check. A `light` answer with a
 * sequence starts it (a repeat of the same sequence does not restart it); frames then go twice as
 * often, each with its X-Light-Time, until an answer is no longer `light`.
 */
export async function runChallenge(io: ChallengeIo): Promise<ChallengeEnd> {
  let failures = 0;
  let light: { readonly sequence: LightSequence; readonly clock: LightClock } | null = null;
  try {
    for (;;) {
      const frame = await io.grabFrame();
      const sentAt = performance.now();
      const outcome = await io.sendFrame(frame.jpeg, light ? light.clock.lightTime(frame.grabbedAt) : null);
      switch (outcome.kind) {
        case 'answer': {
          failures = 0;
          const { answer } = outcome;
          if (light && answer.instruction !== 'light') {
            light.clock.stop();
            light = null;
          }
          io.showAnswer(answer);
          if (answer.instruction === 'done') return { kind: 'done', returnUrl: answer.returnUrl };
          if (answer.instruction === 'light' && answer.light && !sameSequence(light?.sequence ?? null, answer.light)) {
            light?.clock.stop();
            light = null;
            light = { sequence: answer.light, clock: await io.startLight(answer.light) };
            // The lead-in is on screen: its first frame leaves at once.
            break;
          }
          await sleep(sentAt + (light ? LIGHT_FRAME_INTERVAL_MS : FRAME_INTERVAL_MS) - performance.now());
          break;
        }
        case 'wait':
          if (outcome.seconds > MAX_WAIT_SECONDS) return { kind: 'stopped', message: MESSAGES.serviceBusy, reference: null };
          await sleep(Math.max(outcome.seconds * 1000, FRAME_INTERVAL_MS));
          break;
        case 'unreachable':
          if (failures === RETRY_DELAYS_MS.length) return { kind: 'stopped', message: MESSAGES.offline, reference: null };
          io.showHint(MESSAGES.reconnecting);
          await sleep(RETRY_DELAYS_MS[failures++]);
          break;
        case 'finished':
          return { kind: 'done', returnUrl: null };
        case 'stop':
          return { kind: 'stopped', message: outcome.message, reference: outcome.reference };
      }
    }
  } finally {
    light?.clock.stop();
  }
}
