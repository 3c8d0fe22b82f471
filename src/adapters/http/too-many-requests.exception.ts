import { HttpException, HttpStatus } from '@nestjs/common';

/** A 429 of our own limits (rate, monthly quota); the exception filter turns `retryAfterSeconds` into Retry-After. */
export class TooManyRequestsException extends HttpException {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, HttpStatus.TOO_MANY_REQUESTS);
  }
}
