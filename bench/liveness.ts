// `npm run bench:liveness`: whole liveness sessions against the built server in a child process,
// in real time (frames every 200 ms, as the capture page sends them), with synthetic subjects:
// people textured onto their face mesh and turned as the server asks, and the attacks of issue 6;
// then the light challenge of issue 7 on a server of its own (liveness-light.ts). With
// `--light-only` (`npm run bench:liveness -- --light-only`), the light challenge's part alone.
import { readdir } from 'node:fs/promises';
import { availableParallelism, cpus } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  driveSession,
  follower,
  recording,
  stillPhoto,
  swayedPhoto,
  switchingFollower,
  wrongWayFollower,
  type FrameAnswer,
  type Subject,
} from '../test/support/liveness-driver.js';
import { SyntheticFrames } from '../test/support/synthetic-frames.js';
import { BenchServer } from './bench-server.js';
import { FACE_SET_DIR, loadPairsOrExit } from './face-set.js';
import { lightFigures } from './liveness-light.js';
import { openSession, prerendered, rate, readSession, reasonsOf, type SessionOutcome } from './liveness-sessions.js';
import { ms, quantile } from './stats.js';

const FRAME_INTERVAL_MS = 200;
/** Short, so abandoned sessions expire within the run; the capture link lives as long (its minimum). */
const SESSION_TTL_SECONDS = 30;
const ATTACK_RUNS = 5;

interface SessionRun extends SessionOutcome {
  readonly id: string;
  readonly frameMs: readonly number[];
  /** Round trip of the frame whose answer was `done`: the verdict is stored when it returns. */
  readonly verdictMs: number | null;
  readonly frames: number;
  readonly seconds: number;
}

/** One session at the page's pace: each frame leaves 200 ms after the previous one, or when its answer came if later. */
async function runSession(server: BenchServer, subject: Subject, maxFrames?: number): Promise<SessionRun> {
  const { id, token } = await openSession(server);
  const frameMs: number[] = [];
  let verdictMs: number | null = null;
  let nextAt = performance.now();
  const started = nextAt;
  const send = async (frame: Uint8Array): Promise<FrameAnswer | null> => {
    await sleep(Math.max(0, nextAt - performance.now()));
    const sent = performance.now();
    nextAt = sent + FRAME_INTERVAL_MS;
    const response = await fetch(`${server.baseUrl}/session/${id}/frames`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'image/jpeg' },
      body: frame,
    });
    const answer = (await response.json()) as FrameAnswer;
    frameMs.push(performance.now() - sent);
    if (answer.instruction === 'done') verdictMs = frameMs.at(-1)!;
    return response.ok ? answer : null;
  };
  const { answers } = await driveSession(send, subject, maxFrames);
  const seconds = (performance.now() - started) / 1000;
  const session = await readSession(server, id);
  return { id, status: session.status, reasons: session.reasons, frameMs, verdictMs, frames: answers.length, seconds };
}

/** The five people whose synthetic heads test/adapters/embedded/liveness/synthetic-head.spec.ts validates pose by pose. */
const VALIDATED = ['kit_harington_1.jpg', 'rose_leslie_1.jpg', 'alex_lacamoire_1.jpg', 'celeste_1.jpg', 'tetiana_1.jpg'].map((name) =>
  path.resolve('test/fixtures/faces', name),
);
const VALIDATED_RUNS = 3;
const LIGHT_RUNS = { people: VALIDATED, genuineRuns: 2, attackRuns: ATTACK_RUNS } as const;

/** One photo per person of the face set, roughly frontal and alone: the genuine subjects. */
async function people(): Promise<string[]> {
  const files = (await readdir(FACE_SET_DIR)).filter((name) => /^[a-z_]+_1\.(jpg|png)$/.test(name) && !/^(multi|noface|edge)_|_partial_/.test(name));
  return files.sort().map((name) => path.join(FACE_SET_DIR, name));
}

