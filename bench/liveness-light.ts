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
import { ms, quantile } from './stats.js';

const MOVEMENT_MS = 200;
const LIGHT_MS = 100;

interface LightRun {
  readonly status: string;
  readonly reasons: readonly string[];
  /** Frames sent in the light step, the server's time answering them (sum of round trips), and the step's length. */
  readonly lightFrames: number;
  readonly lightServerMs: number;
  readonly lightSeconds: number;
}

export interface LightBenchOptions {
  /** Genuine subjects (photos of one frontal face); each runs `genuineRuns` sessions. */
  readonly people: readonly string[];
  readonly genuineRuns: number;
  readonly attackRuns: number;
}

/** One person's renders cached per pose and noise variant: the client's renderer should not compete with the server. */
function cached(person: Person): Person {
  const renders = new Map<string, Promise<Uint8Array>>();
  return {
    render(pose, seed) {
      const key = `${JSON.stringify(pose)}/${seed % 4}`;
      if (!renders.has(key)) renders.set(key, person.render(pose, seed % 4));
      return renders.get(key)!;
    },
  };
}

/** One session: the person follows the movement steps, then the light step as `scene` lights it. */
async function runLightSession(server: BenchServer, person: Person, scene: LightScene, seed: number): Promise<LightRun> {
  const created = await server.post('/session', { clientRequestToken: crypto.randomUUID() });
  const id: string = created.body.SessionId;
  const token = new URLSearchParams(new URL(created.body.captureUrl, server.baseUrl).hash.slice(1)).get('token');
  const noise = new SeededRandom(seed);
  let [instruction, since]: [Instruction, number] = ['center_face', 0];
  let cue: { flashes: readonly CueFlash[]; neutralMs: number } | null = null;
  let [firstFlashAt, lightStartedAt, lightFrames, lightServerMs] = [0, 0, 0, 0];
  let nextAt = performance.now();
  for (let index = 0; index < 300 && instruction !== 'done'; index++) {
    await sleep(Math.max(0, nextAt - performance.now()));
    const capturedAt = performance.now();
    nextAt = capturedAt + (cue ? LIGHT_MS : MOVEMENT_MS);
    const rendered = await person.render(followingPose({ instruction, sinceInstruction: since, index }), seed + index);
    const lightTimeMs = Math.round(capturedAt - firstFlashAt);
    const frame = cue ? await tintedFrame(rendered, scene.light(cue.flashes, lightTimeMs), scene.tint, noise) : rendered;
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, 'Content-Type': 'image/jpeg', ...(cue && { 'X-Light-Time': String(lightTimeMs) }) };
    const sent = performance.now();
    const response = await fetch(`${server.baseUrl}/session/${id}/frames`, { method: 'POST', headers, body: frame });
    const answer = (await response.json()) as { instruction: Instruction; light?: { flashes: CueFlash[]; neutralMs: number } };
    if (cue) [lightFrames, lightServerMs] = [lightFrames + 1, lightServerMs + performance.now() - sent];
    if (!response.ok) break;
    if (answer.light && !cue) {
      cue = answer.light;
      lightStartedAt = performance.now();
      firstFlashAt = lightStartedAt + cue.neutralMs;
    }
    since = answer.instruction === instruction ? since + 1 : 0;
    instruction = answer.instruction;
  }
  const lightSeconds = cue ? (performance.now() - lightStartedAt) / 1000 : 0;
  const session = (await (await fetch(`${server.baseUrl}/session/${id}`, { headers: { Authorization: `Bearer ${server.token}` } })).json()) as LightRun;
  return { status: session.status, reasons: session.reasons, lightFrames, lightServerMs, lightSeconds };
}

function rate(runs: readonly LightRun[], counted: (run: LightRun) => boolean): string {
  const count = runs.filter(counted).length;
  return `${count}/${runs.length} = ${((100 * count) / runs.length).toFixed(1)} %`;
}

function reasonsOf(runs: readonly LightRun[]): string {
  const counts = new Map<string, number>();
  for (const run of runs) for (const reason of run.status === 'failed' ? run.reasons : [run.status]) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  return [...counts].map(([reason, count]) => `${reason} ${count}`).join(', ');
}

/** Prints the light challenge's figures: its cost per session, APCER of the replay and flat-surface attacks, BPCER. */
export async function lightFigures(frames: SyntheticFrames, { people, genuineRuns, attackRuns }: LightBenchOptions): Promise<void> {
  const server = await BenchServer.start({ WORKER_POOL_SIZE: '2', LIVENESS_CHALLENGE: 'movementAndLight' });
  try {
    const persons = people.map((photo) => cached(frames.person(photo)));
    const person = (i: number) => persons[i % persons.length];
    const genuineRunsDone: LightRun[] = [];
    for (let i = 0; i < people.length * genuineRuns; i++) genuineRunsDone.push(await runLightSession(server, person(i), genuine(50 + ((i * 37) % 150)), 11_000 + i * 100));
    const attacks: [string, (i: number) => LightScene][] = [
      ['(g) replay: no tint', () => REPLAY],
      ['(h) flat surface: whole frame tinted', (i) => flatSurface(50 + ((i * 53) % 150))],
    ];
    console.log('\nlight challenge (LIVENESS_CHALLENGE=movementAndLight, its own server)');
    const lit = genuineRunsDone.filter((run) => run.lightFrames > 0);
    console.log(
      `light step: p50 ${quantile(lit.map((run) => run.lightSeconds), 0.5).toFixed(1)} s, ${quantile(lit.map((run) => run.lightFrames), 0.5)} frames, ` +
        `server time ${ms(quantile(lit.map((run) => run.lightServerMs), 0.5))} p50 / ${ms(quantile(lit.map((run) => run.lightServerMs), 0.95))} p95 per session (sum of its frames' round trips)`,
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
