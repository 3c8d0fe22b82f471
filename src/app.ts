import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DestinationStream } from 'pino';
import { useHttpPipeline } from './adapters/http/http-pipeline.js';
import { setupOpenApi } from './adapters/http/openapi.js';
import { createRootLogger, PinoLoggerService } from './adapters/logging/pino-logger.service.js';
import { selectAdapters } from './adapters/select-adapters.js';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config/app-config.js';
import type { Clock } from './domain/ports/clock.port.js';
import type { RandomSource } from './domain/ports/random-source.port.js';

export interface CreateAppOptions {
  /** Where the JSON log lines go; standard output by default. Tests pass a stream to read them. */
  readonly logDestination?: DestinationStream;
  /** Replaces the system clock, so tests can move time past a session's expiry. */
  readonly clock?: Clock;
  /** Replaces the CSPRNG that draws liveness steps, so tests can replay one challenge. */
  readonly random?: RandomSource;
  /** Serve Swagger UI at /docs (default); the Lambda bundle ships without its files. */
  readonly swaggerUi?: boolean;
  /**
   * Run the retention sweep on a timer (default). Lambda turns it off: a frozen container's timer is
   * unreliable, and S3 lifecycle rules expire the data there.
   */
  readonly retentionSweep?: boolean;
}

/** The one way to build the app: main.ts, the Lambda entry and the e2e tests all come through here. */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestExpressApplication> {
  const logger = createRootLogger(config, options.logDestination);
  const adapters = await selectAdapters(config, { clock: options.clock, random: options.random });
  // Swagger's nine routes behind the API's: in front, every API call walked past them, a twentieth of
  // the CPU time of a GET /session/:id here.
  const addOpenApi = () => setupOpenApi(app, options.swaggerUi ?? true);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, adapters, { retentionSweep: options.retentionSweep ?? true, addRoutesAfterControllers: addOpenApi }), {
    // useHttpPipeline adds the JSON parser after the request id middleware, so parse errors have an id too.
    bodyParser: false,
    abortOnError: false,
    logger: new PinoLoggerService(logger),
  });
  useHttpPipeline(app, config, logger);
  // Signals are the entry point's business: main.ts drains HTTP before closing, lambda.ts lets Nest close.
  await app.init();
  return app;
}
