import { HttpException, HttpStatus, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { DomainError } from '../../domain/domain.errors.js';
import type { ErrorResponse } from './dto/error.response.js';

/** The one table from domain error codes to HTTP statuses. */
const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  SESSION_NOT_FOUND: HttpStatus.NOT_FOUND,
  IDEMPOTENCY_CONFLICT: HttpStatus.CONFLICT,
  INVALID_IMAGE: HttpStatus.BAD_REQUEST,
  IMAGE_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  UNSUPPORTED_IMAGE_FORMAT: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  // An APNG is a media type of its own (image/apng) that we do not take, as GIF or WebP: 415, not 422.
  ANIMATED_IMAGE: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  NO_FACE_FOUND: HttpStatus.UNPROCESSABLE_ENTITY,
  SERVICE_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
  PROVIDER_THROTTLED: HttpStatus.TOO_MANY_REQUESTS,
  PROVIDER_FAILED: HttpStatus.BAD_GATEWAY,
  CAPTURE_TOKEN_INVALID: HttpStatus.UNAUTHORIZED,
  CAPTURE_TOKEN_OTHER_SESSION: HttpStatus.FORBIDDEN,
  CHALLENGE_FINISHED: HttpStatus.CONFLICT,
  TOO_MANY_FRAMES: HttpStatus.TOO_MANY_REQUESTS,
  INVALID_LIGHT_TIME: HttpStatus.BAD_REQUEST,
  // The configuration, not the request, rules the embedded check out: retrying will not help.
  LIVENESS_UNAVAILABLE: HttpStatus.CONFLICT,
  // A server set up without what Rekognition's capture needs; the message names the variables.
  PROVIDER_LIVENESS_NOT_CONFIGURED: HttpStatus.SERVICE_UNAVAILABLE,
  RETURN_URL_NOT_ALLOWED: HttpStatus.BAD_REQUEST,
  SESSION_IMAGE_NOT_FOUND: HttpStatus.NOT_FOUND,
};

/** body-parser reports its own failures (bad JSON, body over the limit) as errors carrying these fields. */
interface BodyParserError {
  readonly status: number;
  readonly type: string;
}

const BODY_PARSER_MESSAGES: Readonly<Record<string, string>> = {
  'entity.parse.failed': 'The request body is not valid JSON.',
  'entity.too.large': 'The request body is larger than the limit.',
  'encoding.unsupported': 'The request body has an unsupported encoding.',
  'charset.unsupported': 'The request body has an unsupported charset.',
};

function isBodyParserError(error: unknown): error is BodyParserError {
  return typeof error === 'object' && error !== null && typeof (error as BodyParserError).type === 'string' && typeof (error as BodyParserError).status === 'number';
}

function httpExceptionMessage(exception: HttpException): string {
  const response = exception.getResponse();
  const message = typeof response === 'object' && response !== null && 'message' in response ? response.message : response;
  return Array.isArray(message) ? message.join('; ') : String(message);
}

function body(statusCode: number, message: string, requestId: string, code?: string): ErrorResponse {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, ...(code ? { code } : {}), requestId };
}

const logger = new Logger('Errors');

/**
 * Turns anything thrown while serving a request into the public error shape. Unknown errors become
 * a bare 500: their message may carry internals (paths, SDK text), so only the log sees them.
 */
export function toErrorResponse(error: unknown, requestId: string): ErrorResponse {
  if (error instanceof DomainError) {
    return body(STATUS_BY_CODE[error.code] ?? HttpStatus.INTERNAL_SERVER_ERROR, error.message, requestId, error.code);
  }
  // Nest wraps body-parser's errors in HttpExceptions carrying the parser's own message, which
  // quotes the body ("Unexpected token ... is not valid JSON"): answer with ours instead.
  const parserError = error instanceof HttpException ? error.cause : error;
  if (isBodyParserError(parserError) && parserError.status >= 400 && parserError.status < 500) {
    return body(parserError.status, BODY_PARSER_MESSAGES[parserError.type] ?? 'The request body could not be read.', requestId);
  }
  if (error instanceof HttpException) return body(error.getStatus(), httpExceptionMessage(error), requestId);
  // The id as a field, as on the request's line: requests carry it to other lines only on demand (loggerInsideRequests).
  logger.error({ requestId, msg: `Unhandled error in request ${requestId}: ${error instanceof Error ? (error.stack ?? error.message) : typeof error}` });
  return body(HttpStatus.INTERNAL_SERVER_ERROR, 'Internal server error', requestId);
}
