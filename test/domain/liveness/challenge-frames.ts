import type { Challenge } from '../../../src/domain/liveness/challenge.js';
import type { ChallengeAnswer, FrameVerdict } from '../../../src/domain/liveness/challenge-frame.js';

/** A usable, centred frame received at `at` ms that reaches nothing, unless `fields` say otherwise. */
export function frame(at: number, fields: Partial<Omit<FrameVerdict, 'at'>> = {}): FrameVerdict {
  return { at, usable: true, stepReached: null, wrongMove: false, centered: true, ...fields };
}

/** The default 5 baseline frames, 200 ms apart from `from`: the first step is issued at the last one. */
export function passBaseline(challenge: Challenge, from = 0): number {
  let at = from;
  for (let i = 0; i < 5; i++) challenge.observe(frame((at = from + 200 * i)));
  return at;
}

/** A frame that completes the step the challenge expects. */
export function reach(challenge: Challenge, at: number): ChallengeAnswer {
  return challenge.observe(frame(at, { stepReached: challenge.expectedStep, centered: false }));
}
