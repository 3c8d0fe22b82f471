import { InvalidLightTime, TooManyFrames } from '../../../src/domain/domain.errors.js';
import { checkInLight } from './light-frames.js';

/**
 * The light step's frames leave the page without waiting for answers, so they may arrive together:
 * they are paced, and timed for the replay check, by their X-Light-Time.
 */
describe('LivenessCheck pacing in the light step', () => {
  it('takes frames arriving together when they were captured 100 ms apart, without taking them for a replay', () => {
    const { check, at, user } = checkInLight();

    for (const lightTime of [-500, -400, -300]) check.observe(user.frame(false), at + 1500, lightTime);

    expect(check.toRecord().evidence.light?.samples.map((sample) => sample.timeMs)).toEqual([-500, -400, -300]);
    expect(check.toRecord().evidence.replayFault).toBeNull();
  });

  it('refuses a frame captured under 50 ms after the last and arriving under 100 ms after it with TooManyFrames, before counting it', () => {
    const { check, at, user } = checkInLight();
    check.observe(user.frame(false), at + 1500, -500);
    const framesBefore = check.toRecord().challenge.frames;

    expect(() => check.assertAccepts(at + 1510, -460)).toThrow(TooManyFrames);
    expect(() => check.observe(user.frame(false), at + 1510, -460)).toThrow(TooManyFrames);
    expect(check.toRecord().challenge.frames).toBe(framesBefore);
    expect(() => check.observe(user.frame(false), at + 1510, -450)).not.toThrow();
  });

  it('still refuses a time not after the last one as invalid, not as too fast', () => {
    const { check, at, user } = checkInLight();
    check.observe(user.frame(false), at + 1500, -500);

    expect(() => check.observe(user.frame(false), at + 1600, -500)).toThrow(InvalidLightTime);
    expect(() => check.observe(user.frame(false), at + 1600, Number.NaN)).toThrow(InvalidLightTime);
  });

  it('still takes the same frame sent twice in the light step for a replay', () => {
    const { check, at, user } = checkInLight();
    const evidence = user.frame(false);
    check.observe(evidence, at + 1500, -500);
    check.observe(evidence, at + 1600, -400);

    expect(check.toRecord().evidence.replayFault).toBe('duplicate_frame');
  });
});
