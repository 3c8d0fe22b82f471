import {
  CreateFaceLivenessSessionCommand,
  GetFaceLivenessSessionResultsCommand,
  type GetFaceLivenessSessionResultsResponse,
  RekognitionClient,
  SessionNotFoundException,
} from '@aws-sdk/client-rekognition';
import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { mockClient } from 'aws-sdk-client-mock';
import { type DomainError, ProviderFailed } from '../../../src/domain/domain.errors.js';
import {
  providerToken,
  RekognitionLivenessProvider,
  type RekognitionLivenessProviderOptions,
} from '../../../src/adapters/rekognition/rekognition-liveness-provider.js';

const SESSION_ID = '3f0c7c9e-6a53-4c1e-9d0b-2f4f7d1f8a21';
const PROVIDER_SESSION_ID = 'a1b2c3d4-0000-4000-8000-0123456789ab';
const BUCKET = 'facecheck-images';
const SDK_TEXT = 'internal detail arn:aws:rekognition:eu-west-1:123456789012';
const $metadata = { requestId: 'aws-req-1' };
const OPTIONS: RekognitionLivenessProviderOptions = { imagesBucket: BUCKET, storePrefix: 'images/', keyPrefix: 'liveness/', auditImagesLimit: 2 };

const box = { Left: 0.25, Top: 0.125, Width: 0.5, Height: 0.625 };
const stored = (name: string, bucket = BUCKET) => ({ S3Object: { Bucket: bucket, Name: name }, BoundingBox: box });
const boxMapped = { left: 0.25, top: 0.125, width: 0.5, height: 0.625 };

