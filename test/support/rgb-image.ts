import sharp from 'sharp';

// Bound once: Jest runs the tests in a vm context, where every lookup of a global such as `Math`
// costs ~100 ns, and sampleInto runs for every pixel of a frame.
const { floor, max, min } = Math;

/** Tightly packed 8-bit RGB pixels, row by row. */
export interface RgbImage {
  readonly data: Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
}

export function blankImage(width: number, height: number): RgbImage {
  return { data: new Uint8ClampedArray(width * height * 3), width, height };
}

/**
 * Decodes a JPEG or PNG upright (EXIF applied) as 8-bit RGB, resized to `height` (and `width`, else
 * keeping its aspect ratio) when given, with sharp's own filters: resampling once here keeps the
 * later per-pixel lookups near 1:1, where bilinear sampling neither blurs nor aliases.
 */
export async function decodeRgb(bytes: Uint8Array, size?: { width?: number; height: number }): Promise<RgbImage> {
  let pipeline = sharp(bytes).rotate().removeAlpha().toColourspace('srgb');
  if (size) pipeline = pipeline.resize(size.width ?? null, size.height, { fit: 'fill' });
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

export async function encodeJpeg(image: RgbImage): Promise<Uint8Array> {
  const { data, width, height } = image;
  const jpeg = await sharp(data, { raw: { width, height, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
  return new Uint8Array(jpeg.buffer, jpeg.byteOffset, jpeg.length);
}

/**
 * Writes the bilinear sample of `image` at (x, y) (pixel centres at integers, the edge pixels
 * repeated beyond the border) into `target` at pixel `index`.
 */
export function sampleInto(target: RgbImage, index: number, image: RgbImage, x: number, y: number): void {
  const { data, width, height } = image;
  const cx = min(max(x, 0), width - 1);
  const cy = min(max(y, 0), height - 1);
  const x0 = floor(cx);
  const y0 = floor(cy);
  const x1 = min(x0 + 1, width - 1);
  const y1 = min(y0 + 1, height - 1);
  const fx = cx - x0;
  const fy = cy - y0;
  const [a, b, c, d] = [(y0 * width + x0) * 3, (y0 * width + x1) * 3, (y1 * width + x0) * 3, (y1 * width + x1) * 3];
  for (let channel = 0; channel < 3; channel++) {
    const top = data[a + channel] + (data[b + channel] - data[a + channel]) * fx;
    const bottom = data[c + channel] + (data[d + channel] - data[c + channel]) * fx;
    target.data[index * 3 + channel] = top + (bottom - top) * fy;
  }
}
