import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { CaptureTokenInvalid } from '../../domain/domain.errors.js';
import { bearerToken } from './bearer-header.js';
import { Unmetered } from './unmetered.decorator.js';

export const IS_CAPTURE_ROUTE = 'facecheck:isCaptureRoute';

/**
 * Marks a route the capture page calls: it authenticates with the session's capture token (checked
 * by the use case), never the API token, which must not reach a browser. Still rate limited; not
 * metered, as a session's frames are part of the one session already counted.
 */
export const CaptureTokenAuth = () => applyDecorators(SetMetadata(IS_CAPTURE_ROUTE, true), Unmetered(), ApiBearerAuth('captureToken'));

/** The capture token of a capture route's `Authorization: Bearer` header. @throws CaptureTokenInvalid when there is none. */
export function captureTokenOf(authorization: string | undefined): string {
  const captureToken = bearerToken(authorization);
  if (captureToken === null) throw new CaptureTokenInvalid();
  return captureToken;
}
