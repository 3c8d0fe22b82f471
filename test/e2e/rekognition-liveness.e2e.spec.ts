import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { CompareFacesCommand, RekognitionClient } from '@aws-sdk/client-rekognition';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { jest } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import type { RekognitionLivenessProviderOptions } from '../../src/adapters/rekognition/rekognition-liveness-provider.js';
import { CaptureTokens } from '../../src/application/capture-tokens.js';
import { ProviderFailed, ProviderThrottled } from '../../src/domain/domain.errors.js';
import type { LivenessResults } from '../../src/domain/ports/liveness-provider.port.js';
import { type S3TestServer, startS3TestServer } from '../adapters/s3/s3-test-server.js';
import { NOT_STARTED, ScriptedLivenessProvider } from '../fakes/scripted-liveness-provider.js';

/**
 * The app in rekognition mode with STORAGE=s3 on a real S3-compatible server. No AWS account is
 * reachable: the Rekognition liveness adapter that selectAdapters builds is replaced by a scripted
 * provider (its own tests cover it against the SDK), and CompareFaces is answered by a client mock.
 */
const provider = new ScriptedLivenessProvider();
const built: RekognitionLivenessProviderOptions[] = [];
jest.unstable_mockModule('../../src/adapters/rekognition/rekognition-liveness-provider.js', () => ({
  RekognitionLivenessProvider: class {
    constructor(_client: unknown, options: RekognitionLivenessProviderOptions) {
      built.push(options);
      return provider;
    }
  },
}));
const { AUTH, startApp } = await import('./harness.js');

