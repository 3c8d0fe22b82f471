import { type CanActivate, type ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { AppConfig } from '../../config/app-config.js';
import { bearerToken } from './bearer-header.js';
import { IS_CAPTURE_ROUTE } from './capture-token-auth.decorator.js';
import { IS_PUBLIC } from './public.decorator.js';

// Hashing first gives both sides one length, so timingSafeEqual leaks neither content nor length.
const digest = (value: string) => createHash('sha256').update(value).digest();

@Injectable()
export class BearerTokenGuard implements CanActivate {
  private readonly expected: Buffer;
  /** In the other AUTH_MODEs API Gateway has authenticated the caller before the request got here. */
  private readonly enabled: boolean;

  constructor(
    config: AppConfig,
    private readonly reflector: Reflector,
  ) {
    this.expected = digest(config.apiToken);
    this.enabled = config.authMode === 'token';
  }

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (!this.enabled || this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) || this.reflector.getAllAndOverride<boolean>(IS_CAPTURE_ROUTE, targets)) {
      return true;
    }
    const token = bearerToken(context.switchToHttp().getRequest<Request>().header('authorization'));
    if (token === null || !timingSafeEqual(digest(token), this.expected)) {
      throw new UnauthorizedException('A valid "Authorization: Bearer <token>" header is required.');
    }
    return true;
  }
}
