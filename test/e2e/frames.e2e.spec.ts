import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { withDeclaredSize } from '../adapters/embedded/png-header.js';
import { FixedClock } from '../fakes/fixed-clock.js';
import { AUTH, startApp, type RunningApp } from './harness.js';

const FIXTURES = new URL('../fixtures/', import.meta.url);
const RETURN_ORIGIN = 'https://app.example';

/** The session id and capture token a client reads from POST /session's captureUrl. */
function captureOf(body: { SessionId: string; captureUrl: string }): { id: string; token: string } {
  const url = new URL(body.captureUrl, 'http://service.invalid');
  expect(url.pathname).toBe('/liveness');
  expect(url.searchParams.get('session')).toBe(body.SessionId);
  return { id: body.SessionId, token: new URLSearchParams(url.hash.slice(1)).get('token') ?? '' };
}

describe('Liveness capture routes (real engine, real disk)', () => {
  const clock = new FixedClock(new Date());
  let running: RunningApp;
  let face: Buffer;
  let noFace: Buffer;

  beforeAll(async () => {
    running = await startApp({ RETURN_URL_ORIGINS: RETURN_ORIGIN, LIVENESS_MAX_FRAMES: '30', MAX_FRAME_BYTES: '262144' }, { clock });
    [face, noFace] = await Promise.all(['liveness/headturn_woman_frontal.jpg', 'faces/noface_background.jpg'].map((name) => readFile(new URL(name, FIXTURES))));
  });
  afterAll(() => running.close());

  async function newSession(body: Record<string, unknown> = {}): Promise<{ id: string; token: string }> {
    const created = await running.http().post('/session').set(AUTH).send({ clientRequestToken: randomUUID(), ...body });
    expect(created.status).toBe(201);
    return captureOf(created.body);
  }

  function postFrame(id: string, token: string, bytes: Buffer | string, type = 'image/jpeg') {
    clock.advance(200);
    return running.http().post(`/session/${id}/frames`).set('Authorization', `Bearer ${token}`).set('Content-Type', type).send(bytes);
  }

  it('creates sessions with a capture link, and a retry gets the same link', async () => {
    const body = { clientRequestToken: randomUUID() };
    const [first, retry] = [await running.http().post('/session').set(AUTH).send(body), await running.http().post('/session').set(AUTH).send(body)];
    expect(captureOf(first.body).token).toMatch(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);
    expect(retry.body.captureUrl).toBe(first.body.captureUrl);
  });

  it('takes a returnUrl on an allowed origin only', async () => {
    await newSession({ returnUrl: `${RETURN_ORIGIN}/done?x=1` });
    for (const returnUrl of ['https://evil.example/done', 'javascript:alert(1)', 'not a url']) {
      const refused = await running.http().post('/session').set(AUTH).send({ clientRequestToken: randomUUID(), returnUrl });
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe('RETURN_URL_NOT_ALLOWED');
    }
  });

  it('answers a frame with the next instruction and moves the session to processing', async () => {
    const { id, token } = await newSession();
    const answer = await postFrame(id, token, face);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ instruction: 'center_face', progress: 0, hint: null });
    expect((await running.http().get(`/session/${id}`).set(AUTH)).body).toMatchObject({ status: 'processing', reasons: [], referenceImage: null });
  });

  it('says why a frame did not count', async () => {
    const { id, token } = await newSession();
    expect((await postFrame(id, token, noFace)).body).toEqual({ instruction: 'center_face', progress: 0, hint: 'no_face' });
  });

  it('refuses frames without the session\'s own capture token: 401, or 403 for another session\'s', async () => {
    const [a, b] = [await newSession(), await newSession()];
    const noHeader = await running.http().post(`/session/${a.id}/frames`).set('Content-Type', 'image/jpeg').send(face);
    expect(noHeader.status).toBe(401);
    expect((await postFrame(a.id, AUTH.Authorization.slice('Bearer '.length), face)).status).toBe(401);
    expect((await postFrame(a.id, `${a.id}.${'A'.repeat(43)}`, face)).status).toBe(401);
    const crossed = await postFrame(a.id, b.token, face);
    expect(crossed.status).toBe(403);
    expect(crossed.body.code).toBe('CAPTURE_TOKEN_OTHER_SESSION');
  });

  it('does not take a capture token as the API token', async () => {
    const { id, token } = await newSession();
    expect((await running.http().get(`/session/${id}`).set('Authorization', `Bearer ${token}`)).status).toBe(401);
    expect((await running.http().get(`/session/${id}/reference-image`)).status).toBe(401);
  });

  it('refuses frames of a deleted session with 404', async () => {
    const { id, token } = await newSession();
    expect((await running.http().delete(`/session/${id}`).set(AUTH)).status).toBe(204);
    expect((await postFrame(id, token, face)).status).toBe(404);
  });

  it('refuses frames that are not JPEG or PNG, too large, undecodable or declaring too many pixels', async () => {
    const { id, token } = await newSession();
    expect((await postFrame(id, token, 'hello', 'text/plain')).status).toBe(415);
    expect((await postFrame(id, token, Buffer.from('GIF89a....'), 'image/jpeg')).status).toBe(415);
    expect((await postFrame(id, token, Buffer.alloc(300_000, 0xff), 'image/jpeg')).status).toBe(413);
    const truncated = await postFrame(id, token, face.subarray(0, 2000));
    expect(truncated.status).toBe(400);
    expect(truncated.body.code).toBe('INVALID_IMAGE');
    const small = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#000' } }).png().toBuffer();
    expect((await postFrame(id, token, Buffer.from(withDeclaredSize(small, 50_000, 50_000)), 'image/png')).status).toBe(413);
    // None of these counted: the session has not started.
    expect((await running.http().get(`/session/${id}`).set(AUTH)).body.status).toBe('created');
  });

  it('refuses frames closer than 100 ms with 429 and Retry-After, then takes the next one', async () => {
    const { id, token } = await newSession();
    expect((await postFrame(id, token, face)).status).toBe(200);
    clock.advance(-150);
    const tooSoon = await postFrame(id, token, face);
    expect(tooSoon.status).toBe(429);
    expect(tooSoon.headers['retry-after']).toBe('1');
    expect((await postFrame(id, token, face)).status).toBe(200);
  });

  it('ends a session that sends nothing usable as failed, then refuses more frames with 409', async () => {
    const { id, token } = await newSession();
    let answer = await postFrame(id, token, noFace);
    for (let i = 0; i < 30 && answer.body.instruction !== 'done'; i++) answer = await postFrame(id, token, noFace);
    expect(answer.body).toEqual({ instruction: 'done', progress: 1, hint: 'no_face' });
    const session = (await running.http().get(`/session/${id}`).set(AUTH)).body;
    expect(session).toMatchObject({ status: 'failed', confidence: 0, reasons: ['low_quality', 'planar_motion'], referenceImage: null, auditImages: [] });
    const late = await postFrame(id, token, face);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('CHALLENGE_FINISHED');
    expect((await running.http().get(`/session/${id}/reference-image`).set(AUTH)).status).toBe(404);
  });

  it('refuses frames past the cap with 429 and no Retry-After: waiting will not help', async () => {
    const { id, token } = await newSession();
    for (let i = 0; i < 30; i++) expect((await postFrame(id, token, face)).status).toBe(200);
    const over = await postFrame(id, token, face);
    expect(over.status).toBe(429);
    expect(over.body.code).toBe('TOO_MANY_FRAMES');
    expect(over.headers['retry-after']).toBeUndefined();
  });

  it('refuses frames after the capture link expired with 401, and the session reads expired', async () => {
    const { id, token } = await newSession();
    expect((await postFrame(id, token, face)).status).toBe(200);
    clock.advance(300_000);
    const expired = await postFrame(id, token, face);
    expect(expired.status).toBe(401);
    expect(expired.body.message).toMatch(/expired/);
    clock.advance(300_000);
    expect((await running.http().get(`/session/${id}`).set(AUTH)).body.status).toBe('expired');
  });
});
