import { randomUUID } from 'node:crypto';
import { AUTH, startApp, type RunningApp } from './harness.js';

const RETURN_ORIGIN = 'https://app.example';

/** POST /session, then the capture route with the token from the session's captureUrl. */
async function captureSetupOfNewSession(running: RunningApp, body: Record<string, unknown> = {}) {
  const created = await running.http().post('/session').set(AUTH).send({ clientRequestToken: randomUUID(), ...body });
  expect(created.status).toBe(201);
  const token = new URLSearchParams(new URL(created.body.captureUrl, 'http://service.invalid').hash.slice(1)).get('token');
  return running.http().get(`/session/${created.body.SessionId}/capture`).set('Authorization', `Bearer ${token}`);
}

describe('the capture route with the embedded engine', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp({ RETURN_URL_ORIGINS: RETURN_ORIGIN });
  });
  afterAll(() => running.close());

  it('tells the page to run the embedded challenge, with the returnUrl', async () => {
    const answer = await captureSetupOfNewSession(running, { returnUrl: `${RETURN_ORIGIN}/done` });

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ provider: 'embedded', returnUrl: `${RETURN_ORIGIN}/done` });
  });
});

describe('the capture route with rekognition but STORAGE=fs (no bucket for Rekognition\'s pictures)', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp({ FACE_PROVIDER: 'rekognition', AWS_REGION: 'eu-west-1' });
  });
  afterAll(() => running.close());

  it('answers 503 naming what the server lacks, and sessions are still created', async () => {
    const answer = await captureSetupOfNewSession(running);

    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({ code: 'PROVIDER_LIVENESS_NOT_CONFIGURED', message: expect.stringContaining('STORAGE=s3') });
  });
});
