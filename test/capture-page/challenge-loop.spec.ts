import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { ChallengeAnswer, Instruction, LightSequence } from '../../src/capture-page/challenge-answer.js';
import type { ChallengeIo, FrameOutcome, LightClock } from '../../src/capture-page/challenge-io.js';
import { type ChallengeEnd, runChallenge } from '../../src/capture-page/challenge-loop.js';
import { MESSAGES } from '../../src/capture-page/messages.js';

/** 2 flashes and the neutral screens: a frame from X-Light-Time 1300 on is taken after the sequence. */
const SEQUENCE: LightSequence = { flashes: [{ colour: '#ff0000', durationMs: 400 }, { colour: '#0000ff', durationMs: 400 }], neutralMs: 500 };
const LIGHT_END_MS = 1300;
const RETURN_URL = 'https://caller.example/back';

/** One frame as the fake server got it. */
interface Received {
  readonly index: number;
  readonly lightTime: number | null;
  /** Frames sent before it and not answered when it left. */
  readonly unansweredBefore: number;
}

/** The fake server's outcome for a frame, and how long it takes to give it. */
type Reply = (frame: Received) => { readonly outcome: FrameOutcome; readonly afterMs: number };

const answer = (instruction: Instruction, changes: Partial<ChallengeAnswer> = {}): FrameOutcome => ({
  kind: 'answer',
  answer: { instruction, progress: 0.5, hint: null, returnUrl: null, light: null, ...changes },
});

/**
 * The page's side of the loop on a fake clock: a camera with a fresh picture whenever asked, a
 * server answering by `reply`, and a light show whose clock counts from its first flash.
 */
class FakePage implements ChallengeIo {
  readonly received: Received[] = [];
  readonly shown: ChallengeAnswer[] = [];
  readonly hints: string[] = [];
  lightStopped = false;
  private unanswered = 0;

  constructor(private readonly reply: Reply) {}

  grabFrame() {
    return Promise.resolve({ jpeg: new Blob([String(this.received.length)]), grabbedAt: performance.now() });
  }

  sendFrame(_frame: Blob, lightTime: number | null): Promise<FrameOutcome> {
    const frame = { index: this.received.length, lightTime, unansweredBefore: this.unanswered++ };
    this.received.push(frame);
    const { outcome, afterMs } = this.reply(frame);
    return new Promise((resolve) =>
      setTimeout(() => {
        this.unanswered--;
        resolve(outcome);
      }, afterMs),
    );
  }

  showAnswer(shown: ChallengeAnswer): void {
    this.shown.push(shown);
  }

  showHint(text: string): void {
    this.hints.push(text);
  }

  startLight(sequence: LightSequence): Promise<LightClock> {
    const firstFlashAt = performance.now() + sequence.neutralMs;
    return Promise.resolve({
      lightTime: (grabbedAt) => Math.round(grabbedAt - firstFlashAt),
      stop: () => {
        this.lightStopped = true;
      },
    });
  }

  get lightFrames(): Received[] {
    return this.received.filter((frame) => frame.lightTime !== null);
  }
}

/** Runs the loop on the fake clock until it ends. */
async function run(page: FakePage): Promise<ChallengeEnd> {
  let end: ChallengeEnd | undefined;
  void runChallenge(page).then((result) => (end = result));
  for (let ms = 0; ms < 60_000 && end === undefined; ms += 100) await jest.advanceTimersByTimeAsync(100);
  if (!end) throw new Error('The loop did not end within a minute.');
  return end;
}

/**
 * A server taking `afterMs` to answer: centre, then the light step from the second frame, done
 * for the first frame taken after the sequence, and finished after that.
 */
const lightStep =
  (afterMs: number | ((frame: Received) => number)): Reply =>
  (frame) => {
    const delay = typeof afterMs === 'number' ? afterMs : afterMs(frame);
    if (frame.index === 0) return { outcome: answer('center_face'), afterMs: delay };
    const done = (received: Received) => received.lightTime !== null && received.lightTime >= LIGHT_END_MS;
    return { outcome: done(frame) ? answer('done', { progress: 1, returnUrl: RETURN_URL }) : answer('light', { light: SEQUENCE }), afterMs: delay };
  };

