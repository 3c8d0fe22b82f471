import type { SeededRandom } from '../fakes/seeded-random.js';

// Bound once: Jest runs the tests in a vm context, where every lookup of a global such as `Math`
// costs ~100 ns, and a frame takes a million of these.
const { cos, log, sin, sqrt, PI } = Math;

const UNIT = 2 ** 32;

/** A uniform float in (0, 1) from the seeded source. */
export function uniform(random: SeededRandom): number {
  return (random.pick(UNIT) + 0.5) / UNIT;
}

/** A uniform float in [-limit, limit]. */
export function jitter(random: SeededRandom, limit: number): number {
  return (2 * uniform(random) - 1) * limit;
}

/**
 * Adds Gaussian noise of `sigma` grey levels to every channel, in place, like a webcam's sensor:
 * the same seed gives the same frame, two seeds never identical ones (the service refuses a
 * repeated frame as replayed). The million draws come from an xorshift32 seeded by `random`: one
 * method call per draw was most of a frame's time.
 */
export function addSensorNoise(pixels: Uint8ClampedArray, random: SeededRandom, sigma: number): void {
  let state = random.pick(UNIT - 1) + 1; // xorshift's state must not be 0
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return ((state >>> 0) + 0.5) / UNIT;
  };
  // Box–Muller: two independent normal deviates per pair of uniform draws.
  for (let i = 0; i < pixels.length; i += 2) {
    const radius = sigma * sqrt(-2 * log(next()));
    const angle = 2 * PI * next();
    pixels[i] += radius * cos(angle);
    if (i + 1 < pixels.length) pixels[i + 1] += radius * sin(angle);
  }
}
