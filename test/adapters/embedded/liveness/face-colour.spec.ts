import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { faceColours } from '../../../../src/adapters/embedded/liveness/face-colour.js';
import { FrameAnalyzer } from '../../../../src/adapters/embedded/liveness/frame-analyzer.js';
import type { AnalyzedFace, Rgb } from '../../../../src/domain/liveness/frame-analysis.js';
import { checkLightReflection, type LightSample } from '../../../../src/domain/liveness/light-reflection.js';
import { cssColour, drawLightSequence } from '../../../../src/domain/liveness/light-sequence.js';
import { SeededRandom } from '../../../fakes/seeded-random.js';
import { shownAt } from '../../../domain/liveness/light-session.js';
import { syntheticHead, toMesh } from '../../../domain/liveness/synthetic-face.js';
import { flatSurface, genuine, type LightScene } from '../../../support/light-scenes.js';
import { decodeRgb, encodeJpeg } from '../../../support/rgb-image.js';
import { tintedFrame } from '../../../support/tinted-frame.js';

const fixture = (path: string) => readFile(new URL(`../../../fixtures/${path}`, import.meta.url));

/** sRGB code → linear light × 255, the unit of the colours. */
const linear = (code: number) => 255 * ((code / 255 + 0.055) / 1.055) ** 2.4;
/** Log-chroma red against green: what a red light raises, whatever the exposure. */
const redness = ({ r, g }: Rgb) => Math.log(r / g);

/**
 * Red light on a surface multiplies its linear red by (1 + the light's share of the red it gets):
 * a gain on the red code does about that (sRGB is near a power law), and, unlike adding a fixed
 * code, changes every surface's log-chroma alike, however light or dark it is.
 */
const RED_LIGHT = { gain: [1.08, 1, 1], offset: [0, 0, 0] } as const;

/** A uniform `width` × `height` frame of one sRGB colour, as decoded pixels. */
function uniformImage(width: number, height: number, rgb: readonly number[]) {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < data.length; i++) data[i] = rgb[i % 3];
  return { data, width, height };
}

describe('faceColours', () => {
  it('reads the linear value of a uniform frame on the face and around it alike', () => {
    const { faceColour, backgroundColour } = faceColours(uniformImage(640, 480, [128, 64, 32]), toMesh(syntheticHead()));
    for (const colour of [faceColour, backgroundColour]) {
      expect(colour.r).toBeCloseTo(linear(128), 6);
      expect(colour.g).toBeCloseTo(linear(64), 6);
      expect(colour.b).toBeCloseTo(linear(32), 6);
    }
  });

  it('leaves clipped and near-black pixels out of the background, and keeps every pixel of the face', () => {
    const image = uniformImage(640, 480, [128, 64, 32]);
    // Every third pixel white (clipped), every third black: the wall's colour is that of the rest.
    for (let i = 0; i < image.data.length; i += 9) image.data.fill(255, i, i + 3);
    for (let i = 3; i < image.data.length; i += 9) image.data.fill(0, i, i + 3);
    const { faceColour, backgroundColour } = faceColours(image, toMesh(syntheticHead()));
    expect(backgroundColour.r).toBeCloseTo(linear(128), 6);
    expect(backgroundColour.g).toBeCloseTo(linear(64), 6);
    expect(backgroundColour.b).toBeCloseTo(linear(32), 6);
    expect(faceColour.g).toBeCloseTo((linear(64) + linear(255)) / 3, 0);
  });

  it('reports no background colour when too few of its pixels are usable: a blown-out wall', () => {
    const image = uniformImage(640, 480, [255, 250, 240]);
    for (let i = 0; i < image.data.length; i += 3 * 20) image.data.set([128, 64, 32], i);
    const { faceColour, backgroundColour } = faceColours(image, toMesh(syntheticHead()));
    expect(backgroundColour).toEqual({ r: NaN, g: NaN, b: NaN });
    expect(faceColour.r).toBeGreaterThan(0.9 * linear(255));
  });

  it('reports no background colour when the face fills the frame', () => {
    // The synthetic head, centred at (320, 240), four times larger: its oval spans past the frame.
    const mesh = toMesh(syntheticHead()).map((value, i) => (i % 3 === 2 ? value : 4 * value - 3 * (i % 3 === 0 ? 320 : 240)));
    const { faceColour, backgroundColour } = faceColours(uniformImage(640, 480, [128, 64, 32]), mesh);
    expect(faceColour.r).toBeCloseTo(linear(128), 6);
    expect(backgroundColour).toEqual({ r: NaN, g: NaN, b: NaN });
  });
});

/**
 * A face of skin colour in front of a near-white wall, 640 × 480 as the synthetic mesh sits in it:
 * the wall's codes 225–255 in soft blotches, about a third clipped already, and most of the rest
 * pushed over by a flash.
 */
