import { applyHomography, fitHomography } from '../../../src/domain/liveness/homography.js';
import { homographyResidual, planarity } from '../../../src/domain/liveness/planarity.js';
import { moved, syntheticHead, syntheticPhoto, toMesh } from './synthetic-face.js';

const head = syntheticHead();
const photo = syntheticPhoto();
/** The model's per-point noise, about half a pixel, drawn afresh for every frame. */
const JITTER = 0.5;

describe('fitHomography', () => {
  it('recovers a known perspective map from four points or more, up to scale', () => {
    const h = Float64Array.from([1.2, 0.1, 30, -0.05, 0.9, -12, 0.0004, -0.0002, 1]);
    const from = Float64Array.from([10, 20, 300, 40, 280, 260, 30, 240, 150, 130]);
    const fitted = fitHomography(from, applyHomography(h, from));
    const scaled = fitted.map((value) => value / fitted[8]);
    scaled.forEach((value, i) => expect(value).toBeCloseTo(h[i], 6));
  });
});

describe('homographyResidual', () => {
  it('is about zero for a flat face under any view, whatever the pixel scale', () => {
    const frontal = toMesh(photo);
    for (const view of [{ yaw: 30 }, { pitch: 25, roll: 10 }, { yaw: -40, pitch: 20 }]) {
      expect(homographyResidual(frontal, toMesh(moved(photo, view, [30, -20, 100])))).toBeLessThan(1e-5);
    }
  });

  it('grows with the turn of a real head, past 0.09 inter-ocular distances by a 20° turn', () => {
    const frontal = toMesh(head);
    const [r0, r10, r20, r30] = [0, 10, 20, 30].map((yaw) => homographyResidual(frontal, toMesh(moved(head, { yaw }))));
    expect(r0).toBeLessThan(1e-5);
    expect(r10).toBeGreaterThan(r0);
    expect(r20).toBeGreaterThan(r10);
    expect(r30).toBeGreaterThan(r20);
    expect(r10).toBeLessThan(0.09);
    expect(r20).toBeGreaterThan(0.09);
  });

  it('does not depend on the direction of the turn', () => {
    const frontal = toMesh(head);
    const left = homographyResidual(frontal, toMesh(moved(head, { yaw: -25 })));
    const right = homographyResidual(frontal, toMesh(moved(head, { yaw: 25 })));
    expect(left).toBeCloseTo(right, 3);
  });
});

describe('planarity', () => {
  it('finds a photo tilted and swayed, with mesh noise, flat: its largest residual stays far below the threshold', () => {
    const views = [{ yaw: 35 }, { yaw: -30, roll: 15 }, { pitch: 30 }, { yaw: 20, pitch: -20, roll: -10 }];
    const turns = views.map((view, i) => toMesh(moved(photo, view, [40 * i, -25, 80]), JITTER, i + 1));
    const verdict = planarity(toMesh(photo, JITTER, 0), turns);
    expect(verdict.flat).toBe(true);
    expect(verdict.residual).toBeLessThan(0.03);
  });

  it('finds a head that turns 25° each way, with mesh noise, not flat', () => {
    const turns = [-25, 25].map((yaw, i) => toMesh(moved(head, { yaw }, [10, 5, 20]), JITTER, i + 1));
    const verdict = planarity(toMesh(head, JITTER, 0), turns);
    expect(verdict.flat).toBe(false);
    expect(verdict.residual).toBeGreaterThan(0.1);
  });

  it('takes the largest turn: small turns alone leave a real head looking flat', () => {
    const small = [5, -8].map((yaw) => toMesh(moved(head, { yaw })));
    expect(planarity(toMesh(head), small).flat).toBe(true);
    expect(planarity(toMesh(head), [...small, toMesh(moved(head, { yaw: 28 }))]).flat).toBe(false);
  });

  it('finds no turn at all flat', () => {
    expect(planarity(toMesh(head), [])).toEqual({ residual: 0, flat: true });
  });
});
