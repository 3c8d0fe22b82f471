import type { FrameAnalyzer } from '../../src/adapters/embedded/liveness/frame-analyzer.js';
import type { ChallengeStep } from '../../src/domain/liveness/challenge-step.js';
import { MESH_POINTS } from '../../src/domain/liveness/frame-analysis.js';
import { SeededRandom } from '../fakes/seeded-random.js';
import { closedEyesTexture } from './closed-eyes.js';
import { HeadModel } from './head-model.js';
import { decodeRgb, encodeJpeg, type RgbImage } from './rgb-image.js';
import { rotation } from './rotation.js';
import { jitter } from './sensor-noise.js';
import { blankFrame, FRAME_HEIGHT, FRAME_WIDTH, toWebcamJpeg } from './webcam-frame.js';
import { fillTexturedTriangle, pictureTriangle, signedArea } from './textured-triangle.js';

/** A head pose in real degrees (human reads about 0.63 × the yaw). */
export interface HeadPoseRequest {
  /** + = the head turns to the subject's own right: the face points to the picture's left. */
  readonly yaw: number;
  /** + = the head tilts down. */
  readonly pitch: number;
  /** + = clockwise as seen in the picture (human's roll grows). */
  readonly roll?: number;
  readonly eyesClosed?: boolean;
}

/**
 * The pose that satisfies each instruction with margin, in real degrees. `turn_left` is the
 * subject's own left: human's yaw falls. Measured with FrameAnalyzer on the five people of the spec
 * beside this file's tests, 8 seeds each, against the median of five frontal frames:
 *   turns ±38°: human's yaw moves 18–25 (the challenge wants 15; human reads about 0.5–0.65 of a
 *     rendered turn, ±30° read 14–18), homography residual 0.13–0.21 (wants > 0.09);
 *   look up −30°: human's pitch falls 15–20 (wants 10; −20° read 8–15);
 *   blink: the more open eye reads 0.24–0.56 of its open level (wants < 0.6; the tightest are
 *     kit_harington_1 and rose_leslie_1, at most 0.54 and 0.56 over 40 seeds).
 */
export const POSES = {
  frontal: { yaw: 0, pitch: 0 },
  turn_left: { yaw: -38, pitch: 0 },
  turn_right: { yaw: 38, pitch: 0 },
  look_up: { yaw: 0, pitch: -30 },
  blink: { yaw: 0, pitch: 0, eyesClosed: true },
} as const satisfies Record<'frontal' | ChallengeStep, HeadPoseRequest>;

/**
 * Height of human's mesh (hairline to chin) in the frame: human's face box is then 0.58–0.68 of
 * the frame's height, someone close to their laptop. Smaller faces blink less surely: at 150–180 px
 * kit_harington_1's closed eyes read up to 0.60–0.66 of open (the blink wants < 0.6).
 */
const FACE_HEIGHT = 200;

/** Every frame's pose is off by up to this, in degrees, like a head that never holds still. */
const POSE_JITTER = 0.5;

/**
 * Webcam-like frames of one photographed person's head in any pose: the photo's face mesh
 * (human's), texture-mapped from the photo, rotated in 3-D and drawn back to front over the
 * photo itself, which stays as the still background. Deterministic: a seed fixes the noise and jitter.
 */
export class SyntheticHead {
  private constructor(
    private readonly model: HeadModel,
    private readonly eyesOpen: RgbImage,
    private readonly eyesClosed: RgbImage,
  ) {}

