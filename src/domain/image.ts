import { AnimatedImage, ImageTooLarge, InvalidImage, UnsupportedImageFormat } from './domain.errors.js';
import { startsWith } from './image-bytes/bytes.js';
import { stripJpegMetadata } from './image-bytes/jpeg-metadata.js';
import { isAnimatedPng, PNG_SIGNATURE, stripPngMetadata } from './image-bytes/png-chunks.js';

export type ImageFormat = 'jpeg' | 'png';

const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];

function sniffFormat(bytes: Uint8Array): ImageFormat | null {
  if (startsWith(bytes, JPEG_SIGNATURE)) return 'jpeg';
  if (startsWith(bytes, PNG_SIGNATURE)) return 'png';
  return null;
}

/**
 * An encoded photograph as a client sent it. The format is read from the bytes themselves, never
 * from a declared content type, so a renamed file cannot slip through.
 */
export class Image {
  private constructor(
    readonly bytes: Uint8Array,
    readonly format: ImageFormat,
  ) {}

  /**
   * Checks that hold for every face engine, so they run before any port sees the bytes.
   * @param field names the input in error messages ("source", "referenceImage", ...).
   * @throws ImageTooLarge, UnsupportedImageFormat, AnimatedImage
   */
  static fromBytes(bytes: Uint8Array, field: string, maxBytes: number): Image {
    if (bytes.length > maxBytes) {
      throw new ImageTooLarge(`${field} is ${bytes.length} bytes; the limit is ${maxBytes} bytes.`);
    }
    const format = sniffFormat(bytes);
    if (!format) throw new UnsupportedImageFormat(field);
    // A face engine would see one frame of several; which one is the engine's guess, so refuse.
    if (format === 'png' && isAnimatedPng(bytes)) throw new AnimatedImage(field);
    return new Image(bytes, format);
  }

  /**
   * The same pixels without EXIF (GPS position, device serials, thumbnails), XMP, IPTC, comments or
   * text chunks: what may be stored. The EXIF orientation alone is kept, so the image displays as
   * before. Lossless: the compressed pixel data is copied, never re-encoded.
   * @throws InvalidImage when the file's structure is broken or truncated.
   */
  withoutMetadata(field: string): Image {
    const stripped = this.format === 'jpeg' ? stripJpegMetadata(this.bytes) : stripPngMetadata(this.bytes);
    if (!stripped) throw new InvalidImage(`${field} could not be read: the image data is corrupt or truncated.`);
    return new Image(stripped, this.format);
  }
}
