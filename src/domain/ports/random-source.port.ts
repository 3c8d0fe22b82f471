/**
 * Unpredictable choices for the domain (the liveness challenge's steps). Integers rather than a
 * float in [0, 1): the adapter can hand `crypto.randomInt` through unchanged, with no modulo bias,
 * and tests inject a seeded source.
 */
export abstract class RandomSource {
  /** A uniformly random integer in [0, size). */
  abstract pick(size: number): number;
}
