import type { RandomSource } from '../ports/random-source.port.js';

/** What the user is asked to do, one at a time. */
export type ChallengeStep = 'turn_left' | 'turn_right' | 'look_up' | 'blink';

export const CHALLENGE_STEPS: readonly ChallengeStep[] = ['turn_left', 'turn_right', 'look_up', 'blink'];

/** The steps that turn the head sideways: the planarity check needs at least one (see Challenge). */
export const TURN_STEPS: readonly ChallengeStep[] = ['turn_left', 'turn_right'];

/**
 * The step after `previous`, uniformly among the others. No immediate repeat: a second identical
 * instruction reads as a glitch to the user and lets a recording that loops one gesture pass twice.
 * Opposite turns back to back stay allowed: the face must come back to centre before the next
 * step is drawn (see Challenge), so a sway cannot carry one turn into the other, and excluding
 * them would leave 2 choices instead of 3 after every turn, making a fixed recording's order far
 * easier to guess (1 in 16 instead of 1 in 36 for 3 steps). `allowed` narrows the choice.
 */
export function drawStep(previous: ChallengeStep | null, random: RandomSource, allowed: readonly ChallengeStep[] = CHALLENGE_STEPS): ChallengeStep {
  const candidates = allowed.filter((step) => step !== previous);
  const index = random.pick(candidates.length);
  if (!Number.isInteger(index) || index < 0 || index >= candidates.length) {
    throw new RangeError(`RandomSource.pick(${candidates.length}) returned ${index}.`);
  }
  return candidates[index];
}
