import { SeededRandom } from '../fakes/seeded-random.js';
import { decodeRgb, sampleInto, type RgbImage } from './rgb-image.js';
import { rotation } from './rotation.js';
import { jitter } from './sensor-noise.js';
import { blankFrame, FRAME_HEIGHT, FRAME_WIDTH, toWebcamJpeg } from './webcam-frame.js';

/** How the card is held, in degrees and frame fractions; signs as HeadPoseRequest's, so a card can play along. */
export interface FlatPhotoWarp {
  /** About the card's horizontal axis: + tips its top towards the camera (as a head's pitch + looks down). */
  readonly tiltDeg: number;
  /** About its vertical axis: + turns its face to the picture's left (as a head's yaw +). */
  readonly swayDeg: number;
  /** In its own plane: + clockwise as seen in the picture. */
  readonly rollDeg?: number;
  /** 1: the photo's height spans the frame's height when the card faces the camera. */
  readonly scale?: number;
  /** Shift of the card's centre from the frame's, in frame widths and heights. */
  readonly dx?: number;
  readonly dy?: number;
}

/** Focal length in pixels: a 640-px webcam's ~60° horizontal field of view. The card stands at this distance. */
const FOCAL = 560;

/** A hand never holds a card still: every frame's angles are off by up to this, in degrees. */
const HAND_JITTER = 0.5;

/**
 * A printed-photo attack: the whole photo as a flat card, turned in 3-D, seen through a pinhole
 * camera (a homography) in front of a plain wall, with sensor noise. A frontal SyntheticHead frame
 * makes a well-framed print: its face is centred and of a good size at scale 1.
 */
export async function renderFlatPhoto(photo: Uint8Array, warp: FlatPhotoWarp, seed: number): Promise<Uint8Array> {
  const random = new SeededRandom(seed);
  const card = await decodeRgb(photo, { height: Math.round(FRAME_HEIGHT * (warp.scale ?? 1)) });
  const turn = rotation(warp.swayDeg + jitter(random, HAND_JITTER), warp.tiltDeg + jitter(random, HAND_JITTER), (warp.rollDeg ?? 0) + jitter(random, HAND_JITTER));
  // Card point (s, t) (pixels from its centre) → camera ray: columns r1, r2 of the rotation, then the card's centre.
  const toRay = invert3([turn[0], turn[1], (warp.dx ?? 0) * FRAME_WIDTH, turn[3], turn[4], (warp.dy ?? 0) * FRAME_HEIGHT, turn[6], turn[7], FOCAL]);
  const frame = blankFrame();
  for (let y = 0; y < FRAME_HEIGHT; y++) {
    for (let x = 0; x < FRAME_WIDTH; x++) {
      const [rx, ry] = [(x - FRAME_WIDTH / 2) / FOCAL, (y - FRAME_HEIGHT / 2) / FOCAL];
      const w = toRay[6] * rx + toRay[7] * ry + toRay[8];
      const u = (toRay[0] * rx + toRay[1] * ry + toRay[2]) / w + card.width / 2;
      const v = (toRay[3] * rx + toRay[4] * ry + toRay[5]) / w + card.height / 2;
      const index = y * FRAME_WIDTH + x;
      if (w > 0 && u >= 0 && v >= 0 && u <= card.width - 1 && v <= card.height - 1) sampleInto(frame, index, card, u, v);
      else paintWall(frame, index, y);
    }
  }
  return toWebcamJpeg(frame, random);
}

/** A plain, evenly lit wall, a little darker towards the floor. */
function paintWall(frame: RgbImage, index: number, y: number): void {
  const light = 175 - (40 * y) / FRAME_HEIGHT;
  frame.data.set([light, light - 5, light - 12], 3 * index);
}

/** The inverse of a row-major 3×3 matrix (adjugate over determinant). */
function invert3([a, b, c, d, e, f, g, h, i]: readonly number[]): number[] {
  const cofactors = [e * i - f * h, c * h - b * i, b * f - c * e, f * g - d * i, a * i - c * g, c * d - a * f, d * h - e * g, b * g - a * h, a * e - b * d];
  const determinant = a * cofactors[0] + b * cofactors[3] + c * cofactors[6];
  return cofactors.map((value) => value / determinant);
}
