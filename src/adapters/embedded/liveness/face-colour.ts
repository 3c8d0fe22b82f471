import { meshPoint, type Rgb } from '../../../domain/liveness/frame-analysis.js';
import type { DecodedImage } from '../image-decoder.js';

/**
 * Mesh indices (MediaPipe Face Mesh topology) of bare skin that faces the screen: the middle of
 * the forehead (151, 108, 337: above the brows, below a fringe) and both cheeks, under the eyes
 * and beside the nose (50, 101, 205, 187, 123 and their mirrors 280, 330, 425, 411, 352). They
 * avoid the eyes, brows, glasses' rims, nose (specular highlights), mouth and beard, and stay on
 * the face when the head turns a little. Checked by eye on the liveness fixtures.
 */
const SKIN_POINTS = [151, 108, 337, 50, 101, 205, 187, 123, 280, 330, 425, 411, 352] as const;
/** Outer eye corners: their distance sets the patch size, so patches scale with the face. */
const EYE_CORNERS = [33, 263] as const;
/** Chin: the background stops at its row, below which come the neck, shoulders and clothes. */
const CHIN = 152;
/** Half-side of each skin patch, in eye-corner distances: about 11 × 11 px on a 150-px face. */
const PATCH_HALF_SIDE = 0.08;
/**
 * The background lies between the face oval's box grown by INNER_MARGIN and by OUTER_MARGIN of its
 * width (sideways) and height (upwards). The inner margin leaves out ears and hair beside the face;
 * the outer one keeps the background near the face, where a photo or a screen held up to the camera
 * shows its own background (which the light reaches as much as the printed face).
 */
const INNER_MARGIN = 0.4;
const OUTER_MARGIN = 1.5;

/** sRGB 8-bit code → linear light, 0–1: light adds in linear values, not in gamma-encoded ones. */
const LINEAR = Float64Array.from({ length: 256 }, (_, code) => {
  const c = code / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
});

export interface FaceColours {
  /** Mean linear RGB (sRGB decoded, scaled to 0–255) of the skin patches. */
  readonly faceColour: Rgb;
  /** The same over the background band beside and above the face; NaN when the face fills the frame. */
  readonly backgroundColour: Rgb;
}

/**
 * The colour of the face's skin and of what is around it, in linear light so that the light a
 * screen adds is a sum (the light challenge compares their shifts as the screen changes colour).
 * Straight from the decoded pixels: under a millisecond at 640 × 480.
 */
export function faceColours(image: DecodedImage, mesh: Float32Array): FaceColours {
  return { faceColour: skinColour(image, mesh), backgroundColour: backgroundColour(image, mesh) };
}

function skinColour(image: DecodedImage, mesh: Float32Array): Rgb {
  const [ax, ay] = meshPoint(mesh, EYE_CORNERS[0]);
  const [bx, by] = meshPoint(mesh, EYE_CORNERS[1]);
  const half = Math.max(1, Math.round(PATCH_HALF_SIDE * Math.hypot(ax - bx, ay - by)));
  const sum = new ColourSum(image);
  for (const index of SKIN_POINTS) {
    const [x, y] = meshPoint(mesh, index);
    const [cx, cy] = [Math.round(x), Math.round(y)];
    for (let row = Math.max(0, cy - half); row <= Math.min(image.height - 1, cy + half); row++) {
      sum.addRow(row, cx - half, cx + half + 1);
    }
  }
  return sum.mean();
}

function backgroundColour(image: DecodedImage, mesh: Float32Array): Rgb {
  const oval = meshExtent(mesh);
  const [width, height] = [oval.right - oval.left, oval.bottom - oval.top];
  const inner = { left: oval.left - INNER_MARGIN * width, right: oval.right + INNER_MARGIN * width, top: oval.top - INNER_MARGIN * height };
  const outer = { left: oval.left - OUTER_MARGIN * width, right: oval.right + OUTER_MARGIN * width, top: oval.top - OUTER_MARGIN * height };
  const chinRow = Math.min(image.height, Math.round(meshPoint(mesh, CHIN)[1]));
  const sum = new ColourSum(image);
  for (let row = Math.max(0, Math.round(outer.top)); row < chinRow; row++) {
    if (row < inner.top) {
      sum.addRow(row, Math.round(outer.left), Math.round(outer.right));
    } else {
      sum.addRow(row, Math.round(outer.left), Math.round(inner.left));
      sum.addRow(row, Math.round(inner.right), Math.round(outer.right));
    }
  }
  return sum.mean();
}

function meshExtent(mesh: Float32Array): { left: number; right: number; top: number; bottom: number } {
  const extent = { left: Infinity, right: -Infinity, top: Infinity, bottom: -Infinity };
  for (let i = 0; i < mesh.length; i += 3) {
    extent.left = Math.min(extent.left, mesh[i]);
    extent.right = Math.max(extent.right, mesh[i]);
    extent.top = Math.min(extent.top, mesh[i + 1]);
    extent.bottom = Math.max(extent.bottom, mesh[i + 1]);
  }
  return extent;
}

/** Running sums of linear R, G, B over runs of pixels, clipped to the picture. */
class ColourSum {
  private readonly sums = [0, 0, 0];
  private count = 0;

  constructor(private readonly image: DecodedImage) {}

  /** Adds the pixels of `row` from column `from` (inclusive) to `to` (exclusive). */
  addRow(row: number, from: number, to: number): void {
    const { data, width } = this.image;
    const [start, end] = [Math.max(0, from), Math.min(width, to)];
    for (let i = (row * width + start) * 3; i < (row * width + end) * 3; i += 3) {
      this.sums[0] += LINEAR[data[i]];
      this.sums[1] += LINEAR[data[i + 1]];
      this.sums[2] += LINEAR[data[i + 2]];
    }
    this.count += Math.max(0, end - start);
  }

  mean(): Rgb {
    const [r, g, b] = this.sums.map((sum) => (this.count > 0 ? (255 * sum) / this.count : NaN));
    return { r, g, b };
  }
}
