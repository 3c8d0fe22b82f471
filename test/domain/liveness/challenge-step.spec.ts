import { CHALLENGE_STEPS, drawStep, type ChallengeStep } from '../../../src/domain/liveness/challenge-step.js';
import { RandomSource } from '../../../src/domain/ports/random-source.port.js';
import { ScriptedRandom, SeededRandom } from '../../fakes/seeded-random.js';

/** `count` draws in a row, as a challenge makes them. */
function drawSequence(count: number, random: RandomSource): ChallengeStep[] {
  const steps: ChallengeStep[] = [];
  for (let i = 0; i < count; i++) steps.push(drawStep(steps.at(-1) ?? null, random));
  return steps;
}

describe('drawStep', () => {
  it('draws every step, about equally often, at every position of a sequence', () => {
    const random = new SeededRandom(42);
    const counts = [0, 1, 2].map(() => new Map<ChallengeStep, number>());
    for (let run = 0; run < 4000; run++) {
      drawSequence(3, random).forEach((step, position) => counts[position].set(step, (counts[position].get(step) ?? 0) + 1));
    }

    for (const byStep of counts) {
      expect([...byStep.keys()].sort()).toEqual([...CHALLENGE_STEPS].sort());
      // 1000 expected per step and position; ±15% is far outside seeded noise, well inside a bias.
      for (const count of byStep.values()) expect(Math.abs(count - 1000)).toBeLessThan(150);
    }
  });

  it('never repeats the previous step', () => {
    const random = new SeededRandom(7);
    for (let run = 0; run < 1000; run++) {
      const steps = drawSequence(6, random);
      steps.slice(1).forEach((step, i) => expect(step).not.toBe(steps[i]));
    }
  });

  it('allows the opposite turn right after a turn', () => {
    expect(drawStep('turn_left', new ScriptedRandom([0]))).toBe('turn_right');
    expect(drawStep('turn_right', new ScriptedRandom([0]))).toBe('turn_left');
  });

  it('picks among the three other steps after one, and among all four for the first', () => {
    const sizes: number[] = [];
    const spy = new (class extends RandomSource {
      override pick(size: number): number {
        sizes.push(size);
        return size - 1;
      }
    })();

    expect(drawStep(null, spy)).toBe('blink');
    expect(drawStep('blink', spy)).toBe('look_up');
    expect(sizes).toEqual([4, 3]);
  });

  it('refuses a random source that answers outside the range it was asked for', () => {
    expect(() => drawStep(null, new ScriptedRandom([4]))).toThrow(RangeError);
    expect(() => drawStep(null, new ScriptedRandom([1.5]))).toThrow(RangeError);
  });
});
