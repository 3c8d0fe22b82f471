import { ChallengeFinished, TooManyFrames } from '../../../src/domain/domain.errors.js';
import { Challenge } from '../../../src/domain/liveness/challenge.js';
import { ScriptedRandom } from '../../fakes/seeded-random.js';
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

  it('refuses a frame after a failure or the end of the session with ChallengeFinished', () => {
    const failed = start();
    passBaseline(failed);
    failed.observe(frame(1000, { wrongMove: true }));
    const ended = start();
    ended.end(500);

    expect(() => failed.observe(frame(1200))).toThrow(ChallengeFinished);
    expect(() => ended.observe(frame(600))).toThrow(ChallengeFinished);
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
