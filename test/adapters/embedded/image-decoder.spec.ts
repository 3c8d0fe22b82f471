import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { ImageTooLarge, InvalidImage } from '../../../src/domain/domain.errors.js';
import { MAX_DETECTION_SIDE, decodeImage } from '../../../src/adapters/embedded/image-decoder.js';
import { withDeclaredSize } from './png-header.js';

const MAX_PIXELS = 25_000_000;
const fixture = (name: string) => readFile(new URL(`../../fixtures/faces/${name}`, import.meta.url));

describe('decodeImage', () => {
  it('returns 8-bit RGB pixels of a 32-bit RGBA PNG', async () => {
    const rgba = await sharp({ create: { width: 100, height: 80, channels: 4, background: { r: 10, g: 20, b: 30, alpha: 0.5 } } })
      .png()
      .toBuffer();
    const image = await decodeImage(rgba, 'source', MAX_PIXELS);
    expect([image.width, image.height]).toEqual([100, 80]);
    expect(image.data.length).toBe(100 * 80 * 3);
    expect(Array.from(image.data.subarray(0, 3))).toEqual([10, 20, 30]);
  });

  it('applies the EXIF orientation', async () => {
    const sideways = await sharp({ create: { width: 120, height: 80, channels: 3, background: '#888' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const image = await decodeImage(sideways, 'source', MAX_PIXELS);
    expect([image.width, image.height]).toEqual([80, 120]);
  });

  it(`shrinks a large photo to fit ${MAX_DETECTION_SIDE} pixels, keeping its aspect ratio`, async () => {
    const image = await decodeImage(await fixture('noface_background.jpg'), 'source', MAX_PIXELS); // 1280×800
    expect([image.width, image.height]).toEqual([MAX_DETECTION_SIDE, 640]);
  });

  it('refuses a PNG declaring 50000×50000 pixels with ImageTooLarge before decoding it', async () => {
    const small = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#000' } }).png().toBuffer();
    const huge = withDeclaredSize(small, 50_000, 50_000);
    // Decoding would fail on the 64×64 pixel data (InvalidImage): ImageTooLarge shows the header decided.
    await expect(decodeImage(huge, 'target', MAX_PIXELS)).rejects.toBeInstanceOf(ImageTooLarge);
    await expect(decodeImage(huge, 'target', MAX_PIXELS)).rejects.toThrow('target is 50000×50000 pixels');
  });

  it('rejects garbage and a truncated JPEG with InvalidImage naming the field', async () => {
    const garbage = Uint8Array.from([0xff, 0xd8, 0xff, ...new Array<number>(500).fill(0x42)]);
    const jpeg = await fixture('kit_harington_2.jpg');
    const truncated = jpeg.subarray(0, jpeg.length / 2);
    await expect(decodeImage(garbage, 'source', MAX_PIXELS)).rejects.toThrow(new InvalidImage('source could not be decoded: the image data is corrupt or truncated.'));
    await expect(decodeImage(truncated, 'target', MAX_PIXELS)).rejects.toBeInstanceOf(InvalidImage);
    await expect(decodeImage(truncated, 'target', MAX_PIXELS)).rejects.toThrow(/^target/);
  });

  it('rejects a picture under 64×64 pixels with InvalidImage', async () => {
    const tiny = await sharp({ create: { width: 200, height: 63, channels: 3, background: '#fff' } }).png().toBuffer();
    await expect(decodeImage(tiny, 'source', MAX_PIXELS)).rejects.toThrow(new InvalidImage('source is 200×63 pixels; both sides must be at least 64 pixels.'));
  });
});