function faceBeforeWhiteWall() {
  const image = uniformImage(640, 480, [0, 0, 0]);
  for (let y = 0; y < 480; y++) {
    for (let x = 0; x < 640; x++) {
      const onFace = ((x - 320) / 80) ** 2 + ((y - 240) / 100) ** 2 <= 1;
      const blotch = 0.5 + 0.5 * Math.sin(x / 23) * Math.sin(y / 17);
      const rgb = onFace ? [200 + 10 * blotch, 145 + 8 * blotch, 120 + 6 * blotch] : [225 + 45 * blotch, 225 + 45 * blotch, 220 + 45 * blotch];
      image.data.set(rgb.map((code) => Math.min(255, Math.round(code))), 3 * (y * 640 + x));
    }
  }
  return encodeJpeg({ ...image, data: new Uint8ClampedArray(image.data) });
}

/** The light check on the colours faceColours measures in the frames of `scene`, every 100 ms from the lead-in's start. */
async function lightVerdictOn(scene: LightScene, seed: number) {
  const sequence = drawLightSequence(new SeededRandom(seed));
  const shown = shownAt(sequence, 0);
  const flashes = sequence.flashes.map(({ colour, durationMs }) => ({ colour: cssColour(colour), durationMs }));
  const [still, mesh, noise] = [await faceBeforeWhiteWall(), toMesh(syntheticHead()), new SeededRandom(seed)];
  const samples: LightSample[] = [];
  for (let timeMs = -500; timeMs <= shown[shown.length - 1].endMs + 500; timeMs += 100) {
    const frame = await decodeRgb(await tintedFrame(still, scene.light(flashes, timeMs), scene.tint, noise));
    const { faceColour, backgroundColour } = faceColours({ ...frame, data: new Uint8Array(frame.data) }, mesh);
    samples.push({ timeMs, face: faceColour, background: backgroundColour });
  }
  return checkLightReflection(shown, samples);
}

describe('faceColours through a light sequence, in front of a near-white wall that clips', () => {
  it('fails a flat surface (the whole frame tinted alike): its wall answers as much as its face', async () => {
    const verdict = await lightVerdictOn(flatSurface(120), 5);
    expect(verdict).toMatchObject({ ok: false, reason: 'light_mismatch' });
    expect((verdict.backgroundResponse ?? NaN) / verdict.faceResponse).toBeGreaterThan(0.8);
  });

  it('passes a live face lit far more than the wall behind it', async () => {
    const verdict = await lightVerdictOn(genuine(120), 5);
    expect(verdict).toMatchObject({ ok: true, reason: null });
    expect((verdict.backgroundResponse ?? NaN) / verdict.faceResponse).toBeLessThan(0.4);
  });
});

describe('FrameAnalyzer colours on a real frame', () => {
  let analyzer: FrameAnalyzer;
  let frame: Buffer;
  let original: AnalyzedFace;
  const onlyFace = async (bytes: Buffer): Promise<AnalyzedFace> => {
    const { faces } = await analyzer.analyze(bytes);
    expect(faces).toHaveLength(1);
    return faces[0];
  };

  beforeAll(async () => {
    analyzer = await FrameAnalyzer.load({ maxPixels: 25_000_000 });
    // Dimmed a little first, so the light added below saturates no pixel of the bright wall.
    frame = await sharp(await fixture('liveness/blink_man_eyes_open.jpg')).linear(0.85, 0).png().toBuffer();
    original = await onlyFace(frame);
  });

  it('sees red light added to the face box on the face only', async () => {
    const { width, height } = await sharp(frame).metadata();
    const box = original.boundingBox;
    const [left, top] = [Math.round(box.left * width), Math.round(box.top * height)];
    const region = { left, top, width: Math.round(box.width * width), height: Math.round(box.height * height) };
    const lit = await sharp(frame).extract(region).linear([...RED_LIGHT.gain], [...RED_LIGHT.offset]).png().toBuffer();
    const tinted = await onlyFace(await sharp(frame).composite([{ input: lit, left, top }]).png().toBuffer());
    expect(tinted.faceColour.r).toBeGreaterThan(1.15 * original.faceColour.r);
    expect(redness(tinted.faceColour) - redness(original.faceColour)).toBeGreaterThan(0.15);
    expect(Math.abs(redness(tinted.backgroundColour) - redness(original.backgroundColour))).toBeLessThan(0.01);
  });

  it('sees red light added to the whole frame on the face and around it alike', async () => {
    const tinted = await onlyFace(await sharp(frame).linear([...RED_LIGHT.gain], [...RED_LIGHT.offset]).png().toBuffer());
    const faceShift = redness(tinted.faceColour) - redness(original.faceColour);
    const backgroundShift = redness(tinted.backgroundColour) - redness(original.backgroundColour);
    expect(faceShift).toBeGreaterThan(0.15);
    expect(backgroundShift / faceShift).toBeGreaterThan(0.8);
    expect(backgroundShift / faceShift).toBeLessThan(1.25);
  });
});
