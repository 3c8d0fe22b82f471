import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { FrameAnalyzer } from '../../../../src/adapters/embedded/liveness/frame-analyzer.js';
import { hasBlinked } from '../../../../src/domain/liveness/blink.js';
import type { AnalyzedFace } from '../../../../src/domain/liveness/frame-analysis.js';
import { frameQuality } from '../../../../src/domain/liveness/frame-quality.js';
import { planarity } from '../../../../src/domain/liveness/planarity.js';
import { reached, wrongMove } from '../../../../src/domain/liveness/pose.js';

const fixture = (name: string) => readFile(new URL(`../../../fixtures/liveness/${name}`, import.meta.url));

/** The pure liveness checks on the real fixture frames, through the real FrameAnalyzer. */
describe('liveness checks on real frames', () => {
  let analyzer: FrameAnalyzer;
  const face = async (bytes: Uint8Array | Promise<Uint8Array>): Promise<AnalyzedFace> => {
    const { faces } = await analyzer.analyze(await bytes);
    expect(faces).toHaveLength(1);
    return faces[0];
  };

  beforeAll(async () => {
    analyzer = await FrameAnalyzer.load({ maxPixels: 25_000_000 });
  });

  it('accepts the frontal frame, refuses two people and a darkened frame', async () => {
    const frontal = await fixture('headturn_woman_frontal.jpg');
    expect(frameQuality(await analyzer.analyze(frontal)).ok).toBe(true);
    expect(frameQuality(await analyzer.analyze(await fixture('two_people.jpg')))).toEqual({ ok: false, reason: 'multiple_faces' });
    const dark = await sharp(frontal).linear(0.25, 0).jpeg().toBuffer();
    expect(frameQuality(await analyzer.analyze(dark))).toEqual({ ok: false, reason: 'too_dark' });
  });

  it('sees each turn of the woman reached against her frontal pose, and each as a wrong move for the other side', async () => {
    const frontal = (await face(fixture('headturn_woman_frontal.jpg'))).pose;
    const left = (await face(fixture('headturn_woman_turned_left.jpg'))).pose;
    const right = (await face(fixture('headturn_woman_turned_right.jpg'))).pose;
    expect([reached('turn_left', left, frontal), reached('turn_right', right, frontal)]).toEqual([true, true]);
    expect([wrongMove('turn_right', left, frontal), wrongMove('turn_left', right, frontal)]).toEqual([true, true]);
    expect(reached('turn_left', frontal, frontal)).toBe(false);
  });

  it('sees a blink in open, closed, open frames of the man, against his own open level', async () => {
    const open = await face(fixture('blink_man_eyes_open.jpg'));
    const closed = await face(fixture('blink_man_eyes_closed.jpg'));
    const samples = [open, closed, open].map(({ eyeOpenness, pose }, i) => ({ timeMs: 200 * i, ...eyeOpenness, pitch: pose.pitch }));
    expect(hasBlinked(samples, open.eyeOpenness, open.pose.pitch)).toBe(true);
  });

  it('finds the real head turns far from flat, and a printed photo turned in the image flat', async () => {
    const frontal = await face(fixture('headturn_woman_frontal.jpg'));
    const turns = await Promise.all(['turned_left', 'turned_right'].map(async (name) => (await face(fixture(`headturn_woman_${name}.jpg`))).mesh));
    const head = planarity(frontal.mesh, turns);
    expect(head.flat).toBe(false);

    const photo = await fixture('attack_printed_photo.jpg');
    const upright = await face(sharp(photo).rotate().jpeg().toBuffer());
    const tilted = await face(sharp(photo).rotate().rotate(8, { background: '#808080' }).resize(480).jpeg().toBuffer());
    const flat = planarity(upright.mesh, [tilted.mesh]);
    expect(flat.flat).toBe(true);
    expect(flat.residual).toBeLessThan(head.residual / 3);
  });
});
