import { MESH_POINTS } from '../../../src/domain/liveness/frame-analysis.js';

/** A 3-D point in face-centred pixels: x to the image's right, y down, z away from the camera. */
export type Point3 = readonly [number, number, number];

const HALF_WIDTH = 80;
const HALF_HEIGHT = 100;
const DEPTH = 60;
const NOSE = { height: 35, radius: 22 };

/** Mesh indices of the eye corners the checks use for the inter-ocular distance. */
const EYE_CORNERS: Record<number, [number, number]> = { 33: [-45, -25], 133: [-15, -25], 362: [15, -25], 263: [45, -25] };

/**
 * MESH_POINTS points on the front of an ellipsoid with a nose bump: a face-sized, non-planar
 * surface whose eye corners sit at the mesh indices the checks read. A golden-angle spiral spreads
 * the points evenly and deterministically.
 */
export function syntheticHead(): Point3[] {
  return Array.from({ length: MESH_POINTS }, (_, i) => {
    const [x, y] = EYE_CORNERS[i] ?? spiral(i);
    return [x, y, headDepth(x, y)];
  });
}

/** The same outline flattened: a photo of the face. */
export function syntheticPhoto(): Point3[] {
  return syntheticHead().map(([x, y]) => [x, y, 0]);
}

function spiral(i: number): [number, number] {
  const r = 0.95 * Math.sqrt((i + 0.5) / MESH_POINTS);
  const angle = i * Math.PI * (3 - Math.sqrt(5));
  return [r * Math.cos(angle) * HALF_WIDTH, r * Math.sin(angle) * HALF_HEIGHT];
}

function headDepth(x: number, y: number): number {
  const inside = Math.max(0, 1 - (x / HALF_WIDTH) ** 2 - (y / HALF_HEIGHT) ** 2);
  const nose = NOSE.height * Math.exp(-(x ** 2 + y ** 2) / (2 * NOSE.radius ** 2));
  return -DEPTH * Math.sqrt(inside) - nose + DEPTH;
}

/** Rotation in degrees: yaw about the vertical axis, pitch about the horizontal one, roll in the image plane. */
export interface Rotation {
  readonly yaw?: number;
  readonly pitch?: number;
  readonly roll?: number;
}

/** The points rotated about the face's centre, then moved by (dx, dy, dz). */
export function moved(points: readonly Point3[], { yaw = 0, pitch = 0, roll = 0 }: Rotation, [dx, dy, dz] = [0, 0, 0]): Point3[] {
  const [a, b, c] = [yaw, pitch, roll].map((degrees) => (degrees * Math.PI) / 180);
  return points.map(([x0, y0, z0]) => {
    const [x1, z1] = [x0 * Math.cos(a) + z0 * Math.sin(a), -x0 * Math.sin(a) + z0 * Math.cos(a)];
    const [y2, z2] = [y0 * Math.cos(b) - z1 * Math.sin(b), y0 * Math.sin(b) + z1 * Math.cos(b)];
    const [x3, y3] = [x1 * Math.cos(c) - y2 * Math.sin(c), x1 * Math.sin(c) + y2 * Math.cos(c)];
    return [x3 + dx, y3 + dy, z2 + dz];
  });
}

/**
 * A mesh as FrameAnalyzer reports it: a pinhole camera (focal 600 px, face 600 px away, centred
 * in a 640 × 480 frame) gives x, y in pixels, z stays in pixels; `jitter` adds the model's
 * per-point noise (deterministic, ± jitter px, a different draw for each `seed`).
 */
export function toMesh(points: readonly Point3[], jitter = 0, seed = 0): Float32Array {
  const FOCAL = 600;
  const DISTANCE = 600;
  const mesh = new Float32Array(MESH_POINTS * 3);
  points.forEach(([x, y, z], i) => {
    const scale = FOCAL / (DISTANCE + z);
    mesh.set([320 + x * scale + jitter * noise(2 * i, seed), 240 + y * scale + jitter * noise(2 * i + 1, seed), z], 3 * i);
  });
  return mesh;
}

/** A fixed pseudo-random value in [−1, 1] for each index and seed. */
function noise(index: number, seed: number): number {
  const value = Math.sin(index * 12.9898 + seed * 78.233 + 1) * 43758.5453;
  return 2 * (value - Math.floor(value)) - 1;
}
