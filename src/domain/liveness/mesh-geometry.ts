import { MESH_POINTS, meshPoint } from './frame-analysis.js';

/** Outer and inner corners of each eye in the face mesh (as eye-openness.ts): their midpoints are the eye centres. */
const EYE_CORNERS = [
  [33, 133],
  [362, 263],
] as const;

/** The mesh's image-plane points, flat (x0, y0, x1, y1, …), in float64 for the fits. */
export function meshXY(mesh: Float32Array): Float64Array {
  const points = new Float64Array(MESH_POINTS * 2);
  for (let i = 0; i < MESH_POINTS; i++) [points[2 * i], points[2 * i + 1]] = meshPoint(mesh, i);
  return points;
}

/**
 * Distance between the eye centres in 3-D (mesh z is in pixels): the face's own unit of length,
 * which a turn does not foreshorten as it does the image-plane distance.
 */
export function interOcularDistance(mesh: Float32Array): number {
  const [a, b] = EYE_CORNERS.map(([outer, inner]) => {
    const [p, q] = [meshPoint(mesh, outer), meshPoint(mesh, inner)];
    return p.map((value, axis) => (value + q[axis]) / 2);
  });
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}
