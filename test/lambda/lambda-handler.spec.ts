import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CompareFacesCommand, RekognitionClient } from '@aws-sdk/client-rekognition';
import { mockClient } from 'aws-sdk-client-mock';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { apiGatewayEvent, lambdaContext } from './api-gateway-event.js';

const TOKEN = 'lambda-token-0123456789abcdefghijklmnopqrstuvwxyz';
const AUTH = { Authorization: `Bearer ${TOKEN}` };
const FACES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'faces');
const box = { Left: 0.2, Top: 0.1, Width: 0.3, Height: 0.4 };

describe('Lambda handler (API Gateway REST proxy events, Rekognition engine)', () => {
  const rekognition = mockClient(RekognitionClient);
  let dataDir: string;
  let handler: typeof import('../../src/lambda.js').handler;
  let photo: string;

  const invoke = async (...args: Parameters<typeof apiGatewayEvent>): Promise<APIGatewayProxyResult & { json: any }> => {
    const result = await handler(apiGatewayEvent(...args), lambdaContext);
    const text = result.isBase64Encoded ? Buffer.from(result.body, 'base64').toString('utf8') : result.body;
    return { ...result, json: text ? JSON.parse(text) : undefined };
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'facecheck-lambda-'));
    Object.assign(process.env, { ENVIRONMENT: 'production', API_TOKEN: TOKEN, FACE_PROVIDER: 'rekognition', STORAGE: 'fs', DATA_DIR: dataDir, AWS_REGION: 'eu-west-1', LOG_LEVEL: 'silent' });
    rekognition.on(CompareFacesCommand).resolves({
      SourceImageFace: { BoundingBox: box, Confidence: 99.5 },
      FaceMatches: [{ Similarity: 97.25, Face: { BoundingBox: box, Confidence: 99.9 } }],
      UnmatchedFaces: [],
    });
    photo = (await readFile(join(FACES, 'kit_harington_1.jpg'))).toString('base64');
    ({ handler } = await import('../../src/lambda.js'));
  });
  afterAll(async () => {
    rekognition.restore();
    for (const key of ['ENVIRONMENT', 'API_TOKEN', 'FACE_PROVIDER', 'STORAGE', 'DATA_DIR', 'AWS_REGION', 'LOG_LEVEL']) delete process.env[key];
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers /health without a token', async () => {
    const res = await invoke('GET', '/health');

    expect(res.statusCode).toBe(200);
    expect(res.json).toEqual({ status: 'ok' });
  });

  it('creates a session and reads it back', async () => {
    const created = await invoke('POST', '/session', { headers: AUTH, body: { clientRequestToken: 'lambda-1' } });
    const read = await invoke('GET', `/session/${created.json.SessionId}`, { headers: AUTH });

    expect(created.statusCode).toBe(201);
    // REST (v1) proxy responses carry headers in multiValueHeaders.
    expect(created.multiValueHeaders?.['x-request-id']).toEqual([expect.any(String)]);
    expect(read.statusCode).toBe(200);
    expect(read.json).toMatchObject({ clientRequestToken: 'lambda-1', status: 'created', comparisonResult: null });
  });

  it('reads a base64-encoded request body', async () => {
    const created = await invoke('POST', '/session', { headers: AUTH, body: { clientRequestToken: 'lambda-base64' }, base64: true });

    expect(created.statusCode).toBe(201);
    expect(created.json.SessionId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('compares through Rekognition and maps its answer onto the public shape', async () => {
    const res = await invoke('POST', '/compare', { headers: AUTH, body: { source: photo, target: photo } });

    expect(res.statusCode).toBe(200);
    expect(res.json).toMatchObject({ comparisonResult: 0.9725, match: true, threshold: 0.8 });
    expect(res.json.faceMatches).toHaveLength(1);
    const sent = rekognition.commandCalls(CompareFacesCommand)[0].args[0].input;
    expect(Buffer.from(sent.SourceImage!.Bytes!).toString('base64')).toBe(photo);
  });

  it('answers the capture-token routes, the image routes and DELETE of a session', async () => {
    const created = await invoke('POST', '/session', { headers: AUTH, body: { clientRequestToken: 'lambda-routes' } });
    const id: string = created.json.SessionId;
    const capture = { Authorization: `Bearer ${new URL(created.json.captureUrl, 'http://x').hash.replace('#token=', '')}` };

    // Rekognition liveness needs STORAGE=s3 and the identity pool; the embedded one is off with Rekognition.
    expect((await invoke('GET', `/session/${id}/capture`, { headers: capture })).json).toMatchObject({ statusCode: 503, code: 'PROVIDER_LIVENESS_NOT_CONFIGURED' });
    // API Gateway passes binary bodies (binary media types */*) base64-encoded.
    const frame = { ...apiGatewayEvent('POST', `/session/${id}/frames`, { headers: { ...capture, 'Content-Type': 'image/jpeg' } }), body: photo, isBase64Encoded: true };
    expect(await handler(frame, lambdaContext)).toMatchObject({ statusCode: 409, body: expect.stringContaining('LIVENESS_UNAVAILABLE') });
    expect((await invoke('GET', `/session/${id}/capture`, { headers: AUTH })).statusCode).toBe(401);
    expect((await invoke('GET', `/session/${id}/reference-image`, { headers: AUTH })).statusCode).toBe(404);
    expect((await invoke('GET', `/session/${id}/audit-images/0`, { headers: AUTH })).statusCode).toBe(404);
    expect((await invoke('DELETE', `/session/${id}`, { headers: AUTH })).statusCode).toBe(204);
    expect((await invoke('GET', `/session/${id}`, { headers: AUTH })).statusCode).toBe(404);
  });

  it.each([
    ['no token', {}],
    ['a wrong token', { Authorization: 'Bearer nope' }],
  ])('answers 401 with a JSON error for %s', async (_name, headers) => {
    const res = await invoke('GET', '/session/0f8e2a9c-4b7d-4a55-9d1e-6f0c3b2a1e90', { headers });

    expect(res.statusCode).toBe(401);
    expect(res.json).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
  });

  it('answers 404 for an unknown session and 400 for a malformed id and a bad body', async () => {
    const unknown = await invoke('GET', '/session/0f8e2a9c-4b7d-4a55-9d1e-6f0c3b2a1e90', { headers: AUTH });
    const malformed = await invoke('GET', '/session/not-a-uuid', { headers: AUTH });
    const badBody = await invoke('POST', '/compare', { headers: AUTH, body: { source: 'not base64!' } });

    expect(unknown.statusCode).toBe(404);
    expect(malformed.statusCode).toBe(400);
    expect(badBody.statusCode).toBe(400);
    expect(badBody.json.message).toMatch(/source/);
  });
});
