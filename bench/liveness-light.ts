// The light challenge's part of `npm run bench:liveness`: whole movementAndLight sessions in real
// time against a server of their own, the light step at 10 frames/s (or as fast as answers come)
// with X-Light-Time taken from this process's clock, faces tinted per test/support/light-scenes.ts.
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SeededRandom } from '../test/fakes/seeded-random.js';
import type { CueFlash } from '../test/support/light-screen.js';
import { flatSurface, genuine, REPLAY, type LightScene } from '../test/support/light-scenes.js';
import { followingPose, type Instruction } from '../test/support/liveness-driver.js';
import type { Person, SyntheticFrames } from '../test/support/synthetic-frames.js';
import { tintedFrame } from '../test/support/tinted-frame.js';
import { BenchServer } from './bench-server.js';
import { openSession, prerendered, rate, readSession, reasonsOf, type SessionOutcome } from './liveness-sessions.js';
import { ms, quantile } from './stats.js';

const MOVEMENT_MS = 200;
const LIGHT_MS = 100;

/** Light frames under way at once, as the capture page sends them (src/capture-page/challenge-loop.ts). */
const LIGHT_IN_FLIGHT = 3;

interface LightRun extends SessionOutcome {
  /** Frames sent in the light step and the step's length. */
  readonly lightFrames: number;
  readonly lightSeconds: number;
  /** Round trips of the movement frames, sent one at a time: the server's time for one frame. */
  readonly movementRoundTripsMs: readonly number[];
}

export interface LightBenchOptions {
  /** Genuine subjects (photos of one frontal face); each runs `genuineRuns` sessions. */
  readonly people: readonly string[];
  readonly genuineRuns: number;
  readonly attackRuns: number;
}

interface Answer {
  readonly ok: boolean;
  readonly instruction: Instruction;
  readonly light?: { readonly flashes: CueFlash[]; readonly neutralMs: number };
}

/**
 * One session: the person follows the movement steps one frame at a time, then the light step as
 * `scene` lights it, sent like the page does: a frame every 100 ms, up to three under way, answers
 * read in order, nothing more after a frame taken past the sequence's end.
 */
async function runLightSession(server: BenchServer, person: Person, scene: LightScene, seed: number): Promise<LightRun> {
  const { id, token } = await openSession(server);
  const noise = new SeededRandom(seed);
  const post = async (frame: Uint8Array, lightTimeMs: number | null): Promise<Answer> => {
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, 'Content-Type': 'image/jpeg', ...(lightTimeMs !== null && { 'X-Light-Time': String(lightTimeMs) }) };
    const response = await fetch(`${server.baseUrl}/session/${id}/frames`, { method: 'POST', headers, body: frame });
    return { ok: response.ok, ...((await response.json()) as Omit<Answer, 'ok'>) };
  };
  let [instruction, since]: [Instruction, number] = ['center_face', 0];
  let cue: { flashes: readonly CueFlash[]; neutralMs: number; firstFlashAt: number; endMs: number } | null = null;
  const underWay: Promise<Answer>[] = [];
  const movementRoundTripsMs: number[] = [];
  let [lightStartedAt, lightFrames, pastTheEnd] = [0, 0, false];
  let nextAt = performance.now();
  for (let index = 0; index < 400 && instruction !== 'done'; index++) {
    const lit = cue !== null && instruction === 'light' && !(pastTheEnd && underWay.length > 0);
    if (lit && underWay.length < LIGHT_IN_FLIGHT) {
      await sleep(Math.max(0, nextAt - performance.now()));
      const capturedAt = performance.now();
      nextAt = capturedAt + LIGHT_MS;
      const lightTimeMs = Math.round(capturedAt - cue!.firstFlashAt);
      const rendered = await person.render(followingPose({ instruction, sinceInstruction: since, index }), seed + index);
      underWay.push(post(await tintedFrame(rendered, scene.light(cue!.flashes, lightTimeMs), scene.tint, noise), lightTimeMs));
      [lightFrames, pastTheEnd] = [lightFrames + 1, lightTimeMs >= cue!.endMs];
      continue;
    }
    let answer: Answer;
    if (underWay.length > 0) {
      answer = await underWay.shift()!;
    } else {
      await sleep(Math.max(0, nextAt - performance.now()));
      const capturedAt = performance.now();
      nextAt = capturedAt + MOVEMENT_MS;
      answer = await post(await person.render(followingPose({ instruction, sinceInstruction: since, index }), seed + index), null);
      movementRoundTripsMs.push(performance.now() - capturedAt);
    }
    if (!answer.ok) break;
    if (answer.light && !cue) {
      lightStartedAt = performance.now();
      const endMs = answer.light.flashes.reduce((sum, flash) => sum + flash.durationMs, 0) + answer.light.neutralMs;
      cue = { ...answer.light, firstFlashAt: lightStartedAt + answer.light.neutralMs, endMs };
      nextAt = lightStartedAt;
    }
    since = answer.instruction === instruction ? since + 1 : 0;
    instruction = answer.instruction;
  }
  await Promise.allSettled(underWay);
  const lightSeconds = cue ? (performance.now() - lightStartedAt) / 1000 : 0;
  const session = await readSession(server, id);
  return { status: session.status, reasons: session.reasons, lightFrames, lightSeconds, movementRoundTripsMs };
}

