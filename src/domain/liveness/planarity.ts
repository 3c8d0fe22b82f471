import { MESH_POINTS } from './frame-analysis.js';
import { applyHomography, fitHomography } from './homography.js';
import { LIVENESS_THRESHOLDS, type Thresholds } from './liveness-thresholds.js';
import { interOcularDistance, meshXY } from './mesh-geometry.js';

export interface PlanarityVerdict {
  /** The largest residual over the turn frames, in inter-ocular distances. */
  readonly residual: number;
  /** True when no turn moved the mesh beyond what a flat picture can do. */
  readonly flat: boolean;
}

/**
 * How far a frame's mesh is from being a homography of the frontal one: a flat picture (photo,
 * screen), however tilted, maps onto itself by a homography, a real head turned does not (its
 * nose and cheeks shift against each other). RMS distance of the mesh points from the best fit,
 * over the frame's inter-ocular distance measured in 3-D (the mesh z is in pixels), so neither
 * face size nor the turn's foreshortening changes the unit.
 */
export function homographyResidual(frontal: Float32Array, mesh: Float32Array): number {
  const from = meshXY(frontal);
  const to = meshXY(mesh);
  const fitted = applyHomography(fitHomography(from, to), from);
  let squares = 0;
  for (let i = 0; i < to.length; i++) squares += (fitted[i] - to[i]) ** 2;
  return Math.sqrt(squares / MESH_POINTS) / interOcularDistance(mesh);
}

/**
 * Whether the face moved like a flat picture through the turns: the maximum residual over them
 * must exceed the threshold. Issue 6: a photo still ≈ 0.001, tilted and swayed by hand up to
 * 0.04–0.08 (the mesh model bends even on a photo), a real head turned ≥ 20–25° 0.10–0.26, so
 * only the largest turn tells; this does nothing against a replayed video of a real head.
 */
export function planarity(frontal: Float32Array, turns: readonly Float32Array[], limits: Thresholds<'planarity'> = LIVENESS_THRESHOLDS.planarity): PlanarityVerdict {
  const residual = Math.max(0, ...turns.map((mesh) => homographyResidual(frontal, mesh)));
  return { residual, flat: !(residual > limits.minResidual) };
}