const RETURN_ORIGIN = 'https://app.example';
const CAPTURE_SECRET = 'rekognition-e2e-capture-secret-0123456789';
const POOL = 'eu-west-1:0f8e2a9c-4b7d-4a55-9d1e-6f0c3b2a1e90';
const FIRST_PROVIDER_ID = /^00000000-0000-4000-8000-\d{12}$/;
const box = { Left: 0.25, Top: 0.125, Width: 0.5, Height: 0.625 };
/** What the SDK reads from the environment: s3rver as the S3 endpoint, test credentials, a region. */
const SDK_ENV = ['AWS_ENDPOINT_URL_S3', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION'] as const;

const captureOf = (body: { captureUrl: string }) => new URLSearchParams(new URL(body.captureUrl, 'http://service.invalid').hash.slice(1)).get('token') ?? '';

describe('Rekognition Face Liveness sessions (scripted provider, S3 on s3rver)', () => {
  const rekognition = mockClient(RekognitionClient);
  let s3: S3TestServer;
  let imagesBucket: string;
  let running: Awaited<ReturnType<typeof startApp>>;
  let portrait: Buffer;

  beforeAll(async () => {
    s3 = await startS3TestServer();
    const [images, sessions] = [await s3.newBucket(), await s3.newBucket()];
    imagesBucket = images;
    const endpoint = await s3.client.config.endpoint!();
    Object.assign(process.env, { AWS_ENDPOINT_URL_S3: `http://${endpoint.hostname}:${endpoint.port}`, AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'eu-west-1' });
    rekognition.on(CompareFacesCommand).resolves({ SourceImageFace: { BoundingBox: box, Confidence: 99 }, FaceMatches: [{ Similarity: 93, Face: { BoundingBox: box, Confidence: 99 } }], UnmatchedFaces: [] });
    portrait = await readFile(new URL('../fixtures/faces/kit_harington_1.jpg', import.meta.url));
    running = await startApp({
      FACE_PROVIDER: 'rekognition',
      STORAGE: 's3',
      IMAGES_BUCKET: images,
      SESSIONS_BUCKET: sessions,
      AWS_REGION: 'eu-west-1',
      COGNITO_IDENTITY_POOL_ID: POOL,
      CAPTURE_TOKEN_SECRET: CAPTURE_SECRET,
      RETURN_URL_ORIGINS: RETURN_ORIGIN,
    });
  });
  beforeEach(() => provider.answers(NOT_STARTED));
  afterAll(async () => {
    await running?.close();
    await s3?.close();
    rekognition.restore();
    for (const name of SDK_ENV) delete process.env[name];
  });

  async function newSession(body: Record<string, unknown> = {}): Promise<{ id: string; token: string }> {
    const created = await running.http().post('/session').set(AUTH).send({ clientRequestToken: randomUUID(), ...body });
    expect(created.status).toBe(201);
    return { id: created.body.SessionId, token: captureOf(created.body) };
  }
  const read = (id: string) => running.http().get(`/session/${id}`).set(AUTH);
  const captureSetup = (id: string, token: string) => running.http().get(`/session/${id}/capture`).set('Authorization', `Bearer ${token}`);

  /** Pictures as the provider leaves them: in the images bucket, where the ImageStore reads `key`. */
  async function providerKept(id: string, results: Partial<LivenessResults> = {}): Promise<LivenessResults> {
    const reference = { key: `liveness/${id}/reference.jpg`, boundingBox: { left: 0.25, top: 0.125, width: 0.5, height: 0.625 } };
    const audit = { ...reference, key: `liveness/${id}/audit_images/0.jpg` };
    for (const { key } of [reference, audit]) await s3.client.send(new PutObjectCommand({ Bucket: imagesBucket, Key: `images/${key}`, Body: portrait }));
    return { status: 'succeeded', confidence: 0.98, referenceImage: reference, auditImages: [audit], ...results };
  }

  it('builds the Rekognition provider on the images bucket, inside the ImageStore, with AUDIT_IMAGES', () => {
    expect(built).toEqual([{ imagesBucket, storePrefix: 'images/', keyPrefix: 'liveness/', auditImagesLimit: 2 }]);
  });

  it('opens one provider session per session; a retry gets the same session and provider session', async () => {
    const body = { clientRequestToken: randomUUID() };
    const first = await running.http().post('/session').set(AUTH).send(body);
    const retry = await running.http().post('/session').set(AUTH).send(body);

    const [a, b] = [await captureSetup(first.body.SessionId, captureOf(first.body)), await captureSetup(retry.body.SessionId, captureOf(retry.body))];

    expect(retry.body.SessionId).toBe(first.body.SessionId);
    expect(a.body.livenessSessionId).toMatch(FIRST_PROVIDER_ID);
    expect(b.body.livenessSessionId).toBe(a.body.livenessSessionId);
    // Opened at creation and kept with the session: neither the retry nor the capture page opens another.
    expect(provider.opens.filter((open) => open.sessionId === first.body.SessionId)).toHaveLength(1);
  });

  it('gives the capture page the provider session, region, identity pool and returnUrl', async () => {
    const { id, token } = await newSession({ returnUrl: `${RETURN_ORIGIN}/done` });

    const answer = await captureSetup(id, token);

    expect(answer.status).toBe(200);
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.body).toEqual({ provider: 'rekognition', livenessSessionId: expect.stringMatching(FIRST_PROVIDER_ID), region: 'eu-west-1', identityPoolId: POOL, returnUrl: `${RETURN_ORIGIN}/done` });
  });

  it('refuses the capture route without the session\'s capture token: 401, 403, 404', async () => {
    const { id, token } = await newSession();
    const other = await newSession();
    const unknown = randomUUID();

    expect((await running.http().get(`/session/${id}/capture`)).status).toBe(401);
    expect((await running.http().get(`/session/${id}/capture`).set(AUTH)).body).toMatchObject({ statusCode: 401, code: 'CAPTURE_TOKEN_INVALID' });
    expect((await captureSetup(id, `${token}x`)).status).toBe(401);
    expect((await captureSetup(id, other.token)).body).toMatchObject({ statusCode: 403, code: 'CAPTURE_TOKEN_OTHER_SESSION' });
    expect((await captureSetup(unknown, new CaptureTokens(CAPTURE_SECRET).issue(unknown))).body).toMatchObject({ statusCode: 404, code: 'SESSION_NOT_FOUND' });
  });

  it('reads processing while the capture is under way', async () => {
    const { id } = await newSession();
    provider.answers({ status: 'processing', confidence: null, referenceImage: null, auditImages: [] });

    expect((await read(id)).body).toMatchObject({ status: 'processing', confidence: null, comparisonResult: null });
  });

  it('records a succeeded check with the comparison, serves its pictures, and asks the provider no more', async () => {
    const { id } = await newSession({ referenceImage: portrait.toString('base64') });
    provider.answers(await providerKept(id));
    const asked = provider.asked.length;

    const first = await read(id);
    const again = await read(id);

    expect(first.body).toMatchObject({ status: 'succeeded', confidence: 0.98, comparisonResult: 0.93, reasons: [] });
    expect(first.body.referenceImage.url).toBe(`/session/${id}/reference-image`);
    expect(first.body.auditImages).toHaveLength(1);
    expect(again.body).toEqual(first.body);
    expect(provider.asked.length - asked).toBe(1);
    expect(rekognition.commandCalls(CompareFacesCommand)).toHaveLength(1);
    const picture = await running.http().get(`/session/${id}/reference-image`).set(AUTH).buffer(true);
    expect(picture.status).toBe(200);
    expect(picture.headers['content-type']).toBe('image/jpeg');
    expect(Buffer.compare(picture.body, portrait)).toBe(0);
    expect((await running.http().get(`/session/${id}/audit-images/0`).set(AUTH)).status).toBe(200);
  });

  it('records a failed check as failed, with no pictures to serve', async () => {
    const { id } = await newSession();
    provider.answers(await providerKept(id, { status: 'failed', confidence: 0.12 }));

    expect((await read(id)).body).toMatchObject({ status: 'failed', confidence: 0.12, comparisonResult: null, referenceImage: null, auditImages: [] });
    expect((await running.http().get(`/session/${id}/reference-image`).set(AUTH)).status).toBe(404);
  });

  it('reads expired once the provider session expired', async () => {
    const { id } = await newSession();
    provider.answers({ status: 'expired', confidence: null, referenceImage: null, auditImages: [] });

    expect((await read(id)).body.status).toBe('expired');
    provider.answers(NOT_STARTED);
    expect((await read(id)).body.status).toBe('expired');
  });

  it('answers 429 with Retry-After while the provider throttles, 502 when it fails', async () => {
    const { id } = await newSession();

    provider.answers(new ProviderThrottled(7));
    const throttled = await read(id);
    provider.answers(new ProviderFailed());
    const failed = await read(id);

    expect(throttled.status).toBe(429);
    expect(throttled.headers['retry-after']).toBe('7');
    expect(throttled.body.code).toBe('PROVIDER_THROTTLED');
    expect(failed.status).toBe(502);
    expect(failed.body).toMatchObject({ code: 'PROVIDER_FAILED', requestId: expect.any(String) });
  });
});
