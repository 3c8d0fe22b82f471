import { concat, startsWith } from './bytes.js';
import { orientationOnlyExif, readExifOrientation } from './exif-orientation.js';

/**
 * Drops a JPEG's metadata without touching its compressed pixels: every APPn and COM segment goes
 * except the few that change how the pixels look (JFIF, an ICC profile, Adobe's colour transform),
 * and so does anything after the end marker (appended thumbnails, motion-photo videos). An EXIF
 * orientation other than 1 comes back as a minimal EXIF block holding that tag alone.
 */

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const APP0 = 0xe0;
const APP1 = 0xe1;
const APP2 = 0xe2;
const APP14 = 0xee;
const APP15 = 0xef;
const COM = 0xfe;

const EXIF_HEADER = ascii('Exif\0\0');
/** The APPn segments kept, by marker and the identifier their payload starts with. */
const KEPT_APPS: ReadonlyMap<number, Uint8Array> = new Map([
  [APP0, ascii('JFIF\0')],
  [APP2, ascii('ICC_PROFILE\0')],
  [APP14, ascii('Adobe')],
]);

function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

function isStandalone(marker: number): boolean {
  return (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01; // RSTn, TEM: no length field
}

/** Index of the marker ending the entropy-coded data that starts at `from`, or -1 if it never ends. */
function endOfScan(bytes: Uint8Array, from: number): number {
  for (let i = from; i + 1 < bytes.length; i++) {
    if (bytes[i] !== 0xff) continue;
    const next = bytes[i + 1];
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) i++; // stuffed 0xFF or a restart marker
    else return i;
  }
  return -1;
}

function app1Exif(orientation: number): Uint8Array {
  const payload = new Uint8Array([...EXIF_HEADER, ...orientationOnlyExif(orientation)]);
  return new Uint8Array([0xff, APP1, (payload.length + 2) >> 8, (payload.length + 2) & 0xff, ...payload]);
}

/** The JPEG without metadata, or null when its segment structure is broken or it has no end marker. */
export function stripJpegMetadata(bytes: Uint8Array): Uint8Array | null {
  if (bytes[0] !== 0xff || bytes[1] !== SOI) return null;
  const parts: Uint8Array[] = [bytes.subarray(0, 2)];
  let orientation: number | null = null;
  let pos = 2;
  for (;;) {
    if (bytes[pos] !== 0xff) return null;
    while (bytes[pos + 1] === 0xff) pos++; // fill bytes before a marker
    const marker = bytes[pos + 1];
    if (marker === undefined) return null;
    if (marker === EOI) break;
    if (isStandalone(marker)) {
      parts.push(bytes.subarray(pos, pos + 2));
      pos += 2;
      continue;
    }
    if (pos + 4 > bytes.length) return null;
    const end = pos + 2 + ((bytes[pos + 2] << 8) | bytes[pos + 3]);
    if (end < pos + 4 || end > bytes.length) return null;
    const payload = bytes.subarray(pos + 4, end);
    if (marker === APP1 && startsWith(payload, EXIF_HEADER)) orientation ??= readExifOrientation(payload.subarray(EXIF_HEADER.length));
    const isMetadata = (marker >= APP0 && marker <= APP15) || marker === COM;
    const keptId = KEPT_APPS.get(marker);
    const kept = !isMetadata || (keptId !== undefined && startsWith(payload, keptId));
    const next = marker === SOS ? endOfScan(bytes, end) : end;
    if (next < 0) return null;
    if (kept) parts.push(bytes.subarray(pos, next));
    pos = next;
  }
  parts.push(Uint8Array.of(0xff, EOI));
  // EXIF belongs right after SOI, or after the JFIF segment where one leads.
  if (orientation !== null && orientation !== 1) parts.splice(parts[1]?.[1] === APP0 ? 2 : 1, 0, app1Exif(orientation));
  return concat(parts);
}
