import { sampleInto, type RgbImage } from './rgb-image.js';

/** A triangle's three corners as (x0, y0, x1, y1, x2, y2). */
export type Triangle2d = readonly [number, number, number, number, number, number];

/** Triangle `t` of an index list, its corners' x, y taken from `points` (x, y, z per vertex). */
export function pictureTriangle(points: Float32Array, triangles: Uint16Array, t: number): Triangle2d {
  const [a, b, c] = [3 * triangles[3 * t], 3 * triangles[3 * t + 1], 3 * triangles[3 * t + 2]];
  return [points[a], points[a + 1], points[b], points[b + 1], points[c], points[c + 1]];
}

/** Twice the signed area: its sign tells the winding, so a triangle seen from behind flips it. */
export function signedArea([x0, y0, x1, y1, x2, y2]: Triangle2d): number {
  return (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0);
}

/**
 * Paints the triangle `to` of `target` with the texture's triangle `from`, mapped affinely (each
 * pixel centre's barycentric coordinates in `to` pick the same point of `from`), sampled
 * bilinearly. Mesh triangles are a few pixels wide, so the affine map is as good as a perspective
 * one. A small tolerance on the edges leaves no cracks between neighbours.
 */
export function fillTexturedTriangle(target: RgbImage, to: Triangle2d, texture: RgbImage, from: Triangle2d): void {
  const area = signedArea(to);
  if (Math.abs(area) < 1e-9) return;
  const [x0, y0, x1, y1, x2, y2] = to;
  const [u0, v0, u1, v1, u2, v2] = from;
  const tolerance = -1e-3;
  const left = Math.max(0, Math.floor(Math.min(x0, x1, x2)));
  const right = Math.min(target.width - 1, Math.ceil(Math.max(x0, x1, x2)));
  const top = Math.max(0, Math.floor(Math.min(y0, y1, y2)));
  const bottom = Math.min(target.height - 1, Math.ceil(Math.max(y0, y1, y2)));
  for (let y = top; y <= bottom; y++) {
    for (let x = left; x <= right; x++) {
      const b1 = ((x - x0) * (y2 - y0) - (x2 - x0) * (y - y0)) / area;
      const b2 = ((x1 - x0) * (y - y0) - (x - x0) * (y1 - y0)) / area;
      const b0 = 1 - b1 - b2;
      if (b0 < tolerance || b1 < tolerance || b2 < tolerance) continue;
      sampleInto(target, y * target.width + x, texture, b0 * u0 + b1 * u1 + b2 * u2, b0 * v0 + b1 * v1 + b2 * v2);
    }
  }
}
