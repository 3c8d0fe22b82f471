/**
 * Per-frame face analysis for liveness (FrameAnalyzer: human's face mesh on the wasm backend) on
 * this machine, one thread: model load time, time per frame over the committed fixture frames,
 * memory, and pose and eye-openness tables over real clips from ../shared/liveness.
 * Run from the project root: npx tsx bench/frame-analysis.ts
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type * as Tf from '@tensorflow/tfjs';
import type { AnalyzedFace } from '../src/domain/liveness/frame-analysis.js';
import { FrameAnalyzer } from '../src/adapters/embedded/liveness/frame-analyzer.js';
import { ms, quantile } from './stats.js';

const FIXTURES = path.resolve('test/fixtures/liveness');
const CLIPS = path.resolve('../shared/liveness');
const HEAD_TURN = 'headturn_woman_left_right.gif';
const BLINKS = 'blinks_man_glasses.mp4';
const PASSES = 10;
const MiB = 1024 * 1024;

const rss = () => `${(process.memoryUsage().rss / MiB).toFixed(0)} MiB`;
const eyes = (face: AnalyzedFace) => (face.eyeOpenness.left + face.eyeOpenness.right) / 2;

function row(label: string, face: AnalyzedFace | undefined): string {
  if (!face) return `${label.padEnd(6)}  no face`;
  const { yaw, pitch, roll } = face.pose;
  const cells = [yaw, pitch, roll].map((angle) => angle.toFixed(1).padStart(6));
  const eye = [face.eyeOpenness.left, face.eyeOpenness.right, eyes(face)].map((value) => value.toFixed(3).padStart(6));
  return `${label.padEnd(6)}${cells.join('')}  ${eye.join('')}`;
}
const HEADER = 'frame    yaw  pitch   roll    eyeL   eyeR  eyes(mean)';

async function benchFixtures(analyzer: FrameAnalyzer): Promise<void> {
  const names = (await readdir(FIXTURES)).filter((name) => name.endsWith('.jpg')).sort();
  const frames = await Promise.all(names.map((name) => readFile(path.join(FIXTURES, name))));
  for (const frame of frames) await analyzer.analyze(frame); // first pass on each size: warm-up
  const byFrame = frames.map(() => [] as number[]);
  for (let pass = 0; pass < PASSES; pass++) {
    for (const [i, frame] of frames.entries()) {
      const start = performance.now();
      await analyzer.analyze(frame);
      byFrame[i].push(performance.now() - start);
    }
  }
  const durations = byFrame.flat();
  console.log(
    `analyze (decode + detect + mesh + iris + anti-spoof + stats), ${frames.length} fixture frames × ${PASSES}: ` +
      `p50 ${ms(quantile(durations, 0.5))}  p95 ${ms(quantile(durations, 0.95))}  max ${ms(Math.max(...durations))}`,
  );
  const sizes = await Promise.all(frames.map((frame) => sharp(frame).metadata()));
  for (const [i, name] of names.entries()) {
    console.log(`  ${name.padEnd(32)} ${sizes[i].width}×${sizes[i].height}  p50 ${ms(quantile(byFrame[i], 0.5))}`);
  }
}

async function gifFrames(file: string): Promise<Buffer[]> {
  const { pages = 1 } = await sharp(file).metadata();
  return Promise.all(Array.from({ length: pages }, (_, page) => sharp(file, { page }).jpeg({ quality: 90 }).toBuffer()));
}

/** Every `step`-th frame of a video as JPEG, through ffmpeg (null when ffmpeg is not installed). */
async function videoFrames(file: string, step: number): Promise<Buffer[] | null> {
  const dir = await mkdtemp(path.join(tmpdir(), 'frames-'));
  try {
    execFileSync('ffmpeg', ['-loglevel', 'error', '-i', file, '-vf', `select=not(mod(n\\,${step}))`, '-vsync', 'vfr', '-q:v', '2', path.join(dir, '%04d.jpg')]);
    const names = (await readdir(dir)).sort();
    return await Promise.all(names.map((name) => readFile(path.join(dir, name))));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function headTurnTable(analyzer: FrameAnalyzer): Promise<void> {
  const file = path.join(CLIPS, HEAD_TURN);
  if (!existsSync(file)) return console.log(`\n${file} is absent: no head-turn table.`);
  console.log(`\n${HEAD_TURN}, every frame (yaw > 0: head turned to the subject's own right, image left)\n${HEADER}`);
  const frames = await gifFrames(file);
  for (const [i, frame] of frames.entries()) console.log(row(String(i), (await analyzer.analyze(frame)).faces[0]));
}

async function blinkTable(analyzer: FrameAnalyzer): Promise<void> {
  const file = path.join(CLIPS, BLINKS);
  if (!existsSync(file)) return console.log(`\n${file} is absent: no blink table.`);
  const step = 2;
  const frames = await videoFrames(file, step);
  if (!frames) return console.log(`\nffmpeg is not installed (apt-get install ffmpeg): no blink table for ${BLINKS}.`);
  const faces = [];
  for (const frame of frames) faces.push((await analyzer.analyze(frame)).faces[0]);
  const shown = 30;
  console.log(`\n${BLINKS}, every ${step}nd frame of 30 fps, first ${shown} shown\n${HEADER}`);
  for (const [i, face] of faces.slice(0, shown).entries()) console.log(row(String(i * step), face));
  const levels = faces.filter((face) => face !== undefined).map(eyes);
  const open = quantile(levels, 0.5);
  // A blink: a run of frames under 60 % of the clip's median (open) level; report its deepest frame.
  const troughs: number[] = [];
  let current: number | null = null;
  for (const level of [...levels, Infinity]) {
    if (level < 0.6 * open) current = Math.min(current ?? Infinity, level);
    else if (current !== null) {
      troughs.push(current);
      current = null;
    }
  }
  console.log(
    `whole clip: ${levels.length}/${faces.length} frames with a face; mean eye openness median ${open.toFixed(3)}, ` +
      `p10 ${quantile(levels, 0.1).toFixed(3)}, min ${Math.min(...levels).toFixed(3)}; ${troughs.length} blinks under 0.6 × median, ` +
      `deepest frames ${troughs.map((value) => value.toFixed(2)).join(' ')}`,
  );
}

console.log(`node ${process.version}, one thread (tfjs wasm, SIMD, single-threaded)`);
const rssBefore = rss();
const loadStart = performance.now();
const analyzer = await FrameAnalyzer.load({ maxPixels: 25_000_000 });
console.log(`model load (human: BlazeFace, mesh, iris, anti-spoof, liveness; warm-up included): ${ms(performance.now() - loadStart)}`);
const tf = createRequire(import.meta.url)('@tensorflow/tfjs-core') as typeof Tf;
console.log(`memory: RSS ${rssBefore} before load, ${rss()} after; tensors ${tf.memory().numTensors}, ${(tf.memory().numBytes / MiB).toFixed(1)} MiB`);
await benchFixtures(analyzer);
console.log(`memory after the runs: RSS ${rss()}; tensors ${tf.memory().numTensors}`);
await headTurnTable(analyzer);
await blinkTable(analyzer);
