import { AUTH, type RunningApp, startApp } from './harness.js';

const UNKNOWN_ID = '/session/0f8e2a9c-4b7d-4a55-9d1e-6f0c3b2a1e90';

describe('access control', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp();
  });
  afterAll(async () => {
    await running.close();
  });

  it.each([
    ['no Authorization header', {}],
    ['a wrong token', { Authorization: 'Bearer wrong-token' }],
    ['another scheme', { Authorization: `Basic ${AUTH.Authorization.slice(7)}` }],
  ])('answers 401 with a JSON body for %s', async (_name, headers) => {
    const res = await running.http().get(UNKNOWN_ID).set(headers);

    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized', requestId: expect.any(String) });
    expect(res.headers['x-request-id']).toBe(res.body.requestId);
  });

  it('serves health, Swagger UI and the OpenAPI document without a token', async () => {
    const health = await running.http().get('/health');
    const docs = await running.http().get('/docs');
    const openapi = await running.http().get('/openapi.json');

    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok' });
    expect(docs.status).toBe(200);
    expect(docs.text).toMatch(/swagger/i);
    expect(openapi.status).toBe(200);
    expect(Object.keys(openapi.body.paths)).toEqual(expect.arrayContaining(['/session', '/session/{sessionId}', '/compare', '/health']));
    expect(Object.keys(openapi.body.paths['/compare'].post.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '413', '415', '422', '429']));
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After past the burst limit', async () => {
    const running = await startApp({ RATE_LIMIT: '1', BURST_LIMIT: '2' });
    try {
      const statuses: number[] = [];
      let retryAfter: string | undefined;
      for (let i = 0; i < 4; i++) {
        const res = await running.http().get(UNKNOWN_ID).set(AUTH);
        statuses.push(res.status);
        retryAfter ??= res.headers['retry-after'];
      }
      expect(statuses).toEqual([404, 404, 429, 429]);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    } finally {
      await running.close();
    }
  });

  it('throttles unauthenticated floods as well', async () => {
    const running = await startApp({ RATE_LIMIT: '1', BURST_LIMIT: '2' });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await running.http().get(UNKNOWN_ID)).status);
      expect(statuses).toEqual([401, 401, 429]);
    } finally {
      await running.close();
    }
  });

  it('does not count refused calls against the monthly quota', async () => {
    const running = await startApp({ MONTH_LIMIT: '1' });
    try {
      const refused = await running.http().get(UNKNOWN_ID).set({ Authorization: 'Bearer wrong-token' });
      const first = await running.http().get(UNKNOWN_ID).set(AUTH);
      const second = await running.http().get(UNKNOWN_ID).set(AUTH);

      expect([refused.status, first.status, second.status]).toEqual([401, 404, 429]);
    } finally {
      await running.close();
    }
  });

  it('keeps the monthly quota across a restart', async () => {
    const first = await startApp({ MONTH_LIMIT: '2' });
    expect((await first.http().get(UNKNOWN_ID).set(AUTH)).status).toBe(404);
    expect((await first.http().get(UNKNOWN_ID).set(AUTH)).status).toBe(404);
    const over = await first.http().get(UNKNOWN_ID).set(AUTH);
    await first.close({ keepData: true });

    const restarted = await startApp({ MONTH_LIMIT: '2' }, { dataDir: first.dataDir });
    try {
      const afterRestart = await restarted.http().get(UNKNOWN_ID).set(AUTH);
      expect(over.status).toBe(429);
      expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
      expect(afterRestart.status).toBe(429);
      expect(afterRestart.body.message).toMatch(/monthly quota/);
    } finally {
      await restarted.close();
    }
  });
});
