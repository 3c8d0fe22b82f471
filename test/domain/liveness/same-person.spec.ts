import { samePerson } from '../../../src/domain/liveness/same-person.js';

/** A descriptor at `offset` from the origin along axis `axis`, 128-d as face-api's. */
const descriptor = (axis: number, offset: number) => {
  const vector = new Float32Array(128);
  vector[axis] = offset;
  return vector;
};
/** The core's map: 0.5 at distance 0.64, falling steeply. */
const similarity = (distance: number) => 1 / (1 + (distance / 0.64) ** 8);

describe('samePerson', () => {
  it('accepts descriptors that all lie close together', () => {
    const verdict = samePerson([descriptor(0, 0), descriptor(0, 0.3), descriptor(1, 0.3)], similarity);
    expect(verdict.ok).toBe(true);
    expect(verdict.minSimilarity).toBeGreaterThan(0.5);
  });

  it('rejects a switch of person and names the least similar pair', () => {
    const verdict = samePerson([descriptor(0, 0), descriptor(0, 0.1), descriptor(0, 0.9)], similarity);
    expect(verdict).toMatchObject({ ok: false, pair: [0, 2] });
    expect(verdict.minSimilarity).toBeCloseTo(similarity(0.9), 6);
  });

  it('compares every pair, so a drift through a look-alike (each step close, the ends far) fails', () => {
    const drift = [0, 0.4, 0.8].map((offset) => descriptor(0, offset));
    expect(similarity(0.4)).toBeGreaterThan(0.5);
    expect(samePerson(drift, similarity)).toMatchObject({ ok: false, pair: [0, 2] });
  });

  it('accepts a single frame or none, with nothing to compare', () => {
    expect(samePerson([descriptor(0, 1)], similarity)).toEqual({ ok: true, minSimilarity: 1 });
    expect(samePerson([], similarity)).toEqual({ ok: true, minSimilarity: 1 });
  });
});
