import {
  CompareFacesCommand,
  ImageTooLargeException,
  InternalServerError,
  InvalidImageFormatException,
  InvalidParameterException,
  ProvisionedThroughputExceededException,
  RekognitionClient,
  ThrottlingException,
} from '@aws-sdk/client-rekognition';
import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { mockClient } from 'aws-sdk-client-mock';
import {
  type DomainError,
  ImageTooLarge,
  NoFaceFound,
  ProviderFailed,
  ProviderThrottled,
  UnsupportedImageFormat,
} from '../../../src/domain/domain.errors.js';
import { THROTTLED_RETRY_AFTER_SECONDS } from '../../../src/adapters/rekognition/rekognition-errors.js';
import { RekognitionFaceComparer } from '../../../src/adapters/rekognition/rekognition-face-comparer.js';
import { jpegImage } from '../../fakes/images.js';

const SDK_TEXT = 'internal detail arn:aws:rekognition:eu-west-1:123456789012';
const $metadata = { requestId: 'aws-req-1' };

describe('RekognitionFaceComparer errors', () => {
  const rekognition = mockClient(RekognitionClient);
  const source = jpegImage(1);
  const target = jpegImage(2);
  const comparer = () => new RekognitionFaceComparer(new RekognitionClient({ region: 'eu-west-1' }));
  beforeEach(() => rekognition.reset());

  const silenceErrorLog = () => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  let logged: ReturnType<typeof silenceErrorLog>;
  beforeEach(() => {
    logged = silenceErrorLog();
  });
  afterEach(() => logged.mockRestore());

  const rejectWith = async (sdkError: Error): Promise<DomainError> => {
    rekognition.on(CompareFacesCommand).rejects(sdkError);
    return comparer()
      .compare(source, target)
      .then(
        () => {
          throw new Error('compare resolved');
        },
        (e: DomainError) => e,
      );
  };

  it('maps InvalidParameterException (no face in either image) to NoFaceFound naming source or target', async () => {
    const error = await rejectWith(new InvalidParameterException({ message: SDK_TEXT, $metadata }));

    expect(error).toBeInstanceOf(NoFaceFound);
    expect((error as NoFaceFound).field).toBe('source or target');
  });

  it('maps ImageTooLargeException to ImageTooLarge', async () => {
    await expect(rejectWith(new ImageTooLargeException({ message: SDK_TEXT, $metadata }))).resolves.toBeInstanceOf(ImageTooLarge);
  });

  it('maps InvalidImageFormatException to UnsupportedImageFormat', async () => {
    await expect(rejectWith(new InvalidImageFormatException({ message: SDK_TEXT, $metadata }))).resolves.toBeInstanceOf(
      UnsupportedImageFormat,
    );
  });

  it.each([
    ['ThrottlingException', new ThrottlingException({ message: SDK_TEXT, $metadata })],
    ['ProvisionedThroughputExceededException', new ProvisionedThroughputExceededException({ message: SDK_TEXT, $metadata })],
  ])('maps %s to ProviderThrottled with a retry delay', async (_name, sdkError) => {
    const error = await rejectWith(sdkError);

    expect(error).toBeInstanceOf(ProviderThrottled);
    expect((error as ProviderThrottled).retryAfterSeconds).toBe(THROTTLED_RETRY_AFTER_SECONDS);
  });

  it.each([
    ['another Rekognition exception', new InternalServerError({ message: SDK_TEXT, $metadata })],
    ['a network error', Object.assign(new Error(SDK_TEXT), { name: 'TimeoutError' })],
  ])('maps %s to ProviderFailed', async (_name, sdkError) => {
    await expect(rejectWith(sdkError)).resolves.toBeInstanceOf(ProviderFailed);
  });

  it('logs an unexpected failure with the SDK message and the AWS request id, for support', async () => {
    await rejectWith(new InternalServerError({ message: SDK_TEXT, $metadata }));

    expect(logged).toHaveBeenCalledTimes(1);
    expect(String(logged.mock.calls[0][0])).toContain(SDK_TEXT);
    expect(String(logged.mock.calls[0][0])).toContain('aws-req-1');
  });

  it.each([
    new InvalidParameterException({ message: SDK_TEXT, $metadata }),
    new ImageTooLargeException({ message: SDK_TEXT, $metadata }),
    new InvalidImageFormatException({ message: SDK_TEXT, $metadata }),
    new ThrottlingException({ message: SDK_TEXT, $metadata }),
    new InternalServerError({ message: SDK_TEXT, $metadata }),
  ])('never carries the message of $name into the domain error', async (sdkError) => {
    const error = await rejectWith(sdkError);

    expect(error.message).not.toContain(SDK_TEXT);
    expect(error.message).not.toContain('arn:aws');
    expect(error.message.length).toBeGreaterThan(0);
  });
});