  /**
   * @param photo one person's JPEG or PNG, roughly frontal, eyes open.
   * @throws when human finds no face or several.
   */
  static async fromPhoto(photo: Uint8Array, analyzer: FrameAnalyzer): Promise<SyntheticHead> {
    const { width, height, mesh } = await onlyFace(analyzer, photo);
    const ys = Array.from({ length: MESH_POINTS }, (_, i) => mesh[3 * i + 1]);
    const xs = Array.from({ length: MESH_POINTS }, (_, i) => mesh[3 * i]);
    const scale = FACE_HEIGHT / (Math.max(...ys) - Math.min(...ys));
    const resized = await decodeRgb(photo, { width: Math.round(width * scale), height: Math.round(height * scale) });
    // The mesh's box centred in the frame: human's face box is centred on the mesh.
    const offsetX = Math.round(FRAME_WIDTH / 2 - ((Math.max(...xs) + Math.min(...xs)) / 2) * (resized.width / width));
    const offsetY = Math.round(FRAME_HEIGHT / 2 - ((Math.max(...ys) + Math.min(...ys)) / 2) * (resized.height / height));
    const texture = shifted(resized, offsetX, offsetY);
    // The mesh again, on the placed face: on a small face in a big photo, human's eye corners
    // land a pixel or two off, and a closed lid painted there misses the eye it sees in the frames.
    const placed = (await onlyFace(analyzer, await encodeJpeg(texture))).mesh;
    return new SyntheticHead(HeadModel.fromMesh(placed), texture, closedEyesTexture(texture, placed));
  }

  /** A 640×480 JPEG of the head in `pose`, with sensor noise and pose jitter drawn from `seed`. */
  async render(pose: HeadPoseRequest, seed: number): Promise<Uint8Array> {
    const random = new SeededRandom(seed);
    const turn = rotation(pose.yaw + jitter(random, POSE_JITTER), pose.pitch + jitter(random, POSE_JITTER), (pose.roll ?? 0) + jitter(random, POSE_JITTER));
    const texture = pose.eyesClosed ? this.eyesClosed : this.eyesOpen;
    const positions = this.model.posed(turn);
    const frame: RgbImage = { ...texture, data: Uint8ClampedArray.from(texture.data) };
    this.draw(frame, texture, positions, this.model.skirtTriangles);
    this.draw(frame, texture, positions, this.model.faceTriangles);
    return toWebcamJpeg(frame, random);
  }

  /**
   * Painter's algorithm: farthest triangles first. A triangle facing away (a side of the nose, a
   * fold of the skirt) is skipped: what lies behind it shows instead.
   */
  private draw(frame: RgbImage, texture: RgbImage, positions: Float32Array, triangles: Uint16Array): void {
    const facing = Array.from({ length: triangles.length / 3 }, (_, t) => t).filter((t) => signedArea(pictureTriangle(positions, triangles, t)) > 0);
    const depth = new Float32Array(triangles.length / 3);
    for (const t of facing) depth[t] = positions[3 * triangles[3 * t] + 2] + positions[3 * triangles[3 * t + 1] + 2] + positions[3 * triangles[3 * t + 2] + 2];
    facing.sort((a, b) => depth[b] - depth[a]);
    for (const t of facing) fillTexturedTriangle(frame, pictureTriangle(positions, triangles, t), texture, pictureTriangle(this.model.rest, triangles, t));
  }
}

/** The picture's one face, as human sees it. */
async function onlyFace(analyzer: FrameAnalyzer, picture: Uint8Array): Promise<{ width: number; height: number; mesh: Float32Array }> {
  const { width, height, faces } = await analyzer.analyze(picture);
  if (faces.length !== 1) throw new Error(`SyntheticHead needs a photo of one face; human found ${faces.length}.`);
  return { width, height, mesh: faces[0].mesh };
}

function clamp(value: number, highest: number): number {
  return value < 0 ? 0 : value > highest ? highest : value;
}

/**
 * The photo moved by (dx, dy) into a frame-sized image, its edge pixels repeated where it does not
 * reach. A mirror would look better, but it mirrors a face cut by the photo's edge into a second
 * face for human to find.
 */
function shifted(photo: RgbImage, dx: number, dy: number): RgbImage {
  const frame = blankFrame();
  for (let y = 0; y < FRAME_HEIGHT; y++) {
    const sourceY = clamp(y - dy, photo.height - 1);
    for (let x = 0; x < FRAME_WIDTH; x++) {
      const sourceX = clamp(x - dx, photo.width - 1);
      const [to, from] = [3 * (y * FRAME_WIDTH + x), 3 * (sourceY * photo.width + sourceX)];
      frame.data.set(photo.data.subarray(from, from + 3), to);
    }
  }
  return frame;
}
