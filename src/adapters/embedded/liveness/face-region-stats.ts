import type { BoundingBox } from '../../../domain/face.js';
import type { DecodedImage } from '../image-decoder.js';

/** Side of the grey square the face box is resampled to, so sharpness does not depend on face size. */
const SAMPLE_SIDE = 96;

export interface FaceRegionStats {
  /** Variance of the 4-neighbour Laplacian of the luma, at SAMPLE_SIDE × SAMPLE_SIDE. */
  readonly sharpness: number;
  /** Mean luma (Rec. 601), 0–255. */
  readonly brightness: number;
}

/**
 * Sharpness and brightness of the face box, straight from the decoded pixels (no tfjs, ~1 ms):
 * the box is area-averaged down to a fixed grey square, so a blurred frame loses its fine edges
 * and scores low whatever the face size, and a larger face does not score higher for its size.
 */
export function faceRegionStats(image: DecodedImage, box: BoundingBox): FaceRegionStats {
  const x0 = Math.floor(box.left * image.width);
  const y0 = Math.floor(box.top * image.height);
  const w = Math.max(1, Math.min(image.width - x0, Math.round(box.width * image.width)));
  const h = Math.max(1, Math.min(image.height - y0, Math.round(box.height * image.height)));
  const grey = new Float64Array(SAMPLE_SIDE * SAMPLE_SIDE);
  const counts = new Uint32Array(SAMPLE_SIDE * SAMPLE_SIDE);
  let lumaSum = 0;
  for (let y = 0; y < h; y++) {
    const cell = Math.min(SAMPLE_SIDE - 1, Math.floor((y * SAMPLE_SIDE) / h)) * SAMPLE_SIDE;
    for (let x = 0; x < w; x++) {
      const i = ((y0 + y) * image.width + x0 + x) * 3;
      const luma = 0.299 * image.data[i] + 0.587 * image.data[i + 1] + 0.114 * image.data[i + 2];
      const c = cell + Math.min(SAMPLE_SIDE - 1, Math.floor((x * SAMPLE_SIDE) / w));
      grey[c] += luma;
      counts[c]++;
      lumaSum += luma;
    }
  }
  // A box smaller than the square leaves empty cells: fill each from its left (or upper) neighbour.
  for (let c = 0; c < grey.length; c++) {
    grey[c] = counts[c] > 0 ? grey[c] / counts[c] : c % SAMPLE_SIDE > 0 ? grey[c - 1] : c >= SAMPLE_SIDE ? grey[c - SAMPLE_SIDE] : 0;
  }
  return { sharpness: laplacianVariance(grey, SAMPLE_SIDE), brightness: lumaSum / (w * h) };
}

function laplacianVariance(grey: Float64Array, side: number): number {
  let sum = 0;
  let sumSquares = 0;
  for (let y = 1; y < side - 1; y++) {
    for (let x = 1; x < side - 1; x++) {
      const i = y * side + x;
      const value = grey[i - 1] + grey[i + 1] + grey[i - side] + grey[i + side] - 4 * grey[i];
      sum += value;
      sumSquares += value * value;
    }
  }
  const n = (side - 2) * (side - 2);
  return sumSquares / n - (sum / n) ** 2;
}
