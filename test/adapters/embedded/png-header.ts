import { crc32 } from 'node:zlib';

/**
 * Rewrites the width and height in a PNG's IHDR chunk (and its CRC), leaving the pixel data as it
 * was: a small file that declares a huge picture.
 */
export function withDeclaredSize(png: Uint8Array, width: number, height: number): Uint8Array {
  const patched = Uint8Array.from(png);
  const view = new DataView(patched.buffer);
  // signature (8) | IHDR length (4) | "IHDR" (4) | width (4) | height (4) | 5 more bytes | CRC (4)
  view.setUint32(16, width);
  view.setUint32(20, height);
  view.setUint32(29, crc32(patched.subarray(12, 29)));
  return patched;
}
