import { CompareFacesCommand, InternalServerError, RekognitionClient } from '@aws-sdk/client-rekognition';
import { jest } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import type { Response } from 'supertest';
import { FixedClock } from '../fakes/fixed-clock.js';
import { AUTH, photo, startApp, TOKEN } from './harness.js';

interface LogLine {
  readonly level: number;
  readonly msg?: string;
  readonly requestId?: string;
  readonly method?: string;
  readonly route?: string;
  readonly status?: number;
  readonly durationMs?: number;
}

const ERROR_LEVEL = 50;

/** Every kind of request the service answers, with all the log lines they caused, and their responses. */
async function logsOfAFullRun(): Promise<{ raw: string; duringRequests: LogLine[]; all: LogLine[]; responses: Response[] }> {
  const raw: string[] = [];
  const clock = new FixedClock(new Date());
  const running = await startApp({}, { clock, logDestination: { write: (line: string) => void raw.push(line) } });
  const firstRequestLine = raw.length;
  const responses: Response[] = [];
  let lastRequestLine: number;
  try {
    const reference = await photo('kit_harington_1.jpg');
    responses.push(await running.http().post('/compare').set(AUTH).send({ source: reference, target: await photo('kit_harington_2.jpg') }));
    const created = await running.http().post('/session').set(AUTH).send({ clientRequestToken: 'logged', referenceImage: reference });
    responses.push(created);
    responses.push(await running.http().get(`/session/${created.body.SessionId}`).set(AUTH));
    responses.push(await running.http().delete(`/session/${created.body.SessionId}`).set(AUTH));
    responses.push(await running.http().post('/session').set({ Authorization: `Bearer ${TOKEN}x` }).send({ clientRequestToken: 'stranger', referenceImage: reference }));
    responses.push(await running.http().post('/compare').set(AUTH).set('Content-Type', 'application/json').send(`{"source": "${reference}`));
    // An error nobody expected (the clock failing) becomes a 500 and an error line with its stack,
    // thrown after the body was parsed: the request's id must survive the parser's stream events.
    jest.spyOn(clock, 'now').mockImplementationOnce(() => {
      throw new Error('the clock stopped');
    });
    responses.push(await running.http().post('/session').set(AUTH).send({ clientRequestToken: 'unlucky', referenceImage: reference }));
  } finally {
    lastRequestLine = raw.length;
    await running.close();
  }
  const all = raw.map((line) => JSON.parse(line) as LogLine);
  return { raw: raw.join(''), duringRequests: all.slice(firstRequestLine, lastRequestLine), all, responses };
}

describe('logs', () => {
  let run: Awaited<ReturnType<typeof logsOfAFullRun>>;

  beforeAll(async () => {
    run = await logsOfAFullRun();
  });

  it('went through every path the test means to cover', () => {
    expect(run.responses.map((res) => res.status)).toEqual([200, 201, 200, 204, 401, 400, 500]);
  });

  it('never contain the token, the Authorization header, images or other long base64', () => {
    expect(run.raw).not.toContain(TOKEN);
    expect(run.raw).not.toMatch(/authorization/i);
    expect(run.raw).not.toContain('/9j/');
    expect(run.raw).not.toContain('iVBOR');
    expect(run.raw).not.toMatch(/[A-Za-z0-9+/]{64,}/);
  });

  it('write one line per request with method, route pattern, status, duration and the X-Request-Id', () => {
    const requestLines = run.duringRequests.filter((line) => line.route !== undefined);

    const routes = ['POST /compare', 'POST /session', 'GET /session/:sessionId', 'DELETE /session/:sessionId', 'POST /session', 'POST (unmatched)', 'POST /session'];

    expect(requestLines).toHaveLength(run.responses.length);
    run.responses.forEach((res, i) => {
      const [method, route] = routes[i].split(' ');
      expect(requestLines.filter((line) => line.requestId === res.headers['x-request-id'])).toEqual([
        expect.objectContaining({ method, route, status: res.status, durationMs: expect.any(Number) }),
      ]);
    });
  });

  it('give every line written while serving a request that request\'s id, the 500\'s error line included', () => {
    const failed = run.responses.at(-1)!;
    const errorLines = run.duringRequests.filter((line) => line.level >= ERROR_LEVEL);

    expect(run.duringRequests.filter((line) => !line.requestId)).toEqual([]);
    expect(errorLines.map((line) => line.requestId)).toEqual([failed.headers['x-request-id'], failed.headers['x-request-id']]);
    expect(errorLines[0].msg).toMatch(/the clock stopped/);
  });

  it('are JSON with a level and a time on every line, Nest\'s own start-up lines included', () => {
    expect(run.all.length).toBeGreaterThan(run.duringRequests.length);
    for (const line of run.all) expect(line).toEqual(expect.objectContaining({ level: expect.any(Number), time: expect.any(String) }));
  });
});

describe('logs of an adapter that logs inside requests (Rekognition)', () => {
  const rekognition = mockClient(RekognitionClient);

  afterAll(() => rekognition.restore());

  it('carry the id of the request being served', async () => {
    const raw: string[] = [];
    rekognition.on(CompareFacesCommand).rejects(new InternalServerError({ message: 'Rekognition internal detail', $metadata: {} }));
    const running = await startApp({ FACE_PROVIDER: 'rekognition' }, { logDestination: { write: (line: string) => void raw.push(line) } });
    try {
      const reference = await photo('kit_harington_1.jpg');
      const failed = await running.http().post('/compare').set(AUTH).send({ source: reference, target: reference });
      const adapterLines = raw.map((line) => JSON.parse(line) as LogLine & { context?: string }).filter((line) => line.context === 'Rekognition');

      expect(failed.status).toBe(502);
      expect(adapterLines).toEqual([expect.objectContaining({ requestId: failed.headers['x-request-id'], msg: expect.stringMatching(/Rekognition call failed/) })]);
    } finally {
      await running.close();
    }
  });
});
