import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { FixedClock } from '../fakes/fixed-clock.js';
import { SeededRandom } from '../fakes/seeded-random.js';
import { driveSession, follower, recording, stillPhoto, swayedPhoto, switchingFollower, wrongWayFollower, type FrameAnswer, type Subject } from '../support/liveness-driver.js';
import { SyntheticFrames, type Person, type Print } from '../support/synthetic-frames.js';
import { AUTH, startApp, type RunningApp } from './harness.js';

const FACES = new URL('../fixtures/faces/', import.meta.url);
/** Frames 200 ms apart on the server's clock: the capture page's 5 frames per second. */
const FRAME_INTERVAL_MS = 200;

/**
 * Whole liveness sessions through the real routes and models, with synthetic subjects (textured
 * head meshes, flat photos) driven by the server's answers. The clock is the test's, so a session
 * takes the time of its frames' analysis, not of the user's pace.
 */
describe('Liveness sessions end to end', () => {
  const clock = new FixedClock(new Date());
  const random = new SeededRandom(2026);
  let running: RunningApp;
  const frames = new SyntheticFrames();
  const kit: Person = frames.person(new URL('kit_harington_1.jpg', FACES).pathname);
  const rose: Person = frames.person(new URL('rose_leslie_1.jpg', FACES).pathname);
  const kitPrint: Print = frames.print(new URL('kit_harington_1.jpg', FACES).pathname);
  let kitPhoto: Buffer;

  beforeAll(async () => {
    running = await startApp({}, { clock, random });
    kitPhoto = await readFile(new URL('kit_harington_1.jpg', FACES));
  }, 120_000);
  afterAll(() => Promise.all([running.close(), frames.close()]));

  async function session(body: Record<string, unknown> = {}) {
    const created = await running.http().post('/session').set(AUTH).send({ clientRequestToken: randomUUID(), ...body });
    expect(created.status).toBe(201);
    const url = new URL(created.body.captureUrl, 'http://service.invalid');
    const token = new URLSearchParams(url.hash.slice(1)).get('token');
    const id: string = created.body.SessionId;
    const send = async (frame: Uint8Array): Promise<FrameAnswer | null> => {
      clock.advance(FRAME_INTERVAL_MS);
      const answer = await running.http().post(`/session/${id}/frames`).set('Authorization', `Bearer ${token}`).set('Content-Type', 'image/jpeg').send(Buffer.from(frame));
      return answer.status === 200 ? answer.body : null;
    };
    const read = async () => (await running.http().get(`/session/${id}`).set(AUTH)).body;
    return { id, send, read };
  }

  async function run(subject: Subject, body: Record<string, unknown> = {}) {
    const { id, send, read } = await session(body);
    const driven = await driveSession(send, subject);
    return { id, ...driven, result: await read() };
  }

  it('passes a person who follows the instructions, keeps their face, and compares it with the reference image', async () => {
    const { id, instructions, result } = await run(follower(kit, 1), { referenceImage: kitPhoto.toString('base64') });

    expect(instructions).toContain('done');
    expect(result).toMatchObject({ status: 'succeeded', reasons: [] });
    expect(result.confidence).toBeGreaterThan(0.5);
    expect(result.comparisonResult).toBeGreaterThanOrEqual(0.5);
    expect(result.referenceImage.url).toBe(`/session/${id}/reference-image`);
    expect(result.auditImages.length).toBeGreaterThan(0);
    const picture = await running.http().get(result.referenceImage.url).set(AUTH);
    expect(picture.status).toBe(200);
    expect(picture.headers['content-type']).toBe('image/jpeg');
    expect(picture.headers['cache-control']).toBe('no-store');
  });

  it('reports a low comparisonResult when the live person is not the one on the reference image', async () => {
    const { result } = await run(follower(rose, 2), { referenceImage: kitPhoto.toString('base64') });
    expect(result.status).toBe('succeeded');
    expect(result.comparisonResult).toBeLessThan(0.5);
  });

  it('fails a still photo', async () => {
    const { result } = await run(stillPhoto(kitPrint, 3));
    expect(result.status).toBe('failed');
    expect(result.reasons).toContain('too_slow');
    expect(result.referenceImage).toBeNull();
  });

  it('fails a photo tilted and swayed to play along as planar_motion or too_slow', async () => {
    const { result } = await run(swayedPhoto(kitPrint, 30, 4));
    expect(result.status).toBe('failed');
    expect(result.reasons.some((reason: string) => reason === 'planar_motion' || reason === 'too_slow')).toBe(true);
  });

  it('fails when another person takes over after the first step', async () => {
    const { result } = await run(switchingFollower(kit, rose, 9, 5));
    expect(result.status).toBe('failed');
    expect(result.reasons).toContain('face_changed');
  });

  it('fails a recording that does not follow the instructions', async () => {
    const { result } = await run(recording(kit, ['turn_left', 'turn_right', 'look_up'], 6));
    expect(result.status).toBe('failed');
    expect(result.reasons.some((reason: string) => reason === 'wrong_move' || reason === 'too_slow' || reason === 'too_early')).toBe(true);
  });

  it('fails a person who turns the wrong way', async () => {
    const { result } = await run(wrongWayFollower(kit, 7));
    expect(result.status).toBe('failed');
    expect(result.reasons).toContain('wrong_move');
  });

  it('reads expired when the user leaves before the end', async () => {
    const { send, read } = await session();
    await driveSession(send, follower(kit, 8), 6);
    expect((await read()).status).toBe('processing');
    clock.advance(600_000);
    expect((await read()).status).toBe('expired');
  });
});
