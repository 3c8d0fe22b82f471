import 'reflect-metadata';
import type { LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { setupOpenApi } from './adapters/http/openapi.js';
import { requestIdMiddleware } from './adapters/http/request-id.middleware.js';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config/app-config.js';
import type { Clock } from './domain/ports/clock.port.js';

export interface CreateAppOptions {
  readonly logger?: LoggerService | LogLevel[] | false;
  /** Replaces the system clock, so tests can move time past a session's expiry. */
  readonly clock?: Clock;
}

/** The one way to build the app: main.ts, the Lambda entry and the e2e tests all come through here. */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestExpressApplication> {
  // Nest's own body parser would run before the request id exists; ours is registered after it.
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, options.clock), {
    bodyParser: false,
    abortOnError: false,
    logger: options.logger,
  });
  app.use(requestIdMiddleware);
  app.useBodyParser('json', { limit: config.bodyLimitBytes });
  app.disable('x-powered-by');
  setupOpenApi(app);
  app.enableShutdownHooks();
  await app.init();
  return app;
}
