import { concat } from './bytes.js';
import { orientationOnlyExif, readExifOrientation } from './exif-orientation.js';

/** One chunk of a PNG: `start` is its length field, `end` is just past its CRC. */
export interface PngChunk {
  readonly type: string;
  readonly start: number;
  readonly end: number;
}

export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

/**
 * The chunks of a PNG in order, up to and including IEND; `complete` is false when the data ends
 * before IEND or a chunk's length points past the end. Reads lengths and types only.
 */
export function pngChunks(bytes: Uint8Array): { chunks: PngChunk[]; complete: boolean } {
  const chunks: PngChunk[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let pos: number = PNG_SIGNATURE.length; pos + 12 <= bytes.length; ) {
    const end = pos + 12 + view.getUint32(pos);
    if (end > bytes.length) break;
    const type = String.fromCharCode(...bytes.subarray(pos + 4, pos + 8));
    chunks.push({ type, start: pos, end });
    if (type === 'IEND') return { chunks, complete: true };
    pos = end;
  }
  return { chunks, complete: false };
}

/** An animated PNG (APNG) announces itself with an acTL chunk before its first IDAT. */
export function isAnimatedPng(bytes: Uint8Array): boolean {
  for (const { type } of pngChunks(bytes).chunks) {
    if (type === 'acTL') return true;
    if (type === 'IDAT') return false;
  }
  return false;
}

/**
 * Ancillary chunks that change how the pixels look, so they stay. Critical chunks (upper-case first
 * letter: IHDR, PLTE, IDAT, IEND) always stay. Text, time, eXIf and the rest go.
 */
const KEPT_ANCILLARY = new Set(['tRNS', 'gAMA', 'cHRM', 'sRGB', 'iCCP', 'sBIT', 'cICP']);

function isKept(type: string): boolean {
  return (type.charCodeAt(0) & 0x20) === 0 || KEPT_ANCILLARY.has(type);
}

/**
 * The PNG without metadata chunks, or null when its chunk structure is broken or it has no IHDR
 * first or no IEND. An eXIf orientation other than 1 comes back as an eXIf chunk holding it alone.
 */
export function stripPngMetadata(bytes: Uint8Array): Uint8Array | null {
  const { chunks, complete } = pngChunks(bytes);
  if (!complete || chunks[0]?.type !== 'IHDR') return null;
  const exif = chunks.find((chunk) => chunk.type === 'eXIf');
  const orientation = exif ? readExifOrientation(bytes.subarray(exif.start + 8, exif.end - 4)) : null;
  const parts = [bytes.subarray(0, PNG_SIGNATURE.length), ...chunks.filter((c) => isKept(c.type)).map((c) => bytes.subarray(c.start, c.end))];
  // eXIf must come before the first IDAT; right after IHDR always is.
  if (orientation !== null && orientation !== 1) parts.splice(2, 0, pngChunk('eXIf', orientationOnlyExif(orientation)));
  return concat(parts);
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const chunk = new Uint8Array(12 + data.length);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, data.length);
  chunk.set(Array.from(type, (c) => c.charCodeAt(0)), 4);
  chunk.set(data, 8);
  view.setUint32(8 + data.length, crc32(chunk.subarray(4, 8 + data.length)));
  return chunk;
}

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 as PNG uses it (ISO 3309); the domain has no zlib. */
function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
