import type { HeadPose } from '../../../src/domain/liveness/frame-analysis.js';
import { poseBaseline, reached, wrongMove } from '../../../src/domain/liveness/pose.js';

const pose = (yaw: number, pitch = 0, roll = 0): HeadPose => ({ yaw, pitch, roll });
/** A user whose frontal reads yaw +7°, pitch +3° (human's per-person offset). */
const baseline = pose(7, 3);

describe('poseBaseline', () => {
  it('is the median of the first five poses, so one odd frame does not move it', () => {
    const poses = [pose(6, 2), pose(8, 4), pose(30, -20, 9), pose(7, 3), pose(7, 3), pose(-40, 40)];
    expect(poseBaseline(poses)).toEqual(pose(7, 3));
  });

  it('is undefined until five poses have come', () => {
    expect(poseBaseline([pose(0), pose(0), pose(0), pose(0)])).toBeUndefined();
  });
});

describe('reached', () => {
  it('takes a turn to the subject own right as reached once yaw is 15° above their frontal', () => {
    expect(reached('turn_right', pose(7 + 15), baseline)).toBe(true);
    expect(reached('turn_right', pose(7 + 14), baseline)).toBe(false);
  });

  it('takes a turn to their left as reached once yaw is 15° below their frontal, not below 0', () => {
    expect(reached('turn_left', pose(-8), baseline)).toBe(true);
    expect(reached('turn_left', pose(-7), baseline)).toBe(false);
  });

  it('takes looking up as a pitch 10° under the frontal one (up is negative)', () => {
    expect(reached('look_up', pose(7, -7), baseline)).toBe(true);
    expect(reached('look_up', pose(7, -6), baseline)).toBe(false);
    expect(reached('look_up', pose(7, 20), baseline)).toBe(false);
  });

  it('ignores a turn when looking up is asked for', () => {
    expect(reached('look_up', pose(40, 3), baseline)).toBe(false);
  });
});

describe('wrongMove', () => {
  it('flags a clear turn the other way', () => {
    expect(wrongMove('turn_left', pose(7 + 8), baseline)).toBe(true);
    expect(wrongMove('turn_right', pose(7 - 8), baseline)).toBe(true);
    expect(wrongMove('look_up', pose(7, 3 + 8), baseline)).toBe(true);
  });

  it('lets jitter around the frontal pose and moves in the asked direction pass', () => {
    expect(wrongMove('turn_left', pose(7 + 5), baseline)).toBe(false);
    expect(wrongMove('turn_left', pose(-30), baseline)).toBe(false);
    expect(wrongMove('look_up', pose(7, -20), baseline)).toBe(false);
  });
});
