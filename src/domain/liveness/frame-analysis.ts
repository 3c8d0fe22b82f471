import type { BoundingBox } from '../face.js';

/**
 * What FrameAnalyzer reports for one video frame: plain data, no tfjs or human types, so it can
 * cross a worker boundary and feed the pure liveness checks beside it in the domain.
 */
export interface FrameAnalysis {
  /** The analysed (upright, EXIF-rotated) picture in pixels: the unit of the mesh. */
  readonly width: number;
  readonly height: number;
  /** Every face found, largest first. */
  readonly faces: readonly AnalyzedFace[];
}

/** Points of human's face mesh (MediaPipe Face Mesh topology, iris points dropped). */
export const MESH_POINTS = 468;

export interface AnalyzedFace {
  /** Fractions of the picture, clamped to it. */
  readonly boundingBox: BoundingBox;
  /** BlazeFace detector confidence in [0, 1]. */
  readonly detectorScore: number;
  /** Face-mesh model confidence in [0, 1] (human drops faces under its minConfidence). */
  readonly meshScore: number;
  /**
   * MESH_POINTS × (x, y, z), flat: x, y in picture pixels, z in pixels too (human's 192-px model
   * units rescaled by crop size / 192), smaller z nearer the camera, 0 about the face's mid-depth.
   */
  readonly mesh: Float32Array;
  readonly pose: HeadPose;
  /**
   * Eye aspect ratio per eye (lid gap / eye width, see eye-openness.ts): about 0.3–0.4 open,
   * 0.06–0.2 closed, varying by person and eye. `left` is the subject's left eye (image right).
   */
  readonly eyeOpenness: { readonly left: number; readonly right: number };
  /** Variance of the Laplacian of the face's luma at a fixed 96-px scale: higher is sharper. */
  readonly sharpness: number;
  /** Mean luma (Rec. 601, 0–255) inside the face box. */
  readonly brightness: number;
  /**
   * Mean colour of the skin of the forehead and cheeks, in linear light (sRGB decoded) scaled to
   * 0–255, so light a screen adds to the face adds to it: what the light challenge watches.
   */
  readonly faceColour: Rgb;
  /** The same beside and above the face, off it (the room, or a photo's own background); NaN when none is in frame. */
  readonly backgroundColour: Rgb;
  /** human's passive anti-spoof score in [0, 1]. Report only: it does not separate attacks (issue 6). */
  readonly real: number;
  /** human's passive liveness score in [0, 1]. Report only, as `real`. */
  readonly live: number;
}

/**
 * human's head rotation (`rotation.angle`, radians) in degrees, raw: its yaw is about 0.63 × the
 * real yaw with per-person offsets, so judge turns against the user's own frontal frame.
 * Signs, measured: yaw > 0 when the head turns to the subject's own right (the face points to
 * the image's left, unmirrored camera); pitch > 0 when the head tilts down.
 */
export interface HeadPose {
  readonly yaw: number;
  readonly pitch: number;
  readonly roll: number;
}

/** A colour as three channel values; the unit is the field's to say. */
export interface Rgb {
  readonly r: number;
  readonly g: number;
  readonly b: number;
}

/** Point `index` of a flat mesh. */
export function meshPoint(mesh: Float32Array, index: number): [number, number, number] {
  return [mesh[3 * index], mesh[3 * index + 1], mesh[3 * index + 2]];
}
