import { hasBlinked, openLevels, type EyeSample } from '../../../src/domain/liveness/blink.js';

/** This user's eyes: the left opens less than the right, as on the man of the fixtures. */
const open = { left: 0.31, right: 0.4 };
const FRONTAL_PITCH = 2;

/** Samples 200 ms apart (5 frames/s): [left, right] as fractions of each eye's open level, pitch. */
function sequence(...frames: Array<[number, number, number?]>): EyeSample[] {
  return frames.map(([left, right, pitch = FRONTAL_PITCH], i) => ({ timeMs: 200 * i, left: left * open.left, right: right * open.right, pitch }));
}

describe('openLevels', () => {
  it('takes the median of each eye apart, so a blink among the frames does not lower it', () => {
    const lefts = [0.3, 0.31, 0.32, 0.1, 0.3];
    const rights = [0.4, 0.42, 0.41, 0.2, 0.43];
    expect(openLevels(lefts.map((left, i) => ({ left, right: rights[i] })))).toEqual({ left: 0.3, right: 0.41 });
  });
});

describe('hasBlinked', () => {
  it('sees a clean blink: open, both eyes down to 30%, open again', () => {
    expect(hasBlinked(sequence([1, 1], [0.3, 0.3], [1, 1]), open, FRONTAL_PITCH)).toBe(true);
  });

  it('sees a blink caught mid-closing and mid-opening, one eye shutting more than the other', () => {
    expect(hasBlinked(sequence([1, 1], [0.7, 0.75], [0.55, 0.2], [0.7, 0.7], [0.95, 0.9]), open, FRONTAL_PITCH)).toBe(true);
  });

  it('does not take a half blink (both eyes at 70%) for a blink', () => {
    expect(hasBlinked(sequence([1, 1], [0.7, 0.7], [0.7, 0.7], [1, 1]), open, FRONTAL_PITCH)).toBe(false);
  });

  it('does not take a wink (one eye only) for a blink', () => {
    expect(hasBlinked(sequence([1, 1], [0.2, 1], [1, 1], [1, 0.2], [1, 1]), open, FRONTAL_PITCH)).toBe(false);
  });

  it('does not take looking far down, lids lowered at pitch +9° from frontal, for a blink', () => {
    expect(hasBlinked(sequence([1, 1], [0.4, 0.4, FRONTAL_PITCH + 9], [0.4, 0.4, FRONTAL_PITCH + 9], [1, 1]), open, FRONTAL_PITCH)).toBe(false);
  });

  it('wants the eyes to reopen: closed to the end is not a blink', () => {
    expect(hasBlinked(sequence([1, 1], [0.2, 0.2], [0.2, 0.2]), open, FRONTAL_PITCH)).toBe(false);
  });

  it('wants them open first: a session starting with closed eyes that open is not a blink', () => {
    expect(hasBlinked(sequence([0.2, 0.2], [1, 1]), open, FRONTAL_PITCH)).toBe(false);
  });

  it('does not count eyes kept shut longer than the window, but counts a quick blink after it', () => {
    const shut = Array.from({ length: 9 }, (): [number, number] => [0.2, 0.2]);
    expect(hasBlinked(sequence([1, 1], ...shut, [1, 1]), open, FRONTAL_PITCH)).toBe(false);
    expect(hasBlinked(sequence([1, 1], ...shut, [1, 1], [0.2, 0.2], [1, 1]), open, FRONTAL_PITCH)).toBe(true);
  });
});
