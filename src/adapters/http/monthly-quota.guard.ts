import { type CanActivate, type ExecutionContext, HttpException, HttpStatus, Injectable, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { AppConfig } from '../../config/app-config.js';
import { Clock } from '../../domain/ports/clock.port.js';
import { UsageLedger } from '../../domain/ports/usage-ledger.port.js';
import { IS_PUBLIC } from './public.decorator.js';
import { IS_UNMETERED } from './unmetered.decorator.js';

function secondsUntilNextMonth(now: Date): number {
  const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
  return Math.ceil((next - now.getTime()) / 1000);
}

/**
 * The calendar-month quota of API Gateway's usage plans (`ApiMonthLimitRequest`), for local runs.
 * Where no UsageLedger is bound (on AWS), the usage plan itself keeps the quota and this guard passes.
 */
@Injectable()
export class MonthlyQuotaGuard implements CanActivate {
  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly reflector: Reflector,
    @Optional() private readonly ledger?: UsageLedger,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (!this.ledger || this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    if (this.reflector.getAllAndOverride<boolean>(IS_UNMETERED, [context.getHandler(), context.getClass()])) return true;
    const now = this.clock.now();
    const used = await this.ledger.increment(now.toISOString().slice(0, 7));
    if (used <= this.config.rateLimit.perMonth) return true;
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(secondsUntilNextMonth(now)));
    throw new HttpException(`The monthly quota of ${this.config.rateLimit.perMonth} requests is used up.`, HttpStatus.TOO_MANY_REQUESTS);
  }
}
