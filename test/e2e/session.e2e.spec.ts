import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FixedClock } from '../fakes/fixed-clock.js';
import { type RunningApp, AUTH, photo, startApp } from './harness.js';

const TTL_SECONDS = 60;

describe('/session', () => {
  let running: RunningApp;
  const clock = new FixedClock(new Date());
  const create = (body: object) => running.http().post('/session').set(AUTH).send(body);

  beforeAll(async () => {
    running = await startApp({ SESSION_TTL_SECONDS: String(TTL_SECONDS) }, { clock });
  });
  afterAll(async () => {
    await running.close();
  });

  it('creates a session and reads it back', async () => {
    const created = await create({ clientRequestToken: 'read-back' });

    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      SessionId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      status: 'created',
      expiresAt: expect.any(String),
      captureUrl: expect.stringMatching(/^\/liveness\?session=[0-9a-f-]{36}#token=[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/),
    });
    expect(Date.parse(created.body.expiresAt) - clock.now().getTime()).toBe(TTL_SECONDS * 1000);

    const read = await running.http().get(`/session/${created.body.SessionId}`).set(AUTH);
    expect(read.status).toBe(200);
    expect(read.body).toEqual({
      clientRequestToken: 'read-back',
      status: 'created',
      // The harness runs the movement challenge unless a test asks for the light one.
      challenge: 'movement',
      comparisonResult: null,
      confidence: null,
      reasons: [],
      referenceImage: null,
      auditImages: [],
      createdAt: clock.now().toISOString(),
      expiresAt: created.body.expiresAt,
    });
  });

  it('is idempotent on clientRequestToken, and 409 for the same token with another body', async () => {
    const reference = await photo('kit_harington_1.jpg');
    const first = await create({ clientRequestToken: 'idem', referenceImage: reference });
    const retry = await create({ clientRequestToken: 'idem', referenceImage: reference });
    const conflicting = await create({ clientRequestToken: 'idem' });

    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body.SessionId).toBe(first.body.SessionId);
    expect(conflicting.status).toBe(409);
    expect(conflicting.body).toMatchObject({ statusCode: 409, code: 'IDEMPOTENCY_CONFLICT' });
  });

  it('yields one session for concurrent creates with one token', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => create({ clientRequestToken: 'race' })));

    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
    expect(new Set(answers.map((a) => a.body.SessionId)).size).toBe(1);
  });

  it('reads an unfinished session as expired after its lifetime, and frees its token', async () => {
    const created = await create({ clientRequestToken: 'expiring' });
    clock.advance(TTL_SECONDS * 1000);

    const read = await running.http().get(`/session/${created.body.SessionId}`).set(AUTH);
    const renewed = await create({ clientRequestToken: 'expiring' });

    expect(read.body.status).toBe('expired');
    expect(renewed.status).toBe(201);
    expect(renewed.body.SessionId).not.toBe(created.body.SessionId);
  });

  it('answers 404 for an unknown session and 400 for a malformed id', async () => {
    const unknown = await running.http().get('/session/0f8e2a9c-4b7d-4a55-9d1e-6f0c3b2a1e90').set(AUTH);
    const malformed = await running.http().get('/session/..%2F..%2Fetc%2Fpasswd').set(AUTH);

    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ statusCode: 404, code: 'SESSION_NOT_FOUND' });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
  });

  it('erases a session and its reference image on DELETE: 204, then 404', async () => {
    const created = await create({ clientRequestToken: 'erase-me', referenceImage: await photo('kit_harington_1.jpg') });
    const imageFile = join(running.dataDir, 'images', 'sessions', created.body.SessionId, 'reference.jpeg');
    expect(existsSync(imageFile)).toBe(true);

    const deleted = await running.http().delete(`/session/${created.body.SessionId}`).set(AUTH);
    const read = await running.http().get(`/session/${created.body.SessionId}`).set(AUTH);

    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect(read.status).toBe(404);
    expect(existsSync(imageFile)).toBe(false);
  });

  it('creates a new session for a retry of a deleted session\'s clientRequestToken', async () => {
    const first = await create({ clientRequestToken: 'deleted-then-retried' });
    await running.http().delete(`/session/${first.body.SessionId}`).set(AUTH);

    const retry = await create({ clientRequestToken: 'deleted-then-retried' });

    expect(retry.status).toBe(201);
    expect(retry.body.SessionId).not.toBe(first.body.SessionId);
    expect((await running.http().get(`/session/${retry.body.SessionId}`).set(AUTH)).status).toBe(200);
  });

  it('answers DELETE of an unknown session with 404, of a malformed id with 400, and without a token with 401', async () => {
    const created = await create({ clientRequestToken: 'not-deleted' });

    const unknown = await running.http().delete('/session/0f8e2a9c-4b7d-4a55-9d1e-6f0c3b2a1e90').set(AUTH);
    const malformed = await running.http().delete('/session/not-a-uuid').set(AUTH);
    const anonymous = await running.http().delete(`/session/${created.body.SessionId}`);

    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'SESSION_NOT_FOUND' });
    expect(malformed.status).toBe(400);
    expect(anonymous.status).toBe(401);
    expect((await running.http().get(`/session/${created.body.SessionId}`).set(AUTH)).status).toBe(200);
  });

  it('documents DELETE /session/{sessionId} with its errors in OpenAPI', async () => {
    const openapi = await running.http().get('/openapi.json');

    expect(Object.keys(openapi.body.paths['/session/{sessionId}'].delete.responses)).toEqual(expect.arrayContaining(['204', '400', '401', '404']));
  });

  it.each([
    ['an empty token', { clientRequestToken: '' }],
    ['a token over 64 characters', { clientRequestToken: 'x'.repeat(65) }],
    ['a token with other characters', { clientRequestToken: 'a/b' }],
    ['a missing token', {}],
    ['an unknown field', { clientRequestToken: 'ok', extra: true }],
    ['a referenceImage that is not base64', { clientRequestToken: 'ok', referenceImage: 'not base64!' }],
  ])('answers 400 for %s', async (_name, body) => {
    const res = await create(body);

    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
  });

  it('answers 415 for a referenceImage that is not JPEG or PNG', async () => {
    const res = await create({ clientRequestToken: 'gif', referenceImage: Buffer.from('GIF89a-not-a-photo').toString('base64') });

    expect(res.status).toBe(415);
  });
});
