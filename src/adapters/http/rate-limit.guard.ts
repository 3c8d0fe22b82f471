import { type CanActivate, type ExecutionContext, HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { AppConfig } from '../../config/app-config.js';
import { Clock } from '../../domain/ports/clock.port.js';
import { IS_PUBLIC } from './public.decorator.js';
import { TokenBucketLimiter } from './token-bucket.js';

/**
 * Per-client rate limit (RATE_LIMIT per second, bursts up to BURST_LIMIT), applied before
 * authentication so that floods of bad tokens are throttled like any other traffic.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly limiter: TokenBucketLimiter;

  constructor(
    config: AppConfig,
    private readonly clock: Clock,
    private readonly reflector: Reflector,
  ) {
    this.limiter = new TokenBucketLimiter(config.rateLimit.perSecond, config.rateLimit.burst);
  }

  canActivate(context: ExecutionContext): boolean {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const http = context.switchToHttp();
    const refusal = this.limiter.take(http.getRequest<Request>().ip ?? 'unknown', this.clock.now().getTime());
    if (!refusal) return true;
    http.getResponse<Response>().setHeader('Retry-After', String(refusal.retryAfterSeconds));
    throw new HttpException('Too many requests: retry after the Retry-After delay.', HttpStatus.TOO_MANY_REQUESTS);
  }
}
