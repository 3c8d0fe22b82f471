import sharp from 'sharp';
import { ImageTooLarge, InvalidImage } from '../../domain/domain.errors.js';

/** Tightly packed 8-bit RGB pixels, row by row, upright (EXIF orientation applied). */
export interface DecodedImage {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
}

/** Smaller pictures hold too few pixels for a face the recognition model can describe. */
export const MIN_IMAGE_SIDE = 64;

/**
 * Photos are shrunk to fit this square before detection. Measured on ../shared/faces with the tiny
 * detector: at 640 the genuine/impostor distance gap was 0.601–0.670 (one pair wrong at 0.6),
 * at 800 0.583–0.673, at 1024 0.580–0.694, for +10 ms per image over 640. Larger buys nothing: the
 * detector works at 416 and the recognition net at 150 pixels.
 */
export const MAX_DETECTION_SIDE = 1024;

/**
 * Decodes a JPEG or PNG for the face engine. The header is read first, so a picture declaring more
 * than `maxPixels` pixels is refused before any pixel buffer is allocated.
 * @param field names the input in error messages ("source", "target").
 * @throws ImageTooLarge, InvalidImage
 */
export async function decodeImage(bytes: Uint8Array, field: string, maxPixels: number): Promise<DecodedImage> {
  const { width, height } = await readDimensions(bytes, field);
  if (width * height > maxPixels) {
    throw new ImageTooLarge(`${field} is ${width}×${height} pixels; the limit is ${maxPixels} pixels.`);
  }
  if (width < MIN_IMAGE_SIDE || height < MIN_IMAGE_SIDE) {
    throw new InvalidImage(
      `${field} is ${width}×${height} pixels; both sides must be at least ${MIN_IMAGE_SIDE} pixels.`,
    );
  }
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: maxPixels })
      .rotate()
      .removeAlpha()
      .toColourspace('srgb') // grey, CMYK and 16-bit inputs all come out as 8-bit RGB
      .resize({
        width: MAX_DETECTION_SIDE,
        height: MAX_DETECTION_SIDE,
        fit: 'inside',
        withoutEnlargement: true,
      })
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
  } catch {
    throw undecodable(field);
  }
}

async function readDimensions(bytes: Uint8Array, field: string): Promise<{ width: number; height: number }> {
  try {
    // Reads the header only. sharp's own pixel limit would turn a huge picture into an error we
    // could not tell from a corrupt one, so the caller compares the size itself.
    const { width, height } = await sharp(bytes, { limitInputPixels: false }).metadata();
    if (width > 0 && height > 0) return { width, height };
  } catch {
    // reported below, with the same message as a failed decode
  }
  throw undecodable(field);
}

function undecodable(field: string): InvalidImage {
  return new InvalidImage(`${field} could not be decoded: the image data is corrupt or truncated.`);
}
