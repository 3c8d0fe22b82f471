import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { toErrorResponse } from './error-response.js';
import { requestIdOf } from './request-id.middleware.js';

/** Every error of every route leaves through here, so all of them share one shape and one status table. */
@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const errorBody = toErrorResponse(exception, requestIdOf(http.getRequest<Request>()));
    response.status(errorBody.statusCode).json(errorBody);
  }
}
