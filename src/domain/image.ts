import { ImageTooLarge, UnsupportedImageFormat } from './domain.errors.js';

export type ImageFormat = 'jpeg' | 'png';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return bytes.length >= signature.length && signature.every((byte, i) => bytes[i] === byte);
}

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

  /** @param field names the input in error messages ("source", "referenceImage", ...). */
  static fromBytes(bytes: Uint8Array, field: string, maxBytes: number): Image {
    if (bytes.length > maxBytes) {
      throw new ImageTooLarge(`${field} is ${bytes.length} bytes; the limit is ${maxBytes} bytes.`);
    }
    const format = sniffFormat(bytes);
    if (!format) throw new UnsupportedImageFormat(field);
    return new Image(bytes, format);
  }
}
