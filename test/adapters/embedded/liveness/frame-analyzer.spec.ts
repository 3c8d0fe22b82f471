import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { InvalidImage } from '../../../../src/domain/domain.errors.js';
import { MESH_POINTS, meshPoint, type AnalyzedFace, type FrameAnalysis } from '../../../../src/domain/liveness/frame-analysis.js';
import { FrameAnalyzer } from '../../../../src/adapters/embedded/liveness/frame-analyzer.js';

const fixture = (path: string) => readFile(new URL(`../../../fixtures/${path}`, import.meta.url));
const meanEye = (face: AnalyzedFace) => (face.eyeOpenness.left + face.eyeOpenness.right) / 2;

describe('FrameAnalyzer', () => {
  let analyzer: FrameAnalyzer;
  const analyze = async (path: string): Promise<FrameAnalysis> => analyzer.analyze(await fixture(path));
  const onlyFace = async (path: string): Promise<AnalyzedFace> => {
    const { faces } = await analyze(path);
    expect(faces).toHaveLength(1);
    return faces[0];
  };

  beforeAll(async () => {
    analyzer = await FrameAnalyzer.load({ maxPixels: 25_000_000 });
  });

  it('finds one face on a frontal frame, with a full mesh, scores and a box inside the picture', async () => {
    const { width, height, faces } = await analyze('liveness/headturn_woman_frontal.jpg');
    expect([width, height]).toEqual([480, 270]);
    expect(faces).toHaveLength(1);
    const [face] = faces;
    expect(face.mesh).toHaveLength(MESH_POINTS * 3);
    expect(face.detectorScore).toBeGreaterThan(0.5);
    expect(face.meshScore).toBeGreaterThan(0.5);
    const { left, top, width: w, height: h } = face.boundingBox;
    expect(Math.min(left, top, w, h)).toBeGreaterThan(0);
    expect(Math.max(left + w, top + h)).toBeLessThanOrEqual(1);
    for (const score of [face.real, face.live]) expect(score).toBeGreaterThanOrEqual(0);
    for (const score of [face.real, face.live]) expect(score).toBeLessThanOrEqual(1);
    expect(Math.abs(face.pose.yaw)).toBeLessThan(10);
  });

  it('reports yaw positive for a head turned to its own right and negative for its left', async () => {
    const frontal = await onlyFace('liveness/headturn_woman_frontal.jpg');
    const right = await onlyFace('liveness/headturn_woman_turned_right.jpg');
    const left = await onlyFace('liveness/headturn_woman_turned_left.jpg');
    expect(right.pose.yaw - frontal.pose.yaw).toBeGreaterThan(15);
    expect(left.pose.yaw - frontal.pose.yaw).toBeLessThan(-15);
  });

  it('measures both eyes much less open on a closed-eye frame than on an open-eye one', async () => {
    const open = await onlyFace('liveness/blink_man_eyes_open.jpg');
    const closed = await onlyFace('liveness/blink_man_eyes_closed.jpg');
    expect(meanEye(open)).toBeGreaterThan(0.25);
    expect(meanEye(closed)).toBeLessThan(0.5 * meanEye(open));
    expect(closed.eyeOpenness.left).toBeLessThan(0.7 * open.eyeOpenness.left);
    expect(closed.eyeOpenness.right).toBeLessThan(0.7 * open.eyeOpenness.right);
  });

  it('finds both faces on a frame with two people, largest first', async () => {
    const { faces } = await analyze('liveness/two_people.jpg');
    expect(faces).toHaveLength(2);
    const area = (face: AnalyzedFace) => face.boundingBox.width * face.boundingBox.height;
    expect(area(faces[0])).toBeGreaterThanOrEqual(area(faces[1]));
  });

  it('finds no face on a picture without one', async () => {
    await expect(analyze('faces/noface_background.jpg')).resolves.toMatchObject({ faces: [] });
  });

  it('finds the face on the EXIF-rotated printed-photo and tablet stills', async () => {
    for (const still of ['attack_printed_photo.jpg', 'attack_tablet_screen.jpg']) {
      const { width, height, faces } = await analyze(`liveness/${still}`);
      expect({ still, width, height, faces: faces.length }).toEqual({ still, width: 480, height: 640, faces: 1 });
    }
  });

  it('gives mesh z in pixels: the face about half as deep as its box is wide, the nose tip nearest', async () => {
    // A ~400-px face: human's raw z (192-px crop units) would make it only ~0.23 box widths deep.
    const { width, faces } = await analyze('liveness/blink_man_eyes_open.jpg');
    const { mesh, boundingBox } = faces[0];
    const z = Array.from({ length: MESH_POINTS }, (_, i) => meshPoint(mesh, i)[2]);
    const depthInBoxWidths = (Math.max(...z) - Math.min(...z)) / (boundingBox.width * width);
    expect(depthInBoxWidths).toBeGreaterThan(0.35);
    expect(depthInBoxWidths).toBeLessThan(0.8);
    const NOSE_TIP = 1;
    const FACE_SIDES = [234, 454];
    for (const side of FACE_SIDES) expect(z[NOSE_TIP]).toBeLessThan(z[side]);
  });

  it('scores a blurred frame less sharp and a darkened frame less bright', async () => {
    const frame = await fixture('liveness/blink_man_eyes_open.jpg');
    const original = (await analyzer.analyze(frame)).faces[0];
    const blurred = (await analyzer.analyze(await sharp(frame).blur(3).jpeg().toBuffer())).faces[0];
    const darkened = (await analyzer.analyze(await sharp(frame).linear(0.4, 0).jpeg().toBuffer())).faces[0];
    expect(blurred.sharpness).toBeLessThan(0.5 * original.sharpness);
    expect(darkened.brightness).toBeLessThan(0.5 * original.brightness);
    expect(darkened.brightness).toBeGreaterThan(0.3 * original.brightness);
  });

  it('rejects bytes that are not a picture with InvalidImage', async () => {
    await expect(analyzer.analyze(new Uint8Array([0xff, 0xd8, 0xff, 0, 1, 2]))).rejects.toThrow(InvalidImage);
  });
});