/** Prints the light challenge's figures: its cost per session, APCER of the replay and flat-surface attacks, BPCER. */
export async function lightFigures(frames: SyntheticFrames, { people, genuineRuns, attackRuns }: LightBenchOptions): Promise<void> {
  const server = await BenchServer.start({ WORKER_POOL_SIZE: '2', LIVENESS_CHALLENGE: 'movementAndLight' });
  try {
    const persons = people.map((photo) => prerendered(frames.person(photo)));
    const person = (i: number) => persons[i % persons.length];
    const genuineRunsDone: LightRun[] = [];
    for (let i = 0; i < people.length * genuineRuns; i++) genuineRunsDone.push(await runLightSession(server, person(i), genuine(50 + ((i * 37) % 150)), 11_000 + i * 100));
    const attacks: [string, (i: number) => LightScene][] = [
      ['(g) replay: no tint', () => REPLAY],
      ['(h) flat surface: whole frame tinted', (i) => flatSurface(50 + ((i * 53) % 150))],
    ];
    console.log('\nlight challenge (LIVENESS_CHALLENGE=movementAndLight, its own server)');
    const lit = genuineRunsDone.filter((run) => run.lightFrames > 0);
    // The server judges one session's frames one at a time, so the step's extra server time is its
    // frames times one frame's time, which the movement frames (sent one at a time) measure.
    const frameMs = quantile(lit.flatMap((run) => run.movementRoundTripsMs), 0.5);
    const framesPerSession = quantile(lit.map((run) => run.lightFrames), 0.5);
    console.log(
      `light step: p50 ${quantile(lit.map((run) => run.lightSeconds), 0.5).toFixed(1)} s, ${framesPerSession} frames ` +
        `(${quantile(lit.map((run) => run.lightFrames / run.lightSeconds), 0.5).toFixed(1)} frames/s, up to ${LIGHT_IN_FLIGHT} under way); ` +
        `extra server time per session ≈ ${framesPerSession} × ${ms(frameMs)} (a lone frame's round trip, p50) = ${ms(framesPerSession * frameMs)}`,
    );
    console.log('attack                                 APCER (succeeded)   reasons');
    for (const [name, scene] of attacks) {
      const runs: LightRun[] = [];
      for (let i = 0; i < attackRuns; i++) runs.push(await runLightSession(server, person(i), scene(i), 12_000 + i * 100));
      console.log(`${name.padEnd(38)} ${rate(runs, (run) => run.status === 'succeeded').padEnd(19)} ${reasonsOf(runs)}`);
    }
    console.log(`${`genuine, ${people.length} people × ${genuineRuns}`.padEnd(38)} BPCER ${rate(genuineRunsDone, (run) => run.status !== 'succeeded').padEnd(13)} ${reasonsOf(genuineRunsDone)}`);
    for (const [i, run] of genuineRunsDone.entries()) {
      if (run.status !== 'succeeded') console.log(`  ${path.basename(people[i % people.length])}: ${run.reasons.join(', ')} (${run.lightFrames} light frames)`);
    }
  } finally {
    await server.stop();
  }
}
