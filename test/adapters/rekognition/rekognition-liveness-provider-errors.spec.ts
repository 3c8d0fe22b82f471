import {
  AccessDeniedException,
  CreateFaceLivenessSessionCommand,
  GetFaceLivenessSessionResultsCommand,
  InternalServerError,
  InvalidParameterException,
  ProvisionedThroughputExceededException,
  RekognitionClient,
  SessionNotFoundException,
  ThrottlingException,
} from '@aws-sdk/client-rekognition';
import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { mockClient } from 'aws-sdk-client-mock';
import { type DomainError, ProviderFailed, ProviderThrottled } from '../../../src/domain/domain.errors.js';
import { THROTTLED_RETRY_AFTER_SECONDS } from '../../../src/adapters/rekognition/rekognition-errors.js';
import { RekognitionLivenessProvider } from '../../../src/adapters/rekognition/rekognition-liveness-provider.js';

const SDK_TEXT = 'internal detail arn:aws:rekognition:eu-west-1:123456789012';
const $metadata = { requestId: 'aws-req-1' };

describe('RekognitionLivenessProvider errors', () => {
  const rekognition = mockClient(RekognitionClient);
  const provider = () =>
    new RekognitionLivenessProvider(new RekognitionClient({ region: 'eu-west-1' }), {
      imagesBucket: 'facecheck-images',
      storePrefix: 'images/', keyPrefix: 'liveness/',
      auditImagesLimit: 1,
    });
  const failure = (promise: Promise<unknown>): Promise<DomainError> =>
    promise.then(
      () => {
        throw new Error('resolved');
      },
      (e: DomainError) => e,
    );
  const calls = {
    open: (sdkError: Error) => {
      rekognition.on(CreateFaceLivenessSessionCommand).rejects(sdkError);
      return failure(provider().open({ sessionId: '3f0c7c9e-6a53-4c1e-9d0b-2f4f7d1f8a21', clientRequestToken: 'signup-1' }));
    },
    results: (sdkError: Error) => {
      rekognition.on(GetFaceLivenessSessionResultsCommand).rejects(sdkError);
      return failure(provider().results('a1b2c3d4-0000-4000-8000-0123456789ab'));
    },
  };

  const silenceErrorLog = () => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  let logged: ReturnType<typeof silenceErrorLog>;
  beforeEach(() => {
    rekognition.reset();
    logged = silenceErrorLog();
  });
  afterEach(() => logged.mockRestore());

  describe.each(['open', 'results'] as const)('of %s', (call) => {
    it.each([
      ['ThrottlingException', new ThrottlingException({ message: SDK_TEXT, $metadata })],
      ['ProvisionedThroughputExceededException', new ProvisionedThroughputExceededException({ message: SDK_TEXT, $metadata })],
    ])('maps %s to ProviderThrottled with a retry delay', async (_name, sdkError) => {
      const error = await calls[call](sdkError);

      expect(error).toBeInstanceOf(ProviderThrottled);
      expect((error as ProviderThrottled).retryAfterSeconds).toBe(THROTTLED_RETRY_AFTER_SECONDS);
      expect(error.message).not.toContain(SDK_TEXT);
    });

    it.each([
      ['AccessDeniedException', new AccessDeniedException({ message: SDK_TEXT, $metadata })],
      ['InvalidParameterException (a bad request of ours, not "no face")', new InvalidParameterException({ message: SDK_TEXT, $metadata })],
      ['InternalServerError', new InternalServerError({ message: SDK_TEXT, $metadata })],
      ['a network error', Object.assign(new Error(SDK_TEXT), { name: 'TimeoutError' })],
    ])('maps %s to ProviderFailed without the SDK message, which goes to the log', async (_name, sdkError) => {
      const error = await calls[call](sdkError);

      expect(error).toBeInstanceOf(ProviderFailed);
      expect(error.message).not.toContain(SDK_TEXT);
      expect(error.message).not.toContain('arn:aws');
      expect(logged).toHaveBeenCalledTimes(1);
      expect(String(logged.mock.calls[0][0])).toContain(SDK_TEXT);
    });
  });

  it('maps SessionNotFoundException on open, where it cannot mean an expired session, to ProviderFailed', async () => {
    await expect(calls.open(new SessionNotFoundException({ message: SDK_TEXT, $metadata }))).resolves.toBeInstanceOf(ProviderFailed);
  });
});
