import type { EyeSample } from '../../../src/domain/liveness/blink.js';
import type { ChallengeStep } from '../../../src/domain/liveness/challenge-step.js';
import type { HeadPose } from '../../../src/domain/liveness/frame-analysis.js';
import { judgeFrame, type FrameContext } from '../../../src/domain/liveness/frame-judgement.js';
import { analyzedFace } from './analyzed-face.js';

/** A user whose frontal reads yaw +7°, pitch +3° (human's per-person offset), left eye opening less than the right. */
const baseline: HeadPose = { yaw: 7, pitch: 3, roll: 0 };
const openEyes = { left: 0.32, right: 0.36 };
const AT = 5000;

/** A face at `yaw`, `pitch` away from the user's frontal pose, eyes at these fractions of their open level. */
function face(yaw = 0, pitch = 0, [left, right] = [1, 1]) {
  return analyzedFace({
    pose: { yaw: baseline.yaw + yaw, pitch: baseline.pitch + pitch, roll: 0 },
    eyeOpenness: { left: left * openEyes.left, right: right * openEyes.right },
  });
}

/** Eye samples 200 ms apart from the step's issue on, as [left, right] fractions of each eye's open level, at frontal pitch. */
function eyes(...frames: Array<[number, number]>): EyeSample[] {
  return frames.map(([left, right], i) => ({
    timeMs: AT - 200 * (frames.length - 1 - i),
    left: left * openEyes.left,
    right: right * openEyes.right,
    pitch: baseline.pitch,
  }));
}

function context(step: ChallengeStep | null, eyeSamples: readonly EyeSample[] = eyes([1, 1])): FrameContext {
  return { at: AT, step, baseline, openEyes, eyeSamples };
}

describe('judgeFrame', () => {
  it('judges a usable frame at its own time', () => {
    expect(judgeFrame(face(), context('turn_left'))).toEqual({ at: AT, usable: true, stepReached: null, wrongMove: false, centered: true });
  });

  describe('a pose step', () => {
    it.each([
      ['turn_left', -15, 0, -14, 0],
      ['turn_right', 15, 0, 14, 0],
      ['look_up', 0, -10, 0, -9],
    ] as const)('reaches %s at its target from the frontal pose, and not just short of it', (step, yaw, pitch, shortYaw, shortPitch) => {
      expect(judgeFrame(face(yaw, pitch), context(step)).stepReached).toBe(step);
      expect(judgeFrame(face(shortYaw, shortPitch), context(step)).stepReached).toBeNull();
    });

    it.each([
      ['turn_left', 'turn_right', 20, 0],
      ['turn_right', 'look_up', 0, -15],
      ['look_up', 'turn_left', -20, 0],
    ] as const)('does not take %s as reached by a %s', (step, _other, yaw, pitch) => {
      expect(judgeFrame(face(yaw, pitch), context(step)).stepReached).toBeNull();
    });

    it.each([
      ['turn_left', 8, 0, 7, 0],
      ['turn_right', -8, 0, -7, 0],
      ['look_up', 0, 8, 0, 7],
    ] as const)('takes a clear move against %s as a wrong move, and not a small one', (step, yaw, pitch, smallYaw, smallPitch) => {
      expect(judgeFrame(face(yaw, pitch), context(step)).wrongMove).toBe(true);
      expect(judgeFrame(face(smallYaw, smallPitch), context(step)).wrongMove).toBe(false);
    });

    it('does not take the step reached as a wrong move', () => {
      expect(judgeFrame(face(-20), context('turn_left'))).toMatchObject({ stepReached: 'turn_left', wrongMove: false });
    });

    it('does not take a move across the asked one as a wrong move (a turn while looking up is asked)', () => {
      expect(judgeFrame(face(25), context('look_up')).wrongMove).toBe(false);
    });
  });

  describe('a blink step', () => {
    it('is reached over the samples since it was issued: open, both eyes closed, open again', () => {
      const verdict = judgeFrame(face(), context('blink', eyes([1, 1], [0.3, 0.3], [1, 1])));
      expect(verdict).toMatchObject({ stepReached: 'blink', wrongMove: false });
    });

    it('is not reached while the eyes are still closed', () => {
      expect(judgeFrame(face(0, 0, [0.3, 0.3]), context('blink', eyes([1, 1], [0.3, 0.3]))).stepReached).toBeNull();
    });

    it('is not reached by a wink of either eye', () => {
      expect(judgeFrame(face(), context('blink', eyes([1, 1], [0.2, 1], [1, 1], [1, 0.2], [1, 1]))).stepReached).toBeNull();
    });

    it.each([
      ['a turn to the left', -15, 0],
      ['a turn to the right', 15, 0],
      ['a look up', 0, -10],
    ])('takes %s during it as a wrong move', (_move, yaw, pitch) => {
      expect(judgeFrame(face(yaw, pitch), context('blink')).wrongMove).toBe(true);
    });

    it('does not take a small head move during it as a wrong move', () => {
      expect(judgeFrame(face(10, -6), context('blink')).wrongMove).toBe(false);
    });
  });

  describe('without an expected step (baseline, recentring)', () => {
    it('reaches nothing and makes no wrong move, however the head turns', () => {
      expect(judgeFrame(face(-30, -20), context(null))).toMatchObject({ stepReached: null, wrongMove: false });
    });
  });

  describe('centered', () => {
    it('holds near the frontal pose with open eyes, up to half the turn and look-up targets', () => {
      expect(judgeFrame(face(), context(null)).centered).toBe(true);
      expect(judgeFrame(face(7.5, -5), context(null)).centered).toBe(true);
      expect(judgeFrame(face(-7.5, 5), context('turn_right')).centered).toBe(true);
      expect(judgeFrame(face(0, 0, [0.8, 0.8]), context(null)).centered).toBe(true);
    });

    it.each([
      ['turned to the left', -8, 0],
      ['turned to the right', 8, 0],
      ['looking up', 0, -6],
      ['looking down', 0, 6],
    ])('does not hold with the head %s', (_how, yaw, pitch) => {
      expect(judgeFrame(face(yaw, pitch), context(null)).centered).toBe(false);
    });

    it.each([
      ['both eyes closed', [0.3, 0.3]],
      ['the left eye closed', [0.3, 1]],
      ['the right eye half closed', [1, 0.7]],
    ] as const)('does not hold with %s', (_how, levels) => {
      expect(judgeFrame(face(0, 0, [...levels]), context(null)).centered).toBe(false);
    });
  });
});
