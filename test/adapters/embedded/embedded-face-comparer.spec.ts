import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { ImageTooLarge, InvalidImage, NoFaceFound } from '../../../src/domain/domain.errors.js';
import { Image } from '../../../src/domain/image.js';
import { EmbeddedEngine } from '../../../src/adapters/embedded/embedded-engine.js';
import { EmbeddedFaceComparer } from '../../../src/adapters/embedded/embedded-face-comparer.js';
import { withDeclaredSize } from './png-header.js';

const image = (bytes: Uint8Array, field = 'image') => Image.fromBytes(bytes, field, 50_000_000);
const photo = async (name: string) => image(await readFile(new URL(`../../fixtures/faces/${name}`, import.meta.url)));

describe('EmbeddedFaceComparer', () => {
  let engine: EmbeddedEngine;
  let comparer: EmbeddedFaceComparer;
  let readyBeforeModelsLoaded: boolean;
  let kit1: Image, kit2: Image, rose: Image, group: Image, landscape: Image;

  beforeAll(async () => {
    engine = new EmbeddedEngine({ poolSize: 2, maxPixels: 25_000_000, maxFramePixels: 1280 * 960 });
    comparer = new EmbeddedFaceComparer(engine);
    readyBeforeModelsLoaded = comparer.isReady();
    [kit1, kit2, rose, group, landscape] = await Promise.all(
      ['kit_harington_1.jpg', 'kit_harington_2.jpg', 'rose_leslie_1.jpg', 'multi_kit_with_rose.jpg', 'noface_background.jpg'].map(photo),
    );
    await engine.whenReady();
  });
  afterAll(() => engine.close());

  it('is ready once every worker has loaded its models, not before', () => {
    expect(readyBeforeModelsLoaded).toBe(false);
    expect(comparer.isReady()).toBe(true);
  });

  it('scores two photos of one person at or above the match threshold', async () => {
    const { sourceFace, targetFaces } = await comparer.compare(kit1, kit2);
    expect(targetFaces).toHaveLength(1);
    expect(targetFaces[0].similarity).toBeGreaterThanOrEqual(comparer.matchThreshold);
    expect(targetFaces[0].similarity).toBeLessThanOrEqual(1);
    expect(sourceFace.confidence).toBeGreaterThan(0.5);
  });

  it('scores photos of two people below the match threshold', async () => {
    const { targetFaces } = await comparer.compare(kit2, rose);
    expect(targetFaces).toHaveLength(1);
    expect(targetFaces[0].similarity).toBeLessThan(comparer.matchThreshold);
    expect(targetFaces[0].similarity).toBeGreaterThanOrEqual(0);
  });

  it('scores every face of a group target, with boxes as fractions of the picture', async () => {
    const { targetFaces } = await comparer.compare(kit2, group);
    expect(targetFaces).toHaveLength(2);
    expect(targetFaces.filter((face) => face.similarity >= comparer.matchThreshold)).toHaveLength(1);
    for (const { boundingBox: box } of targetFaces) {
      expect(Math.min(box.left, box.top, box.width, box.height)).toBeGreaterThanOrEqual(0);
      expect(Math.max(box.left + box.width, box.top + box.height)).toBeLessThanOrEqual(1);
    }
  });

  it('compares the largest face of a group source', async () => {
    // Kit is the larger face in the group photo: his photo matches it, Rose's does not.
    const [withKit, withRose] = await Promise.all([comparer.compare(group, kit1), comparer.compare(group, rose)]);
    expect(withKit.targetFaces[0].similarity).toBeGreaterThanOrEqual(comparer.matchThreshold);
    expect(withRose.targetFaces[0].similarity).toBeLessThan(comparer.matchThreshold);
  });

  it('rejects a source without a face with NoFaceFound naming the source', async () => {
    const comparison = comparer.compare(landscape, kit1);
    await expect(comparison).rejects.toBeInstanceOf(NoFaceFound);
    await expect(comparison).rejects.toMatchObject({ field: 'source' });
  });

  it('rejects a target without a face with NoFaceFound naming the target', async () => {
    const comparison = comparer.compare(kit1, landscape);
    await expect(comparison).rejects.toBeInstanceOf(NoFaceFound);
    await expect(comparison).rejects.toMatchObject({ field: 'target' });
  });

  it('matches a face in a 32-bit RGBA PNG', async () => {
    const png = await sharp(kit2.bytes).ensureAlpha().png().toBuffer();
    expect(await sharp(png).metadata()).toMatchObject({ format: 'png', channels: 4 });
    const { targetFaces } = await comparer.compare(kit1, image(png));
    expect(targetFaces[0].similarity).toBeGreaterThanOrEqual(comparer.matchThreshold);
  });

  it('applies the EXIF orientation before detecting, and boxes the face in the upright picture', async () => {
    // Pixels turned a quarter clockwise, with orientation 8 telling a viewer to turn them back.
    const sideways = await sharp(kit2.bytes).rotate(90).withMetadata({ orientation: 8 }).jpeg().toBuffer();
    const [upright, rotated] = await Promise.all([comparer.compare(kit1, kit2), comparer.compare(kit1, image(sideways))]);
    expect(rotated.targetFaces).toHaveLength(1);
    expect(rotated.targetFaces[0].similarity).toBeGreaterThanOrEqual(comparer.matchThreshold);
    const [expected, actual] = [upright.targetFaces[0].boundingBox, rotated.targetFaces[0].boundingBox];
    expect(actual.left).toBeCloseTo(expected.left, 1);
    expect(actual.top).toBeCloseTo(expected.top, 1);
    expect(actual.width).toBeCloseTo(expected.width, 1);
  });

  it('rejects undecodable and truncated pictures with InvalidImage', async () => {
    const garbage = image(Uint8Array.from([0xff, 0xd8, 0xff, ...new Array<number>(1000).fill(0x42)]));
    const truncated = image(kit2.bytes.subarray(0, kit2.bytes.length / 2));
    await expect(comparer.compare(garbage, kit1)).rejects.toBeInstanceOf(InvalidImage);
    await expect(comparer.compare(kit1, truncated)).rejects.toThrow(new InvalidImage('target could not be decoded: the image data is corrupt or truncated.'));
  });

  it('rejects a small PNG declaring 50000×50000 pixels with ImageTooLarge', async () => {
    const small = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#000' } }).png().toBuffer();
    const huge = image(withDeclaredSize(small, 50_000, 50_000));
    await expect(comparer.compare(huge, kit1)).rejects.toBeInstanceOf(ImageTooLarge);
  });

  it('leaves the caller\'s image bytes intact', async () => {
    const before = kit1.bytes.length;
    await comparer.compare(kit1, kit2);
    expect(kit1.bytes.length).toBe(before);
    expect(Array.from(kit1.bytes.subarray(0, 3))).toEqual([0xff, 0xd8, 0xff]);
  });
});
