import { smallestEigenvector } from './symmetric-eigen.js';

/** Points in the plane, flat: x0, y0, x1, y1, … */
export type Points2d = Float64Array;

/** A 3 × 3 homography, row-major, mapping (x, y, 1) to (u, v, w). */
export type Homography = Float64Array;

/**
 * The least-squares homography taking `from` onto `to` (at least 4 matching points): the
 * normalised DLT (Hartley). Both sets are moved to their centroid and scaled to a mean distance
 * of √2 first, or the pixel-sized terms swamp the unit ones and the fit degrades.
 */
export function fitHomography(from: Points2d, to: Points2d): Homography {
  const source = normalisation(from);
  const target = normalisation(to);
  const normal = new Float64Array(81);
  const rows: number[][] = [[], []];
  for (let i = 0; i < from.length; i += 2) {
    const x = (from[i] - source.cx) * source.s;
    const y = (from[i + 1] - source.cy) * source.s;
    const u = (to[i] - target.cx) * target.s;
    const v = (to[i + 1] - target.cy) * target.s;
    rows[0] = [-x, -y, -1, 0, 0, 0, u * x, u * y, u];
    rows[1] = [0, 0, 0, -x, -y, -1, v * x, v * y, v];
    for (const row of rows) for (let r = 0; r < 9; r++) for (let c = 0; c < 9; c++) normal[r * 9 + c] += row[r] * row[c];
  }
  const h = smallestEigenvector(normal, 9);
  // Undo the normalisations: H = T_to⁻¹ · Ĥ · T_from.
  const fromT = [source.s, 0, -source.s * source.cx, 0, source.s, -source.s * source.cy, 0, 0, 1];
  const toInverse = [1 / target.s, 0, target.cx, 0, 1 / target.s, target.cy, 0, 0, 1];
  return multiply(toInverse, multiply(Array.from(h), fromT));
}

/** Where the homography takes each point. */
export function applyHomography(h: Homography, points: Points2d): Points2d {
  const out = new Float64Array(points.length);
  for (let i = 0; i < points.length; i += 2) {
    const [x, y] = [points[i], points[i + 1]];
    const w = h[6] * x + h[7] * y + h[8];
    out[i] = (h[0] * x + h[1] * y + h[2]) / w;
    out[i + 1] = (h[3] * x + h[4] * y + h[5]) / w;
  }
  return out;
}

function normalisation(points: Points2d): { cx: number; cy: number; s: number } {
  const count = points.length / 2;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < points.length; i += 2) [cx, cy] = [cx + points[i] / count, cy + points[i + 1] / count];
  let meanDistance = 0;
  for (let i = 0; i < points.length; i += 2) meanDistance += Math.hypot(points[i] - cx, points[i + 1] - cy) / count;
  return { cx, cy, s: meanDistance > 0 ? Math.SQRT2 / meanDistance : 1 };
}

function multiply(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  const out = new Float64Array(9);
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) out[r * 3 + c] = a[r * 3] * b[c] + a[r * 3 + 1] * b[3 + c] + a[r * 3 + 2] * b[6 + c];
  return out;
}
