import { readFile } from 'node:fs/promises';
import { AUTH, photo, type RunningApp, startApp } from './harness.js';

const UNKNOWN_SESSION = '/session/0f8e2a9c-4b7d-4a55-9d1e-6f0c3b2a1e90';

/** The value of one sample line, e.g. `facecheck_http_requests_total{method="GET",...} 3`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp({ MONTH_LIMIT: '8' });
  });
  afterAll(async () => {
    await running.close();
  });

  it('needs the token', async () => {
    const res = await running.http().get('/metrics');

    expect(res.status).toBe(401);
  });

  it('counts requests and their latencies by route pattern and status, compares and liveness frames by outcome, and the engine queue', async () => {
    const created = await running.http().post('/session').set(AUTH).send({ clientRequestToken: 'counted' });
    await running.http().get(`/session/${created.body.SessionId}`).set(AUTH);
    await running.http().get(`/session/${created.body.SessionId}`).set(AUTH);
    await running.http().get(UNKNOWN_SESSION).set(AUTH);
    await running.http().post('/compare').set(AUTH).send({ source: await photo('kit_harington_1.jpg'), target: await photo('kit_harington_2.jpg') });
    const captureToken = new URL(created.body.captureUrl, 'http://service.invalid').hash.split('token=')[1];
    const frame = await readFile(new URL('../fixtures/liveness/headturn_woman_frontal.jpg', import.meta.url));
    await running.http().post(`/session/${created.body.SessionId}/frames`).set('Authorization', `Bearer ${captureToken}`).set('Content-Type', 'image/jpeg').send(frame);

    const res = await running.http().get('/metrics').set(AUTH);

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sample(res.text, 'facecheck_http_requests_total{method="POST",route="/session",status="201"}')).toBe(1);
    expect(sample(res.text, 'facecheck_http_requests_total{method="GET",route="/session/:sessionId",status="200"}')).toBe(2);
    expect(sample(res.text, 'facecheck_http_requests_total{method="GET",route="/session/:sessionId",status="404"}')).toBe(1);
    expect(sample(res.text, 'facecheck_http_requests_total{method="GET",route="/metrics",status="401"}')).toBe(1);
    expect(sample(res.text, 'facecheck_http_request_duration_seconds_count{method="POST",route="/compare",status="200"}')).toBe(1);
    expect(sample(res.text, 'facecheck_http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/session/:sessionId",status="200"}')).toBe(2);
    expect(sample(res.text, 'facecheck_compare_duration_seconds_count{outcome="match"}')).toBe(1);
    expect(sample(res.text, 'facecheck_liveness_frame_duration_seconds_count{outcome="continue"}')).toBe(1);
    expect(sample(res.text, 'facecheck_http_requests_total{method="POST",route="/session/:sessionId/frames",status="200"}')).toBe(1);
    expect(sample(res.text, 'facecheck_face_engine_queue_depth')).toBe(0);
    expect(sample(res.text, 'facecheck_face_engine_model_load_seconds')).toBeGreaterThan(0);
    expect(res.text).toMatch(/^facecheck_process_resident_memory_bytes \d+/m);
    expect(res.text).not.toContain(created.body.SessionId);
  });

  it('does not count scrapes against the monthly quota', async () => {
    const statuses = [];
    for (let i = 0; i < 10; i++) statuses.push((await running.http().get('/metrics').set(AUTH)).status);

    expect(statuses).toEqual(Array(10).fill(200));
  });

  it('keeps the counts of two apps in one process apart', async () => {
    const other = await startApp();
    try {
      await other.http().get(UNKNOWN_SESSION).set(AUTH);
      const mine = await running.http().get('/metrics').set(AUTH);
      const theirs = await other.http().get('/metrics').set(AUTH);

      expect(sample(theirs.text, 'facecheck_http_requests_total{method="GET",route="/session/:sessionId",status="404"}')).toBe(1);
      expect(sample(theirs.text, 'facecheck_http_requests_total{method="POST",route="/session",status="201"}')).toBeUndefined();
      expect(sample(mine.text, 'facecheck_http_requests_total{method="GET",route="/session/:sessionId",status="404"}')).toBe(1);
    } finally {
      await other.close();
    }
  });
});
