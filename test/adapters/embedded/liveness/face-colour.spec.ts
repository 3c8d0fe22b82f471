import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { faceColours } from '../../../../src/adapters/embedded/liveness/face-colour.js';
import { FrameAnalyzer } from '../../../../src/adapters/embedded/liveness/frame-analyzer.js';
import type { AnalyzedFace, Rgb } from '../../../../src/domain/liveness/frame-analysis.js';
import { syntheticHead, toMesh } from '../../../domain/liveness/synthetic-face.js';

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

  it('reports no background colour when the face fills the frame', () => {
    // The synthetic head, centred at (320, 240), four times larger: its oval spans past the frame.
    const mesh = toMesh(syntheticHead()).map((value, i) => (i % 3 === 2 ? value : 4 * value - 3 * (i % 3 === 0 ? 320 : 240)));
    const { faceColour, backgroundColour } = faceColours(uniformImage(640, 480, [128, 64, 32]), mesh);
    expect(faceColour.r).toBeCloseTo(linear(128), 6);
    expect(backgroundColour).toEqual({ r: NaN, g: NaN, b: NaN });
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
