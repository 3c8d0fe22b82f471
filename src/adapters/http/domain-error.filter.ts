import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError } from '../../domain/domain.errors.js';
import { toErrorResponse } from './error-response.js';
import { requestIdOf } from './request-id.middleware.js';
import { TooManyRequestsException } from './too-many-requests.exception.js';

/** Every error of every route leaves through here, so all of them share one shape and one status table. */
@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const errorBody = toErrorResponse(exception, requestIdOf(http.getRequest<Request>()));
    const retryAfter = retryAfterSecondsOf(exception);
    if (retryAfter !== undefined) response.setHeader('Retry-After', String(retryAfter));
    response.status(errorBody.statusCode).json(errorBody);
  }
}

/** Any error that says when to come back (our limits, a domain error such as ProviderThrottled) gets a Retry-After header. */
function retryAfterSecondsOf(exception: unknown): number | undefined {
  if (!(exception instanceof DomainError || exception instanceof TooManyRequestsException) || !('retryAfterSeconds' in exception)) return undefined;
  const seconds = exception.retryAfterSeconds;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds) : undefined;
}
