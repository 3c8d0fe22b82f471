import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorResponse } from './dto/error.response.js';

const DESCRIPTIONS: Readonly<Record<number, string>> = {
  400: 'Malformed JSON, a missing or unknown field, invalid base64, or an image that cannot be decoded.',
  401: 'Missing or wrong bearer token (on capture routes: the capture token, wrong or expired).',
  403: 'A capture token of another session.',
  404: 'No session with this id, or no such image on it.',
  409: 'The clientRequestToken was already used with a different body; or the liveness challenge is over.',
  413: 'An image over MAX_IMAGE_BYTES or MAX_IMAGE_PIXELS, or a body over the limit.',
  415: 'An image that is neither JPEG nor PNG (judged by its bytes); a frame not sent as image/jpeg or image/png.',
  422: 'No face was found in the image the message names.',
  429: 'Rate limit or monthly quota exceeded, the face provider throttling, or frames too fast or too many; see the Retry-After header.',
  502: 'The face provider (Rekognition) failed; the body carries the requestId to quote.',
  503: 'The face engine is still loading or the storage cannot be written.',
};

/** Documents the shared error body for each status a route can answer with. */
export function ApiErrors(...statuses: number[]): MethodDecorator {
  return applyDecorators(...statuses.map((status) => ApiResponse({ status, type: ErrorResponse, description: DESCRIPTIONS[status] })));
}
