import { createRequire } from 'node:module';
import path from 'node:path';
import type * as HumanLib from '@vladmandic/human';

/**
 * human's triangulation of its 468-point face mesh (MediaPipe's canonical face), as vertex
 * index triples. human exposes it only on an instance: building one without loading any model is
 * cheap, and the package's wasm build is the one FrameAnalyzer already loaded (the same
 * require-by-path as load-human.ts, the package's `exports` cannot name it).
 */
export function faceMeshTriangles(): Uint16Array {
  const root = path.dirname(path.dirname(createRequire(import.meta.url).resolve('@vladmandic/human')));
  const entry = path.join(root, 'dist', 'human.node-wasm.js');
  const { Human } = createRequire(entry)(entry) as typeof HumanLib;
  return Uint16Array.from(new Human({ debug: false }).faceTriangulation);
}

/** The mesh's outline, in order around the face from the top of the forehead. */
export const FACE_OVAL = [
  10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152, 148, 176, 149, 150, 136,
  172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109,
] as const;

/**
 * Each eye's lid contours from one corner to the other (MediaPipe's eye annotations), facing each
 * other point by point, and the crease line above the upper lid. eye-openness.ts measures
 * three of these pairs. "Right" is the subject's right eye, on the image's left.
 */
export const EYELIDS = [
  {
    upper: [246, 161, 160, 159, 158, 157, 173],
    lower: [7, 163, 144, 145, 153, 154, 155],
    crease: [247, 30, 29, 27, 28, 56, 190],
    below: [25, 110, 24, 23, 22, 26, 112],
  },
  {
    upper: [466, 388, 387, 386, 385, 384, 398],
    lower: [249, 390, 373, 374, 380, 381, 382],
    crease: [467, 260, 259, 257, 258, 286, 414],
    below: [255, 339, 254, 253, 252, 256, 341],
  },
] as const;

/**
 * The inner lip contours from one mouth corner to the other, facing each other point by point.
 * human's triangulation leaves the mouth open: bridged, a turned head cannot show the still
 * background's mouth through it.
 */
export const INNER_LIPS = {
  upper: [78, 191, 80, 81, 82, 13, 312, 311, 310, 415, 308],
  lower: [78, 95, 88, 178, 87, 14, 317, 402, 318, 324, 308],
} as const;
