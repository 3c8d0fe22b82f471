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
/**
 * A background pixel with a channel at or above this code is clipped, or will be once a flash adds
 * its light (JPEG and sensor noise read a clipped 255 as 250–255): it cannot follow the light, and a
 * mean taken over it understates the background's shift. A near-white wall behind a photo held to
 * the camera did (bench/liveness-light.ts's flat surface, alex_lacamoire_1): its response was 0.61
 * of the face's, under the 0.65 a flat surface must exceed, where other walls read 0.98–1.14; with
 * its clipped pixels left out, 0.95–0.97.
 */
const CLIPPED_CODE = 250;
/**
 * A pixel with a channel at or below this code is near black: there sRGB is linear, one code is
 * over 10 % of the value, and quantisation and noise, not the light, move it.
 */
const DARK_CODE = 10;
/**
 * A region whose usable pixels are fewer than this share of its pixels in the picture has no
 * colour (NaN): a few stray pixels of a blown-out or black background would only add noise.
 */
const MIN_USABLE_SHARE = 0.1;

/** sRGB 8-bit code → linear light, 0–1: light adds in linear values, not in gamma-encoded ones. */
const LINEAR = Float64Array.from({ length: 256 }, (_, code) => {
  const c = code / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
});

export interface FaceColours {
  /** Mean linear RGB (sRGB decoded, scaled to 0–255) of the skin patches. */
  readonly faceColour: Rgb;
  /**
   * The same over the band beside and above the face, its usable pixels only (neither clipped nor
   * near black); NaN when the face fills the frame or too few of the band's pixels are usable.
   */
  readonly backgroundColour: Rgb;
}

/**
 * The colour of the face's skin and of what is around it, in linear light so that the light a
 * screen adds is a sum (the light challenge compares their shifts as the screen changes colour).
 * Straight from the decoded pixels: under a millisecond at 640 × 480 (0.6–0.8 ms on the 2-core VM).
 */
export function faceColours(image: DecodedImage, mesh: Float32Array): FaceColours {
  return { faceColour: skinColour(image, mesh), backgroundColour: backgroundColour(image, mesh) };
}

function skinColour(image: DecodedImage, mesh: Float32Array): Rgb {
  const [ax, ay] = meshPoint(mesh, EYE_CORNERS[0]);
  const [bx, by] = meshPoint(mesh, EYE_CORNERS[1]);
  const half = Math.max(1, Math.round(PATCH_HALF_SIDE * Math.hypot(ax - bx, ay - by)));
  // Every pixel counts: skin clips only in specular highlights, whiter than the skin around them, and
  // leaving out whichever ones a flash pushes over made the mean's chroma jump from frame to frame
  // (a live face's correlation fell from 0.99 to 0.85 on rose_leslie_1). Clipped, they only
  // understate the face's response, which errs towards failing a flat surface.
  const sum = new ColourSum(image, false);
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
  const sum = new ColourSum(image, true);
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

/**
 * A pixel whose channels all follow the light in proportion: none clipped, none near black. It is
 * kept or left out whole, not channel by channel, so the mean's chroma is that of one set of pixels:
 * as flashes push different pixels of a wall over the clipping code, its chroma barely moves.
 */
function usable(r: number, g: number, b: number): boolean {
  return r < CLIPPED_CODE && g < CLIPPED_CODE && b < CLIPPED_CODE && r > DARK_CODE && g > DARK_CODE && b > DARK_CODE;
}

/** Running sums of linear R, G, B over runs of pixels, clipped to the picture: every pixel, or (`onlyUsable`) the usable ones. */
class ColourSum {
  private readonly sums = [0, 0, 0];
  private count = 0;
  private inPicture = 0;

  constructor(
    private readonly image: DecodedImage,
    private readonly onlyUsable: boolean,
  ) {}

  /** Adds the kept pixels of `row` from column `from` (inclusive) to `to` (exclusive). */
  addRow(row: number, from: number, to: number): void {
    const { data, width } = this.image;
    const [start, end] = [Math.max(0, from), Math.min(width, to)];
    for (let i = (row * width + start) * 3; i < (row * width + end) * 3; i += 3) {
      if (this.onlyUsable && !usable(data[i], data[i + 1], data[i + 2])) continue;
      this.sums[0] += LINEAR[data[i]];
      this.sums[1] += LINEAR[data[i + 1]];
      this.sums[2] += LINEAR[data[i + 2]];
      this.count++;
    }
    this.inPicture += Math.max(0, end - start);
  }

  /** The mean colour; NaN with no pixel kept, or kept fewer than MIN_USABLE_SHARE of those in the picture. */
  mean(): Rgb {
    const measured = this.count > 0 && this.count >= MIN_USABLE_SHARE * this.inPicture;
    const [r, g, b] = this.sums.map((sum) => (measured ? (255 * sum) / this.count : NaN));
    return { r, g, b };
  }
}
