import sharp, { type Sharp } from 'sharp';
import { AnimatedImage, InvalidImage } from '../../src/domain/domain.errors.js';
import { Image } from '../../src/domain/image.js';
import { animatedPng } from '../fakes/animated-png.js';

const MAX = 1024 * 1024;
const COPYRIGHT = 'Wernham Hogg';
const GPS_AND_OWNER = { IFD0: { Copyright: COPYRIGHT }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1' } };
const XMP = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>${COPYRIGHT}</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>`;

/** A 96×64 picture with detail (so a wrong strip shows in the pixels), as sharp would encode it. */
function picture(): Sharp {
  const pixels = Buffer.from(Array.from({ length: 96 * 64 * 3 }, (_, i) => (i * 7) % 251));
  return sharp(pixels, { raw: { width: 96, height: 64, channels: 3 } });
}

const pixelsOf = async (bytes: Uint8Array) => sharp(bytes).rotate().raw().toBuffer();
const has = (bytes: Uint8Array, text: string) => Buffer.from(bytes).includes(text, 0, 'latin1');
const stripped = (bytes: Uint8Array) => Image.fromBytes(bytes, 'referenceImage', MAX).withoutMetadata('referenceImage').bytes;

describe('Image.withoutMetadata', () => {
  it('drops the EXIF (GPS, owner) and XMP of a JPEG, keeping its pixels bit for bit', async () => {
    const original = await picture().jpeg().withExif(GPS_AND_OWNER).withXmp(XMP).toBuffer();
    expect(has(original, COPYRIGHT)).toBe(true);

    const result = stripped(original);
    const metadata = await sharp(result).metadata();

    expect(has(result, COPYRIGHT)).toBe(false);
    expect([metadata.exif, metadata.xmp]).toEqual([undefined, undefined]);
    expect(await pixelsOf(result)).toEqual(await pixelsOf(original));
    expect(result.length).toBeLessThan(original.length);
  });

  it('keeps a JPEG\'s orientation as a minimal EXIF block, so it displays as before', async () => {
    const original = await picture().jpeg().withExif(GPS_AND_OWNER).withMetadata({ orientation: 6 }).toBuffer();

    const result = stripped(original);
    const metadata = await sharp(result).metadata();

    expect(metadata.orientation).toBe(6);
    expect(metadata.exif?.length).toBe('Exif\0\0'.length + 26);
    expect(has(result, COPYRIGHT)).toBe(false);
    expect([metadata.width, metadata.height]).toEqual([96, 64]);
    expect(await pixelsOf(result)).toEqual(await pixelsOf(original)); // both turned upright, 64×96
  });

  it('keeps the ICC profile and the pixels of a progressive JPEG', async () => {
    const original = await picture().jpeg({ progressive: true }).withIccProfile('p3').withExif(GPS_AND_OWNER).toBuffer();

    const result = stripped(original);

    expect((await sharp(result).metadata()).icc).toEqual((await sharp(original).metadata()).icc);
    expect(await pixelsOf(result)).toEqual(await pixelsOf(original));
  });

  it('drops comments and whatever follows the end marker (appended thumbnails, videos)', async () => {
    const jpeg = await picture().jpeg().toBuffer();
    const comment = Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, 2 + 12]), Buffer.from('secret notes', 'latin1')]);
    const original = Buffer.concat([jpeg.subarray(0, 2), comment, jpeg.subarray(2), Buffer.from('trailing payload')]);

    const result = stripped(original);

    expect(has(result, 'secret notes')).toBe(false);
    expect(has(result, 'trailing payload')).toBe(false);
    expect(Buffer.from(result.subarray(-2))).toEqual(Buffer.from([0xff, 0xd9]));
  });

  it('drops a PNG\'s text, XMP and EXIF chunks, keeping its pixels and transparency', async () => {
    const original = await picture().ensureAlpha(0.5).png().withExif(GPS_AND_OWNER).withXmp(XMP).toBuffer();
    expect(has(original, COPYRIGHT)).toBe(true);

    const result = stripped(original);
    const metadata = await sharp(result).metadata();

    expect(has(result, COPYRIGHT)).toBe(false);
    expect([metadata.exif, metadata.xmp, metadata.hasAlpha]).toEqual([undefined, undefined, true]);
    expect(await pixelsOf(result)).toEqual(await pixelsOf(original));
  });

  it('keeps a PNG\'s EXIF orientation alone, in an eXIf chunk sharp reads back', async () => {
    const original = await picture().png().withExif(GPS_AND_OWNER).withMetadata({ orientation: 8 }).toBuffer();

    const result = stripped(original);

    expect((await sharp(result).metadata()).orientation).toBe(8);
    expect(has(result, COPYRIGHT)).toBe(false);
    expect(await pixelsOf(result)).toEqual(await pixelsOf(original));
  });

  it.each([
    ['a truncated JPEG', async () => (await picture().jpeg().toBuffer()).subarray(0, 300)],
    ['a JPEG whose segment length runs past the end', async () => Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff, 0, 0])],
    ['a JPEG with bytes that are not a marker between segments', async () => Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0x12, 0x34, 0xff, 0xd9])],
    ['a truncated PNG', async () => (await picture().png().toBuffer()).subarray(0, 200)],
    ['a PNG that does not start with IHDR', async () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from([0, 0, 0, 0]), Buffer.from('IEND'), Buffer.alloc(4)])],
  ])('refuses %s with InvalidImage naming the field', async (_name, make) => {
    const image = Image.fromBytes(await make(), 'referenceImage', MAX);

    expect(() => image.withoutMetadata('referenceImage')).toThrow(InvalidImage);
    expect(() => image.withoutMetadata('referenceImage')).toThrow(/^referenceImage could not be read/);
  });
});

describe('Image.fromBytes on animation', () => {
  it('refuses an animated PNG with AnimatedImage naming the field, and takes the still it was made from', async () => {
    const still = await picture().png().toBuffer();

    expect(() => Image.fromBytes(animatedPng(still), 'target', MAX)).toThrow(new AnimatedImage('target'));
    expect(Image.fromBytes(still, 'target', MAX).format).toBe('png');
  });
});
