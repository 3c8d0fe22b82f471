import { Controller, Get, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AppMetrics } from '../metrics/app-metrics.js';
import { ApiErrors } from './api-errors.decorator.js';
import { Unmetered } from './unmetered.decorator.js';

/** Token-protected, since request counts per route reveal how the service is used. */
@ApiTags('metrics')
@ApiBearerAuth()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: AppMetrics) {}

  @Get()
  @Unmetered()
  @ApiOperation({ summary: 'Prometheus metrics of this instance: requests, latencies, compares, engine queue. Not counted against the monthly quota.' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format.', schema: { type: 'string' } })
  @ApiErrors(401, 429)
  async scrape(@Res({ passthrough: true }) res: Response): Promise<string> {
    res.setHeader('Content-Type', this.metrics.registry.contentType);
    return this.metrics.registry.metrics();
  }
}
