import { crc32 } from 'node:zlib';

function chunk(type: string, data: Uint8Array): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function frameControl(sequence: number, width: number, height: number): Buffer {
  const data = Buffer.alloc(26);
  data.writeUInt32BE(sequence, 0);
  data.writeUInt32BE(width, 4);
  data.writeUInt32BE(height, 8);
  data.writeUInt16BE(1, 20); // delay 1/10 s
  data.writeUInt16BE(10, 22);
  return chunk('fcTL', data);
}

/**
 * A two-frame APNG (both frames the still PNG's pixels) built from a still PNG with one IDAT, as
 * the APNG specification lays it out: acTL and the first fcTL before IDAT, then fcTL + fdAT.
 */
export function animatedPng(still: Uint8Array): Buffer {
  const png = Buffer.from(still);
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const ihdrEnd = 8 + 25;
  const idatAt = png.indexOf('IDAT', 0, 'latin1') - 4;
  const idatData = png.subarray(idatAt + 8, idatAt + 8 + png.readUInt32BE(idatAt));
  const actl = Buffer.alloc(8);
  actl.writeUInt32BE(2, 0); // frames
  const sequence = Buffer.alloc(4);
  sequence.writeUInt32BE(2);
  return Buffer.concat([
    png.subarray(0, ihdrEnd),
    chunk('acTL', actl),
    frameControl(0, width, height),
    png.subarray(idatAt, idatAt + 12 + idatData.length),
    frameControl(1, width, height),
    chunk('fdAT', Buffer.concat([sequence, idatData])),
    chunk('IEND', new Uint8Array()),
  ]);
}