describe('RekognitionLivenessProvider', () => {
  const rekognition = mockClient(RekognitionClient);
  const provider = (options: Partial<RekognitionLivenessProviderOptions> = {}) =>
    new RekognitionLivenessProvider(new RekognitionClient({ region: 'eu-west-1' }), { ...OPTIONS, ...options });
  const answer = (response: Partial<GetFaceLivenessSessionResultsResponse>) =>
    rekognition.on(GetFaceLivenessSessionResultsCommand).resolves({ SessionId: PROVIDER_SESSION_ID, ...response });
  const open = (p = provider()) => p.open({ sessionId: SESSION_ID, clientRequestToken: 'signup-7f3a2c' });
  const failure = (promise: Promise<unknown>): Promise<DomainError> =>
    promise.then(
      () => {
        throw new Error('resolved');
      },
      (e: DomainError) => e,
    );

  const silenceLogs = () => ({
    error: jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined),
    warn: jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined),
  });
  let logged: ReturnType<typeof silenceLogs>;
  beforeEach(() => {
    rekognition.reset();
    rekognition.on(CreateFaceLivenessSessionCommand).resolves({ SessionId: PROVIDER_SESSION_ID });
    logged = silenceLogs();
  });
  afterEach(() => jest.restoreAllMocks());

  describe('open', () => {
    const sentInput = () => {
      const calls = rekognition.commandCalls(CreateFaceLivenessSessionCommand);
      expect(calls).toHaveLength(1);
      return calls[0].args[0].input;
    };

    it("returns Rekognition's session id", async () => {
      await expect(open()).resolves.toBe(PROVIDER_SESSION_ID);
    });

    it("asks Rekognition to store the images in the images bucket, where the ImageStore reads, under keyPrefix + our session id", async () => {
      await open();

      expect(sentInput().Settings?.OutputConfig).toEqual({ S3Bucket: BUCKET, S3KeyPrefix: `images/liveness/${SESSION_ID}` });
    });

    it.each([0, 2, 4])('sends AuditImagesLimit %i as configured', async (limit) => {
      await open(provider({ auditImagesLimit: limit }));

      expect(sentInput().Settings?.AuditImagesLimit).toBe(limit);
    });

    it('sends a ClientRequestToken scoped to our session, in the syntax Rekognition accepts', async () => {
      await open();

      const token = sentInput().ClientRequestToken;
      expect(token).toBe(providerToken(SESSION_ID, 'signup-7f3a2c'));
      expect(token).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    });

    it('sends one token for retries of one session and another for a new session with the same clientRequestToken', () => {
      const first = providerToken(SESSION_ID, 'signup-7f3a2c');

      expect(providerToken(SESSION_ID, 'signup-7f3a2c')).toBe(first);
      expect(providerToken('00000000-0000-4000-8000-000000000000', 'signup-7f3a2c')).not.toBe(first);
      expect(providerToken(SESSION_ID, 'signup-other')).not.toBe(first);
    });

    it('keeps a 64-character clientRequestToken within 64 characters', () => {
      expect(providerToken(SESSION_ID, 'x'.repeat(64))).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    });

    it('fails with ProviderFailed when Rekognition answers without a SessionId', async () => {
      rekognition.on(CreateFaceLivenessSessionCommand).resolves({});

      await expect(failure(open())).resolves.toBeInstanceOf(ProviderFailed);
    });
  });

  describe('options', () => {
    it.each([-1, 5, 1.5, Number.NaN])('refuses auditImagesLimit %p', (limit) => {
      expect(() => provider({ auditImagesLimit: limit })).toThrow(RangeError);
    });

    it.each(['/liveness/', 'a//', '../'])('refuses keyPrefix %p, which cannot start an image key', (keyPrefix) => {
      expect(() => provider({ keyPrefix })).toThrow(RangeError);
    });

    it.each(['/images/', 'images//'])('refuses storePrefix %p, which cannot start an object key', (storePrefix) => {
      expect(() => provider({ storePrefix })).toThrow(RangeError);
    });

    it('refuses an empty bucket name', () => {
      expect(() => provider({ imagesBucket: '' })).toThrow(RangeError);
    });
  });

  describe('results', () => {
    it('asks for the given provider session', async () => {
      answer({ Status: 'CREATED' });

      await provider().results(PROVIDER_SESSION_ID);

      const calls = rekognition.commandCalls(GetFaceLivenessSessionResultsCommand);
      expect(calls).toHaveLength(1);
      expect(calls[0].args[0].input).toEqual({ SessionId: PROVIDER_SESSION_ID });
    });

    it.each([
      ['CREATED', 'created'],
      ['IN_PROGRESS', 'processing'],
      ['SUCCEEDED', 'succeeded'],
      ['FAILED', 'failed'],
      ['EXPIRED', 'expired'],
    ] as const)('maps status %s to %s', async (status, expected) => {
      answer({ Status: status });

      await expect(provider().results(PROVIDER_SESSION_ID)).resolves.toMatchObject({ status: expected });
    });

    it.each([undefined, 'PAUSED', 'toString'])('fails with ProviderFailed on status %p', async (status) => {
      answer({ Status: status as GetFaceLivenessSessionResultsResponse['Status'] });

      await expect(failure(provider().results(PROVIDER_SESSION_ID))).resolves.toBeInstanceOf(ProviderFailed);
    });

    it.each([
      [99.5, 0.995],
      [0, 0],
      [100, 1],
    ])('scales Confidence %p to %p', async (confidence, expected) => {
      answer({ Status: 'SUCCEEDED', Confidence: confidence });

      const { confidence: actual } = await provider().results(PROVIDER_SESSION_ID);

      expect(actual).toBeCloseTo(expected, 10);
    });

    it('reports a missing Confidence as null, no reference image and no audit images', async () => {
      answer({ Status: 'IN_PROGRESS' });

      await expect(provider().results(PROVIDER_SESSION_ID)).resolves.toEqual({
        status: 'processing',
        confidence: null,
        referenceImage: null,
        auditImages: [],
      });
    });

    it('maps the reference and audit images stored in S3 to their image keys (the object keys without storePrefix) and boxes', async () => {
      const prefix = `liveness/${SESSION_ID}/${PROVIDER_SESSION_ID}`;
      answer({
        Status: 'SUCCEEDED',
        Confidence: 97,
        ReferenceImage: stored(`images/${prefix}/reference.jpg`),
        AuditImages: [stored(`images/${prefix}/audit_images/1.jpg`), stored(`images/${prefix}/audit_images/2.jpg`)],
      });

      const results = await provider().results(PROVIDER_SESSION_ID);

      expect(results.referenceImage).toEqual({ key: `${prefix}/reference.jpg`, boundingBox: boxMapped });
      expect(results.auditImages).toEqual([
        { key: `${prefix}/audit_images/1.jpg`, boundingBox: boxMapped },
        { key: `${prefix}/audit_images/2.jpg`, boundingBox: boxMapped },
      ]);
    });

    it('reads a missing bounding box as an empty box', async () => {
      answer({ Status: 'SUCCEEDED', ReferenceImage: { S3Object: { Bucket: BUCKET, Name: 'images/liveness/r.jpg' } } });

      const { referenceImage } = await provider().results(PROVIDER_SESSION_ID);

      expect(referenceImage).toEqual({ key: 'liveness/r.jpg', boundingBox: { left: 0, top: 0, width: 0, height: 0 } });
    });

    it('skips, with a warning, images sent as bytes instead of stored in S3', async () => {
      answer({
        Status: 'SUCCEEDED',
        ReferenceImage: { Bytes: new Uint8Array([1, 2, 3]), BoundingBox: box },
        AuditImages: [{ Bytes: new Uint8Array([4]), BoundingBox: box }, stored('images/liveness/a/1.jpg')],
      });

      const results = await provider().results(PROVIDER_SESSION_ID);

      expect(results.referenceImage).toBeNull();
      expect(results.auditImages).toEqual([{ key: 'liveness/a/1.jpg', boundingBox: boxMapped }]);
      expect(logged.warn).toHaveBeenCalledTimes(2);
    });

    it.each([
      ['in another bucket', { S3Object: { Bucket: 'someone-else', Name: 'images/liveness/r.jpg' } }],
      ['without a name', { S3Object: { Bucket: BUCKET } }],
      ['outside the ImageStore (no storePrefix)', { S3Object: { Bucket: BUCKET, Name: 'liveness/r.jpg' } }],
      ['whose key is no image key', { S3Object: { Bucket: BUCKET, Name: 'images/liveness//r.jpg' } }],
      ['whose key has a space', { S3Object: { Bucket: BUCKET, Name: 'images/liveness/my face.jpg' } }],
    ])('skips, with an error logged, an image %s', async (_case, image) => {
      answer({ Status: 'SUCCEEDED', ReferenceImage: image });

      await expect(provider().results(PROVIDER_SESSION_ID)).resolves.toMatchObject({ referenceImage: null });
      expect(logged.error).toHaveBeenCalledTimes(1);
    });

    it('reports a session Rekognition no longer knows (SessionNotFoundException) as expired', async () => {
      rekognition.on(GetFaceLivenessSessionResultsCommand).rejects(new SessionNotFoundException({ message: SDK_TEXT, $metadata }));

      await expect(provider().results(PROVIDER_SESSION_ID)).resolves.toEqual({
        status: 'expired',
        confidence: null,
        referenceImage: null,
        auditImages: [],
      });
    });
  });
});
