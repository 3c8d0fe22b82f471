import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { Unmetered } from './unmetered.decorator.js';

export const IS_CAPTURE_ROUTE = 'facecheck:isCaptureRoute';

/**
 * Marks a route the capture page calls: it authenticates with the session's capture token (checked
 * by the use case), never the API token, which must not reach a browser. Still rate limited; not
 * metered, as a session's frames are part of the one session already counted.
 */
export const CaptureTokenAuth = () => applyDecorators(SetMetadata(IS_CAPTURE_ROUTE, true), Unmetered(), ApiBearerAuth('captureToken'));
