import {
  drawLightSequence,
  flashOnsets,
  LIGHT_COLOURS,
  LIGHT_PALETTE,
  linearLight,
  type LightSequence,
} from '../../../src/domain/liveness/light-sequence.js';
import { SeededRandom } from '../../fakes/seeded-random.js';

const DRAWS = 2000;
const draws: LightSequence[] = Array.from({ length: DRAWS }, (_, seed) => drawLightSequence(new SeededRandom(seed)));

/** WCAG 2.x relative luminance of a palette colour. */
const luminance = (colour: (typeof LIGHT_COLOURS)[number]) => {
  const [r, g, b] = linearLight(colour);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};

describe('drawLightSequence', () => {
  it('draws 6 to 8 flashes of 200–400 ms in 50-ms steps, every count and duration occurring', () => {
    const counts = new Set(draws.map(({ flashes }) => flashes.length));
    const durations = new Set(draws.flatMap(({ flashes }) => flashes.map((flash) => flash.durationMs)));
    expect([...counts].sort()).toEqual([6, 7, 8]);
    expect([...durations].sort((a, b) => a - b)).toEqual([200, 250, 300, 350, 400]);
  });

  it('never shows the same colour twice in a row', () => {
    for (const { flashes } of draws) {
      flashes.slice(1).forEach((flash, i) => expect(flash.colour).not.toBe(flashes[i].colour));
    }
  });

  it('changes colour at most 3 times in any second, counting the first colour coming on and the last going off', () => {
    for (const { flashes } of draws) {
      const onsets = flashOnsets(flashes);
      for (const from of onsets) {
        expect(onsets.filter((onset) => onset >= from && onset < from + 1000).length).toBeLessThanOrEqual(3);
      }
    }
  });

  it('turns saturated red on at most once a second', () => {
    for (const { flashes } of draws) {
      const onsets = flashOnsets(flashes);
      const reds = flashes.flatMap((flash, i) => (flash.colour === 'red' ? [onsets[i]] : []));
      reds.slice(1).forEach((onset, i) => expect(onset - reds[i]).toBeGreaterThanOrEqual(1000));
    }
  });

  it('draws every colour at every one of the first six places, and the first duration at random', () => {
    for (let place = 0; place < 6; place++) {
      const seen = new Set(draws.map(({ flashes }) => flashes[place].colour));
      expect([...seen].sort()).toEqual([...LIGHT_COLOURS].sort());
    }
    expect(new Set(draws.map(({ flashes }) => flashes[0].durationMs)).size).toBe(5);
  });

  it('gives the same sequence for the same random draws and a different one for others', () => {
    expect(drawLightSequence(new SeededRandom(42))).toEqual(drawLightSequence(new SeededRandom(42)));
    expect(new Set(draws.map((sequence) => JSON.stringify(sequence))).size).toBeGreaterThan(0.99 * DRAWS);
  });

  it('is plain data that survives JSON', () => {
    expect(JSON.parse(JSON.stringify(draws[0]))).toEqual(draws[0]);
  });

  it('takes other counts and durations, and refuses durations too short for the flash-rate rule', () => {
    const options = { minFlashes: 7, maxFlashes: 7, minDurationMs: 300, maxDurationMs: 500, stepMs: 100 };
    const { flashes } = drawLightSequence(new SeededRandom(1), options);
    expect(flashes).toHaveLength(7);
    for (const flash of flashes) expect([300, 400, 500]).toContain(flash.durationMs);
    const tooFast = { minFlashes: 6, maxFlashes: 8, minDurationMs: 100, maxDurationMs: 300, stepMs: 50 };
    expect(() => drawLightSequence(new SeededRandom(1), tooFast)).toThrow(RangeError);
  });
});

describe('LIGHT_PALETTE', () => {
  it('keeps contrast moderate: relative luminance between 0.07 and 0.5, no white, no black', () => {
    const levels = LIGHT_COLOURS.map(luminance);
    expect(Math.min(...levels)).toBeGreaterThan(0.07);
    expect(Math.max(...levels)).toBeLessThan(0.5);
  });

  it('has red as its only saturated red (WCAG: red ≥ 80 % of R + G + B in linear light), the one the red rule spaces', () => {
    const saturatedRed = LIGHT_COLOURS.filter((colour) => {
      const [r, g, b] = linearLight(colour);
      return r / (r + g + b) >= 0.8;
    });
    expect(saturatedRed).toEqual(['red']);
  });

  it('gives the page 8-bit sRGB values', () => {
    for (const rgb of Object.values(LIGHT_PALETTE)) {
      for (const value of rgb) expect(Number.isInteger(value) && value >= 0 && value <= 255).toBe(true);
    }
  });
});
