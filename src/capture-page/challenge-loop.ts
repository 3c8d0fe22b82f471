import { type ChallengeAnswer, type LightSequence, lightEndMs, sameSequence } from './challenge-answer.js';
import type { ChallengeIo, FrameOutcome, LightClock } from './challenge-io.js';
import { MESSAGES } from './messages.js';

/** 5 frames a second, from one grab to the next; outside the light step the next leaves only after the answer to the last. */
const FRAME_INTERVAL_MS = 200;
/**
 * 10 a second while the screen shows the light sequence: two or more frames a flash. The server
 * spaces these by their X-Light-Time, not by when they arrive, so they need not wait for answers.
 */
const LIGHT_FRAME_INTERVAL_MS = 100;
/**
 * Light frames sent and not yet answered, at most. Not waiting for each answer is what reaches 10
 * frames a second: a round trip (110–130 ms on an idle server) outlasts the interval. 3 keeps the
 * pace through round trips of up to 300 ms, and bounds what piles up at a slow server.
 */
const MAX_LIGHT_FRAMES_IN_FLIGHT = 3;
/** Back-off between attempts while the service cannot be reached; then the page gives up. */
const RETRY_DELAYS_MS = [500, 1000, 2000, 4000];
/** A longer Retry-After (a monthly quota, say) is not worth keeping someone in front of the camera. */
const MAX_WAIT_SECONDS = 30;

export type ChallengeEnd =
  | { readonly kind: 'done'; readonly returnUrl: string | null }
  | { readonly kind: 'stopped'; readonly message: string; readonly reference: string | null };

/** A frame sent, its outcome still to be handled. */
interface SentFrame {
  readonly outcome: Promise<FrameOutcome>;
  /** Failures counted when it left: one that fails after a later failure was counted is the same outage. */
  readonly failuresBefore: number;
  /** Grabbed after the light sequence and its trailing neutral screen: its answer should end the step. */
  readonly endsLight: boolean;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends frames until the server says done or something ends the check. A `light` answer with a
 * sequence starts it (a repeat of the same sequence does not restart it); frames then go twice as
 * often, each with its X-Light-Time, until an answer is no longer `light`.
 */
export function runChallenge(io: ChallengeIo): Promise<ChallengeEnd> {
  return new ChallengeRun(io).run();
}

/**
 * One run of the challenge. Outside the light step one frame is under way at a time. In it, frames
 * leave on their pace without waiting for answers, up to MAX_LIGHT_FRAMES_IN_FLIGHT, and none after
 * one taken past the sequence's end until its answer says whether the step is over. Outcomes are
 * handled in the order the frames left, as the server answers a session's frames.
 */
class ChallengeRun {
  private readonly sent: SentFrame[] = [];
  private failures = 0;
  /** performance.now() from which the next frame may be grabbed. */
  private nextAt = performance.now();
  private light: { readonly sequence: LightSequence; readonly clock: LightClock } | null = null;

  constructor(private readonly io: ChallengeIo) {}

  async run(): Promise<ChallengeEnd> {
    try {
      for (;;) {
        const room = this.sent.length < (this.light ? MAX_LIGHT_FRAMES_IN_FLIGHT : 1) && !this.sent.some((frame) => frame.endsLight);
        if (room && performance.now() >= this.nextAt) {
          await this.sendNext();
          continue;
        }
        // With no room, a frame is under way: whichever comes first, its outcome or the next frame's time.
        const oldest = this.sent[0];
        const outcome = await Promise.race([...(oldest ? [oldest.outcome] : []), ...(room ? [sleep(this.nextAt - performance.now()).then(() => null)] : [])]);
        if (!outcome) continue;
        this.sent.shift();
        const end = await this.handle(outcome, oldest);
        if (end) return end;
      }
    } finally {
      this.light?.clock.stop();
    }
  }

  private async sendNext(): Promise<void> {
    const frame = await this.io.grabFrame();
    const light = this.light;
    const lightTime = light ? light.clock.lightTime(frame.grabbedAt) : null;
    this.nextAt = frame.grabbedAt + (light ? LIGHT_FRAME_INTERVAL_MS : FRAME_INTERVAL_MS);
    this.sent.push({
      outcome: this.io.sendFrame(frame.jpeg, lightTime),
      failuresBefore: this.failures,
      endsLight: light !== null && lightTime !== null && lightTime >= lightEndMs(light.sequence),
    });
  }

  /** Acts on one frame's outcome; returns how the check ended, or null to go on. */
  private async handle(outcome: FrameOutcome, frame: SentFrame): Promise<ChallengeEnd | null> {
    switch (outcome.kind) {
      case 'answer':
        this.failures = 0;
        return this.onAnswer(outcome.answer);
      case 'wait':
        if (outcome.seconds > MAX_WAIT_SECONDS) return { kind: 'stopped', message: MESSAGES.serviceBusy, reference: null };
        this.holdOff(Math.max(outcome.seconds * 1000, FRAME_INTERVAL_MS));
        return null;
      case 'unreachable':
        // Frames that left before the last counted failure met the same outage: its back-off covers them.
        if (frame.failuresBefore < this.failures) return null;
        if (this.failures === RETRY_DELAYS_MS.length) return { kind: 'stopped', message: MESSAGES.offline, reference: null };
        this.io.showHint(MESSAGES.reconnecting);
        this.holdOff(RETRY_DELAYS_MS[this.failures++]);
        return null;
      case 'finished':
        return { kind: 'done', returnUrl: null };
      case 'stop':
        return { kind: 'stopped', message: outcome.message, reference: outcome.reference };
    }
  }

  private async onAnswer(answer: ChallengeAnswer): Promise<ChallengeEnd | null> {
    if (this.light && answer.instruction !== 'light') {
      this.light.clock.stop();
      this.light = null;
    }
    this.io.showAnswer(answer);
    if (answer.instruction === 'done') return { kind: 'done', returnUrl: answer.returnUrl };
    if (answer.instruction === 'light' && answer.light && !sameSequence(this.light?.sequence ?? null, answer.light)) {
      this.light?.clock.stop();
      this.light = null;
      this.light = { sequence: answer.light, clock: await this.io.startLight(answer.light) };
      // The lead-in is on screen: its first frame leaves at once.
      this.nextAt = performance.now();
    }
    return null;
  }

  /** No frame leaves for `ms` from now. */
  private holdOff(ms: number): void {
    this.nextAt = Math.max(this.nextAt, performance.now() + ms);
  }
}