/** `count` sessions, `concurrency` at a time. */
async function runMany(count: number, concurrency: number, start: (index: number) => Promise<SessionRun>): Promise<SessionRun[]> {
  const runs: SessionRun[] = [];
  let next = 0;
  const lane = async () => {
    while (next < count) runs.push(await start(next++));
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return runs;
}

function printMachine(): void {
  console.log(`machine: ${availableParallelism()} cores (${cpus()[0]?.model.trim()}), Node ${process.version}; server WORKER_POOL_SIZE 2, client renders on 1 thread`);
}

/** The light challenge's figures alone: they need neither the face set nor the movement server. */
async function lightOnly(): Promise<void> {
  printMachine();
  const frames = new SyntheticFrames();
  try {
    await lightFigures(frames, LIGHT_RUNS);
  } finally {
    await frames.close();
  }
}

async function main(): Promise<void> {
  await loadPairsOrExit();
  const photos = await people();
  printMachine();
  const frames = new SyntheticFrames();
  const server = await BenchServer.start({
    WORKER_POOL_SIZE: '2',
    SESSION_TTL_SECONDS: String(SESSION_TTL_SECONDS),
    CAPTURE_TOKEN_TTL_SECONDS: '30',
    LIVENESS_CHALLENGE: 'movement',
  });
  try {
    const person = (i: number) => frames.person(photos[i % photos.length]);
    // Abandoned sessions first, so their lifetime runs out while the rest is measured.
    const abandonedFrom = performance.now();
    const abandoned = await runMany(ATTACK_RUNS, ATTACK_RUNS, (i) => runSession(server, follower(person(i), 900 + i * 100), 6));

    const genuine = await runMany(photos.length, 1, (i) => runSession(server, follower(person(i), i * 100)));
    const validated = await runMany(VALIDATED.length * VALIDATED_RUNS, 1, (i) =>
      runSession(server, follower(frames.person(VALIDATED[i % VALIDATED.length]), 8000 + i * 100)),
    );
    const frameMs = genuine.flatMap((run) => run.frameMs);
    const verdictMs = genuine.flatMap((run) => (run.verdictMs === null ? [] : [run.verdictMs]));
    console.log(`people: ${photos.length} (one photo each from the face set), one session each, one at a time`);
    console.log(`frame round trip  n=${frameMs.length}  p50 ${ms(quantile(frameMs, 0.5))}  p95 ${ms(quantile(frameMs, 0.95))}  (loopback HTTP, analysis on a worker, checks, storage)`);
    console.log(`last frame → verdict  n=${verdictMs.length}  p50 ${ms(quantile(verdictMs, 0.5))}  p95 ${ms(quantile(verdictMs, 0.95))}  max ${ms(Math.max(...verdictMs))}`);
    const durations = genuine.map((run) => run.seconds);
    console.log(`genuine session: p50 ${quantile(durations, 0.5).toFixed(1)} s, ${quantile(genuine.map((run) => run.frames), 0.5)} frames`);

    const attacks: [string, (i: number) => Subject][] = [
      ['(a) still photo', (i) => stillPhoto(frames.print(photos[i % photos.length]), 2000 + i * 100)],
      ['(b) photo tilted and swayed along', (i) => swayedPhoto(frames.print(photos[i % photos.length]), 30, 3000 + i * 100)],
      ['(c) person A, then person B', (i) => switchingFollower(person(i), person(i + 1), 9, 4000 + i * 100)],
      ['(d) recording, fixed order and pace', (i) => recording(person(i), ['turn_left', 'turn_right', 'look_up'], 5000 + i * 100)],
      ['(e) moves the wrong way', (i) => wrongWayFollower(person(i), 6000 + i * 100)],
    ];
    console.log('\nattack                                 APCER (succeeded)   reasons');
    for (const [name, subject] of attacks) {
      const runs = await runMany(ATTACK_RUNS, 2, (i) => runSession(server, subject(i)));
      console.log(`${name.padEnd(38)} ${rate(runs, (run) => run.status === 'succeeded').padEnd(19)} ${reasonsOf(runs)}`);
    }
    await sleep(Math.max(0, abandonedFrom + (SESSION_TTL_SECONDS + 1) * 1000 - performance.now()));
    const expired = await Promise.all(abandoned.map(async (run) => ({ ...run, ...(await readSession(server, run.id)) })));
    console.log(`${'(f) left after 6 frames'.padEnd(38)} ${rate(expired, (run) => run.status === 'succeeded').padEnd(19)} ${reasonsOf(expired)} (read after the lifetime)`);
    console.log(`\ngenuine                                BPCER (not succeeded)`);
    console.log(`${`validated heads, ${VALIDATED.length} people × ${VALIDATED_RUNS}`.padEnd(38)} ${rate(validated, (run) => run.status !== 'succeeded').padEnd(19)} ${reasonsOf(validated)}`);
    console.log(`${`face set, ${photos.length} people × 1`.padEnd(38)} ${rate(genuine, (run) => run.status !== 'succeeded').padEnd(19)} ${reasonsOf(genuine)}`);
    for (const [i, run] of genuine.entries()) if (run.status !== 'succeeded') console.log(`  ${path.basename(photos[i])}: ${run.reasons.join(', ')}`);

    console.log('\nconcurrent genuine sessions at 5 frames/s (frames rendered beforehand)');
    const cached = VALIDATED.map((photo) => prerendered(frames.person(photo)));
    // Warm the cache with one session per person, unmeasured.
    await runMany(cached.length, 1, (i) => runSession(server, follower(cached[i], 7000)));
    for (const concurrency of [1, 2, 3, 4]) {
      const runs = await runMany(concurrency, concurrency, (i) => runSession(server, follower(cached[i % cached.length], 7000 + i)));
      const all = runs.flatMap((run) => run.frameMs);
      const fps = runs.map((run) => run.frames / run.seconds);
      console.log(
        `  ${concurrency} at once: ${Math.min(...fps).toFixed(1)}–${Math.max(...fps).toFixed(1)} frames/s each, frame p50 ${ms(quantile(all, 0.5))} p95 ${ms(quantile(all, 0.95))}, ${reasonsOf(runs)}`,
      );
    }
    console.log(`server peak RSS: ${(await server.peakRssMiB()).toFixed(0)} MiB`);
    // The movement server idles meanwhile: the light figures run on a server of their own.
    await lightFigures(frames, LIGHT_RUNS);
  } finally {
    await Promise.all([server.stop(), frames.close()]);
  }
}

(process.argv.includes('--light-only') ? lightOnly() : main()).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
