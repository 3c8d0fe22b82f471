import { RekognitionServiceException } from '@aws-sdk/client-rekognition';
import {
  type DomainError,
  ImageTooLarge,
  NoFaceFound,
  ProviderFailed,
  ProviderThrottled,
  UnsupportedImageFormat,
} from '../../domain/domain.errors.js';
import { loggerInsideRequests } from '../logging/pino-logger.service.js';

/**
 * Rekognition's quotas are transactions per second, and the SDK has already retried with backoff
 * before giving up, so one second is the natural wait.
 */
export const THROTTLED_RETRY_AFTER_SECONDS = 1;

const logger = loggerInsideRequests('Rekognition');

/**
 * Turns whatever a Rekognition call threw into a domain error. Only the exception's name is read:
 * AWS messages are generic ("Request has invalid parameters") or internal, so they go to the log,
 * never into the domain error. InvalidParameterException is read as "no face", what it means for
 * image operations (the CompareFaces reference: "If no faces are detected in the source or target
 * images, CompareFaces returns an InvalidParameterException error").
 * @param images names the call's image(s) in messages, e.g. "source or target"
 */
export function toDomainError(error: unknown, images: string): DomainError {
  if (error instanceof RekognitionServiceException) {
    switch (error.name) {
      case 'InvalidParameterException':
        return new NoFaceFound(images);
      case 'ImageTooLargeException':
        return new ImageTooLarge(`${images} is larger than the face provider accepts.`);
      case 'InvalidImageFormatException':
        return new UnsupportedImageFormat(images);
    }
  }
  return toProviderError(error);
}

/**
 * For calls without images (Face Liveness): throttling becomes ProviderThrottled, anything else a
 * logged ProviderFailed. There InvalidParameterException means a bad request of ours, not "no face".
 */
export function toProviderError(error: unknown): ProviderThrottled | ProviderFailed {
  if (error instanceof RekognitionServiceException && THROTTLING.has(error.name)) {
    return new ProviderThrottled(THROTTLED_RETRY_AFTER_SECONDS);
  }
  logger.error(`Rekognition call failed: ${describe(error)}`);
  return new ProviderFailed();
}

const THROTTLING = new Set(['ThrottlingException', 'ProvisionedThroughputExceededException']);

function describe(error: unknown): string {
  if (error instanceof RekognitionServiceException) {
    return `${error.name} (AWS request ${error.$metadata.requestId ?? 'unknown'}): ${error.message}`;
  }
  return error instanceof Error ? `${error.name}: ${error.message}` : typeof error;
}
