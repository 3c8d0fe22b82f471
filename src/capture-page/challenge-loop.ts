import type { ChallengeAnswer } from './challenge-answer.js';
import type { FrameOutcome } from './frames-client.js';
import { MESSAGES } from './messages.js';

/** 5 frames a second; the next frame leaves only after the answer to the last one. */
const FRAME_INTERVAL_MS = 200;
/** Back-off between attempts while the service cannot be reached; then the page gives up. */
const RETRY_DELAYS_MS = [500, 1000, 2000, 4000];
/** A longer Retry-After (a monthly quota, say) is not worth keeping someone in front of the camera. */
const MAX_WAIT_SECONDS = 30;

export type ChallengeEnd =
  | { readonly kind: 'done'; readonly returnUrl: string | null }
  | { readonly kind: 'stopped'; readonly message: string; readonly reference: string | null };

export interface ChallengeIo {
  grabFrame(): Promise<Blob>;
  sendFrame(frame: Blob): Promise<FrameOutcome>;
  showAnswer(answer: ChallengeAnswer): void;
  showHint(text: string): void;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Sends frames until the server says done or something ends the check. */
export async function runChallenge(io: ChallengeIo): Promise<ChallengeEnd> {
  let failures = 0;
  for (;;) {
    const sentAt = performance.now();
    const outcome = await io.sendFrame(await io.grabFrame());
    switch (outcome.kind) {
      case 'answer':
        failures = 0;
        io.showAnswer(outcome.answer);
        if (outcome.answer.instruction === 'done') return { kind: 'done', returnUrl: outcome.answer.returnUrl };
        await sleep(sentAt + FRAME_INTERVAL_MS - performance.now());
        break;
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
}
