import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { FixedClock } from '../fakes/fixed-clock.js';
import { SeededRandom } from '../fakes/seeded-random.js';
import type { CueFlash } from '../support/light-screen.js';
import { flatSurface, genuine, lagging, otherSession, reordered, REPLAY, type LightScene } from '../support/light-scenes.js';
import { followingPose, type Instruction } from '../support/liveness-driver.js';
import { SyntheticFrames, type Person } from '../support/synthetic-frames.js';
import { tintedFrame } from '../support/tinted-frame.js';
import { AUTH, startApp, type RunningApp } from './harness.js';

const FACES = new URL('../fixtures/faces/', import.meta.url);
const KIT = 'kit_harington_1.jpg';
/** In front of a near-white wall, much of it clipped (255) even before a flash adds its light. */
const WHITE_WALL = 'alex_lacamoire_1.jpg';
/** One movement step keeps the sessions short: the light step is what these tests are about. */
const LIGHT_ENV = { LIVENESS_CHALLENGE: 'movementAndLight', LIVENESS_STEPS: '1' };
/** The capture page's pace: 5 frames/s for the movements, 10 during the light step. */
const MOVEMENT_MS = 200;
const LIGHT_MS = 100;

interface LightCue {
  readonly flashes: readonly CueFlash[];
  readonly neutralMs: number;
}

/**
 * The light challenge through the real routes and models: a synthetic person follows the movement
 * step, then, once the sequence is revealed, sends frames every 100 ms of X-Light-Time with the
 * face tinted as the scene says. The clock is the test's (100 ms per light frame).
 */
describe('Light challenge end to end', () => {
  const clock = new FixedClock(new Date());
  let running: RunningApp;
  const frames = new SyntheticFrames();
  /** Renders are shared between sessions: a photo's person, a pose and one of 4 variants; the tint's noise tells frames apart. */
  const renders = new Map<string, Promise<Uint8Array>>();
  const render = (photo: string, instruction: Instruction, since: number, index: number) => {
    const pose = followingPose({ instruction, sinceInstruction: since, index });
    const key = `${photo}:${JSON.stringify(pose)}:${index % 4}`;
    const person: Person = frames.person(new URL(photo, FACES).pathname);
    if (!renders.has(key)) renders.set(key, person.render(pose, 1000 + (index % 4)));
    return renders.get(key) as Promise<Uint8Array>;
  };

  beforeAll(async () => {
    running = await startApp(LIGHT_ENV, { clock, random: new SeededRandom(7007) });
  }, 120_000);
  afterAll(() => Promise.all([running.close(), frames.close()]));

  /** One whole session of `scene` by the person on `photo`; with `probe`, a light frame without X-Light-Time is sent first and its answer kept. */
  async function run(scene: LightScene, seed: number, { probe = false, photo = KIT } = {}) {
    const created = await running.http().post('/session').set(AUTH).send({ clientRequestToken: randomUUID() });
    const token = new URLSearchParams(new URL(created.body.captureUrl, 'http://service.invalid').hash.slice(1)).get('token');
    const id: string = created.body.SessionId;
    const noise = new SeededRandom(seed);
    const post = () => running.http().post(`/session/${id}/frames`).set('Authorization', `Bearer ${token}`).set('Content-Type', 'image/jpeg');
    let [instruction, since, lightTimeMs]: [Instruction, number, number] = ['center_face', 0, 0];
    let cue: LightCue | null = null;
    let firstLight: unknown = null;
    let probed: { status: number; body: { message: string } } | null = null;
    for (let index = 0; index < 100 && instruction !== 'done'; index++) {
      clock.advance(cue ? LIGHT_MS : MOVEMENT_MS);
      const rendered = await render(photo, instruction, since, index);
      if (cue && probe && !probed) probed = await post().send(Buffer.from(rendered));
      const frame = cue ? await tintedFrame(rendered, scene.light(cue.flashes, lightTimeMs), scene.tint, noise) : rendered;
      const answer: Response = await (cue ? post().set('X-Light-Time', String(lightTimeMs)) : post()).send(Buffer.from(frame));
      expect(answer.status).toBe(200);
      if (cue) lightTimeMs += LIGHT_MS;
      if (answer.body.light && !cue) [cue, firstLight, lightTimeMs] = [answer.body.light, answer.body, -answer.body.light.neutralMs];
      since = answer.body.instruction === instruction ? since + 1 : 0;
      instruction = answer.body.instruction;
    }
    const result = (await running.http().get(`/session/${id}`).set(AUTH)).body;
    return { result, firstLight, probed };
  }

  it('passes a face that reflects the sequence revealed after the movement step', async () => {
    const { result, firstLight, probed } = await run(genuine(120), 1, { probe: true });

    expect(firstLight).toEqual({
      instruction: 'light',
      progress: 0.5,
      hint: null,
      light: { flashes: expect.arrayContaining([{ colour: expect.stringMatching(/^#[0-9a-f]{6}$/), durationMs: expect.any(Number) }]), neutralMs: 500 },
    });
    expect(probed?.status).toBe(400);
    expect(probed?.body.message).toMatch(/X-Light-Time/);
    expect(result).toMatchObject({ status: 'succeeded', challenge: 'movementAndLight', reasons: [] });
    expect(result.confidence).toBeGreaterThan(0.5);
  }, 30_000);

  it.each([
    ['no tint at all (a replay)', REPLAY, 2],
    ['a tint one flash out of step', lagging(120), 3],
    ['the colours in another order', reordered(90), 4],
    ['the whole frame tinted alike (a flat surface)', flatSurface(150), 5],
    ["a tint following another session's sequence", otherSession(120, 4242), 6],
    ['the whole frame tinted alike in front of a near-white wall that clips (a flat surface)', flatSurface(156), 8, WHITE_WALL],
  ])('fails %s as light_mismatch', async (_name, scene, seed, photo = KIT) => {
    const { result } = await run(scene, seed, { photo });
    expect(result).toMatchObject({ status: 'failed', challenge: 'movementAndLight', confidence: 0 });
    expect(result.reasons).toContain('light_mismatch');
  }, 30_000);
});
