/**
 * Sample frames of the synthetic head the liveness tests drive sessions with, to look at: one
 * person frontal, in each pose of POSES, and as a printed photo held flat, tilted and swayed. Prints
 * what human reads on each frame against the frontal ones, and the time per render.
 * Run from the project root: npx tsx bench/render-synthetic-head.ts <out-dir> [photo]
 * (photo: a JPEG or PNG of one face, test/fixtures/faces/rose_leslie_1.jpg by default).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FrameAnalyzer } from '../src/adapters/embedded/liveness/frame-analyzer.js';
import { openLevels } from '../src/domain/liveness/blink.js';
import type { AnalyzedFace } from '../src/domain/liveness/frame-analysis.js';
import { homographyResidual } from '../src/domain/liveness/planarity.js';
import { poseBaseline } from '../src/domain/liveness/pose.js';
import { renderFlatPhoto, type FlatPhotoWarp } from '../test/support/flat-photo.js';
import { POSES, SyntheticHead } from '../test/support/synthetic-head.js';
import { ms, quantile } from './stats.js';

const [outDir, photoPath = 'test/fixtures/faces/rose_leslie_1.jpg'] = process.argv.slice(2);
if (!outDir) {
  console.error('usage: npx tsx bench/render-synthetic-head.ts <out-dir> [photo]');
  process.exit(2);
}

const PRINTS: Record<string, FlatPhotoWarp> = {
  photo_flat: { tiltDeg: 0, swayDeg: 0 },
  photo_swayed: { tiltDeg: 0, swayDeg: 25 },
  photo_tilted_swayed: { tiltDeg: -20, swayDeg: -20, rollDeg: 5 },
};

const analyzer = await FrameAnalyzer.load({ maxPixels: 25_000_000 });
const head = await SyntheticHead.fromPhoto(await readFile(photoPath), analyzer);
await mkdir(outDir, { recursive: true });

const renderTimes: number[] = [];
async function render(name: string, frame: () => Promise<Uint8Array>): Promise<AnalyzedFace | undefined> {
  const start = performance.now();
  const bytes = await frame();
  renderTimes.push(performance.now() - start);
  await writeFile(path.join(outDir, `${name}.jpg`), bytes);
  return (await analyzer.analyze(bytes)).faces[0];
}

const frontal: AnalyzedFace[] = [];
for (let seed = 0; seed < 5; seed++) {
  const face = await render(`frontal_${seed}`, () => head.render(POSES.frontal, seed));
  if (!face) throw new Error(`human finds no face on frontal_${seed}.jpg`);
  frontal.push(face);
}
const baseline = poseBaseline(frontal.map((face) => face.pose))!;
const open = openLevels(frontal.map((face) => face.eyeOpenness));

console.log('frame                 human yaw Δ  pitch Δ   eyes / open (L, R)   residual');
function report(name: string, face: AnalyzedFace | undefined, reference: AnalyzedFace): void {
  if (!face) return void console.log(`${name.padEnd(20)}  no face`);
  const cells = [face.pose.yaw - baseline.yaw, face.pose.pitch - baseline.pitch].map((value) => value.toFixed(1).padStart(9));
  const eyes = [face.eyeOpenness.left / open.left, face.eyeOpenness.right / open.right].map((value) => value.toFixed(2)).join(', ');
  console.log(`${name.padEnd(20)}  ${cells.join('')}   ${eyes.padStart(18)}   ${homographyResidual(reference.mesh, face.mesh).toFixed(3).padStart(8)}`);
}

for (const [step, pose] of Object.entries(POSES)) report(step, await render(step, () => head.render(pose, 100)), frontal[0]);

const print = await head.render(POSES.frontal, 200);
const flat = await render('photo_flat', () => renderFlatPhoto(print, PRINTS.photo_flat, 201));
for (const [name, warp] of Object.entries(PRINTS)) {
  const face = await render(name, () => renderFlatPhoto(print, warp, 202));
  if (flat) report(name, face, flat);
}
console.log(`\n${renderTimes.length} frames in ${outDir}, render p50 ${ms(quantile(renderTimes, 0.5))}, max ${ms(Math.max(...renderTimes))}`);
