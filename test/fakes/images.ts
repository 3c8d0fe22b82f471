import { Image } from '../../src/domain/image.js';

/** A minimal byte string that sniffs as JPEG; `tag` makes two images differ. */
export function jpegImage(tag = 0): Image {
  return Image.fromBytes(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, tag]), 'source', 1024);
}
