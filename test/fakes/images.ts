import { Image } from '../../src/domain/image.js';

/**
 * A minimal well-formed JPEG byte string (SOI, a JFIF segment, EOI): it sniffs as JPEG and has no
 * metadata to strip, so it is stored unchanged. `tag` makes two images differ.
 */
export function jpegImage(tag = 0): Image {
  const jfif = [0xff, 0xe0, 0x00, 0x08, 0x4a, 0x46, 0x49, 0x46, 0x00, tag];
  return Image.fromBytes(Uint8Array.from([0xff, 0xd8, ...jfif, 0xff, 0xd9]), 'source', 1024);
}
