import { ChallengeFinished, TooManyFrames } from '../../../src/domain/domain.errors.js';
import { Challenge } from '../../../src/domain/liveness/challenge.js';
import { ScriptedRandom, SeededRandom } from '../../fakes/seeded-random.js';
import { frame, passBaseline, reach } from './challenge-frames.js';

const start = (options = {}) => Challenge.start(new ScriptedRandom([0, 0, 0]), options);

/** What `send` throws, to assert on its fields; undefined when it does not throw. */
function refusal(send: () => unknown): unknown {
  try {
    send();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('Challenge frame limits', () => {
  it('refuses a frame after a pass with ChallengeFinished', () => {
    const challenge = start({ stepCount: 1 });
    passBaseline(challenge);
    reach(challenge, 1400);

    expect(() => challenge.observe(frame(1600))).toThrow(ChallengeFinished);
    expect(refusal(() => challenge.assertAccepts(1600))).toMatchObject({ code: 'CHALLENGE_FINISHED' });
  });

  it('refuses a frame after a failure with ChallengeFinished', () => {
    const failed = start();
    passBaseline(failed);
    failed.observe(frame(1000, { wrongMove: true }));

    expect(() => failed.observe(frame(1200))).toThrow(ChallengeFinished);
  });

  it('refuses a frame closer than the minimum interval with TooManyFrames, changing nothing', () => {
    const challenge = start();
    challenge.observe(frame(0));
    const before = challenge.toRecord();

    const error = refusal(() => challenge.observe(frame(60)));

    expect(error).toBeInstanceOf(TooManyFrames);
    expect(error).toMatchObject({ code: 'TOO_MANY_FRAMES', retryAfterSeconds: 0.04 });
    expect(challenge.toRecord()).toEqual(before);
    expect(challenge.observe(frame(100))).toEqual({ instruction: 'center_face', progress: 0 });
  });

  it('refuses a frame older than the last one with TooManyFrames', () => {
    const challenge = start();
    challenge.observe(frame(1000));

    expect(() => challenge.observe(frame(900))).toThrow(TooManyFrames);
  });

  it('refuses frames past the cap with TooManyFrames that no wait can lift', () => {
    const challenge = start({ maxFrames: 3 });
    for (const at of [0, 200, 400]) challenge.observe(frame(at, { usable: false }));

    const error = refusal(() => challenge.observe(frame(10_000)));

    expect(error).toBeInstanceOf(TooManyFrames);
    expect(error).toMatchObject({ code: 'TOO_MANY_FRAMES', retryAfterSeconds: null });
  });

  it('counts refused frames neither towards the cap nor as the last frame', () => {
    const challenge = start({ maxFrames: 2 });
    challenge.observe(frame(0));
    expect(() => challenge.observe(frame(50))).toThrow(TooManyFrames);

    challenge.observe(frame(100));
    expect(challenge.toRecord()).toMatchObject({ frames: 2, lastFrameAt: 100 });
  });

  it('asks for as many steps as configured and reports progress in fractions of them', () => {
    const challenge = start({ stepCount: 2 });
    passBaseline(challenge);

    expect(reach(challenge, 1400)).toEqual({ instruction: 'center_face', progress: 0.5 });
    challenge.observe(frame(1600));
    expect(reach(challenge, 2000)).toEqual({ instruction: 'done', progress: 1 });
    expect(challenge.state.kind).toBe('passed');
  });
});

describe('Challenge frame limits in the light step', () => {
  /** A light challenge of one step, its sequence just issued at 1600. */
  function inLight(options = {}): Challenge {
    const challenge = Challenge.start(new SeededRandom(5), { light: true, stepCount: 1, ...options });
    passBaseline(challenge);
    reach(challenge, 1400);
    challenge.observe(frame(1600));
    expect(challenge.state).toEqual({ kind: 'light_issued', issuedAt: 1600 });
    return challenge;
  }

  const light = (at: number, timeMs: number, lastTimeMs: number | null) => frame(at, { centered: false, lightTiming: { timeMs, lastTimeMs } });

  it('spaces frames by their capture time, not their arrival: frames arriving together pass', () => {
    const challenge = inLight();

    challenge.observe(light(3500, -500, null));
    challenge.observe(light(3500, -400, -500));
    expect(challenge.observe(light(3510, -350, -400))).toMatchObject({ instruction: 'light' });
    expect(challenge.toRecord().frames).toBe(10);
  });

  it('refuses a frame captured and arriving too soon with TooManyFrames, changing nothing', () => {
    const challenge = inLight();
    challenge.observe(light(3500, -500, null));
    const before = challenge.toRecord();

    const error = refusal(() => challenge.observe(light(3510, -470, -500)));

    expect(error).toMatchObject({ code: 'TOO_MANY_FRAMES', retryAfterSeconds: 0.02 });
    expect(challenge.toRecord()).toEqual(before);
    expect(() => challenge.assertAccepts(3510, { timeMs: -450, lastTimeMs: -500 })).not.toThrow();
  });

  it('takes a frame captured too soon that arrived at least 100 ms after the last, as outside the step', () => {
    const challenge = inLight();
    challenge.observe(light(3500, -500, null));

    expect(challenge.observe(light(3600, -499, -500))).toMatchObject({ instruction: 'light' });
  });

  it('still caps the frames, whatever their capture times', () => {
    const challenge = inLight({ maxFrames: 9 });
    for (let i = 0; i < 2; i++) challenge.observe(light(3500, -500 + 100 * i, i === 0 ? null : -500));

    expect(refusal(() => challenge.assertAccepts(3500, { timeMs: -300, lastTimeMs: -400 }))).toMatchObject({ code: 'TOO_MANY_FRAMES', retryAfterSeconds: null });
  });

  it('spaces frames by arrival outside the light step, and in it for a frame without a capture time', () => {
    const challenge = start();
    challenge.observe(frame(0));
    const lit = inLight();
    lit.observe(light(3500, -500, null));

    expect(refusal(() => challenge.observe(frame(50, { lightTiming: { timeMs: 500, lastTimeMs: 0 } })))).toMatchObject({ retryAfterSeconds: 0.05 });
    expect(refusal(() => lit.observe(frame(3550)))).toMatchObject({ retryAfterSeconds: 0.05 });
  });

  it('gives a record stored before the light-step spacing existed its default', () => {
    const record = inLight().toRecord();
    const older = Object.fromEntries(Object.entries(record.options).filter(([name]) => name !== 'minLightFrameIntervalMs')) as typeof record.options;

    const restored = Challenge.fromRecord({ ...record, options: older }, new SeededRandom(1));

    expect(restored.toRecord().options.minLightFrameIntervalMs).toBe(50);
    expect(() => restored.assertAccepts(1650, { timeMs: -500, lastTimeMs: -530 })).toThrow(TooManyFrames);
  });
});
