import { RandomSource } from '../../src/domain/ports/random-source.port.js';

/** Deterministic randomness (mulberry32): the same seed gives the same picks on every run. */
export class SeededRandom extends RandomSource {
  private state: number;

  constructor(seed: number) {
    super();
    this.state = seed >>> 0;
  }

  override pick(size: number): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const unit = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    return Math.floor(unit * size);
  }
}

/** Picks the indexes it is given, in order, and counts the draws; fails loudly when they run out. */
export class ScriptedRandom extends RandomSource {
  draws = 0;

  constructor(private readonly indexes: readonly number[]) {
    super();
  }

  override pick(): number {
    if (this.draws >= this.indexes.length) throw new Error('ScriptedRandom: no pick left');
    return this.indexes[this.draws++];
  }
}