describe('runChallenge', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('sends one frame at a time outside the light step, and without waiting for answers in it, at most 3 under way', async () => {
    // Answers take 250 ms, longer than the light step's 100 ms between frames.
    const page = new FakePage(lightStep(250));

    expect(await run(page)).toEqual({ kind: 'done', returnUrl: RETURN_URL });
    const before = page.received.filter((frame) => frame.lightTime === null);
    expect(before.map((frame) => frame.unansweredBefore)).toEqual([0, 0]);
    expect(Math.max(...page.lightFrames.map((frame) => frame.unansweredBefore))).toBe(2);
    // Each light frame carries its X-Light-Time, in capture order, from the lead-in to past the end.
    const times = page.lightFrames.map((frame) => frame.lightTime ?? NaN);
    expect(times.every((time, i) => i === 0 || time > times[i - 1])).toBe(true);
    expect(times[0]).toBe(-SEQUENCE.neutralMs);
    expect(page.lightStopped).toBe(true);
  });

  it('sends no frame after one taken past the sequence until its answer, and ends with that answer', async () => {
    const page = new FakePage(lightStep(250));

    await run(page);
    expect(page.lightFrames.filter((frame) => (frame.lightTime ?? NaN) >= LIGHT_END_MS)).toHaveLength(1);
    expect(page.received.at(-1)?.lightTime).toBeGreaterThanOrEqual(LIGHT_END_MS);
    expect(page.shown.at(-1)).toMatchObject({ instruction: 'done', returnUrl: RETURN_URL });
  });

  it('handles the answers in the order their frames left, whatever order they come back in', async () => {
    // A later frame's answer comes back sooner: 300, 200, 100 ms, and again.
    const page = new FakePage((frame) => {
      const { outcome } = lightStep(0)(frame);
      const numbered = outcome.kind === 'answer' ? { ...outcome, answer: { ...outcome.answer, progress: frame.index / 100 } } : outcome;
      return { outcome: numbered, afterMs: frame.lightTime === null ? 50 : 300 - 100 * (frame.index % 3) };
    });

    await run(page);
    const order = page.shown.map((shown) => Math.round(shown.progress * 100));
    expect(order).toEqual(page.received.map((frame) => frame.index));
  });

  it('goes back to one frame at a time, without X-Light-Time, when an answer is no longer light', async () => {
    const page = new FakePage((frame) => {
      const reply = (outcome: FrameOutcome) => ({ outcome, afterMs: 250 });
      if (frame.index === 0) return reply(answer('light', { light: SEQUENCE }));
      if (frame.lightTime === null) return reply(answer('done'));
      return reply((frame.lightTime ?? NaN) >= LIGHT_END_MS ? answer('center_face') : answer('light', { light: SEQUENCE }));
    });

    expect(await run(page)).toEqual({ kind: 'done', returnUrl: null });
    expect(page.lightStopped).toBe(true);
    expect(page.received.at(-1)).toMatchObject({ lightTime: null, unansweredBefore: 0 });
    expect(page.shown.map((shown) => shown.instruction).slice(-2)).toEqual(['center_face', 'done']);
  });

  it('counts the frames under way together when the service cannot be reached as one failed attempt, then gives up', async () => {
    // Unreachable from the first light frame on, each failure known only after 250 ms: 3 frames fail together.
    const page = new FakePage((frame) => ({
      outcome: frame.index === 0 ? answer('light', { light: SEQUENCE }) : { kind: 'unreachable' },
      afterMs: 250,
    }));

    expect(await run(page)).toEqual({ kind: 'stopped', message: MESSAGES.offline, reference: null });
    // Four back-offs (0.5, 1, 2 and 4 s) were waited out, each announced once, before giving up.
    expect(page.hints).toEqual(Array(4).fill(MESSAGES.reconnecting));
    expect(performance.now()).toBeGreaterThanOrEqual(7500);
    expect(Math.max(...page.lightFrames.map((frame) => frame.unansweredBefore))).toBe(2);
  });

  it('stops at once on an answer that ends the check, though frames are still under way', async () => {
    const page = new FakePage((frame) => ({
      outcome: frame.index === 0 ? answer('light', { light: SEQUENCE }) : frame.index === 3 ? { kind: 'stop', message: MESSAGES.linkExpired, reference: 'req-1' } : answer('light'),
      afterMs: 250,
    }));

    expect(await run(page)).toEqual({ kind: 'stopped', message: MESSAGES.linkExpired, reference: 'req-1' });
    expect(page.shown).toHaveLength(3);
    expect(page.lightStopped).toBe(true);
  });
});
