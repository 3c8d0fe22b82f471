import { existsSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { HttpDrain } from './adapters/http/http-drain.js';
import { createApp } from './app.js';
import { InvalidConfiguration, loadConfig } from './config/app-config.js';

const logger = new Logger('facecheck');

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig(process.env);
  const app = await createApp(config);
  const drain = new HttpDrain(app.getHttpServer());
  await app.listen(config.port, config.host);
  stopOnSignals(app, drain, config.shutdownGraceSeconds);
  logger.log(`Listening on http://${config.host}:${config.port} (docs at /docs)`);
  if (config.apiTokenGenerated) {
    // Development only (configuration refuses a missing token elsewhere): shown once, never stored.
    logger.warn(`No API_TOKEN set; generated one for this run: ${config.apiToken}`);
  }
}

/**
 * On the first SIGTERM or SIGINT: stop accepting, let requests in flight finish (up to the grace
 * period), then close the app — Nest's onModuleDestroy hooks stop the worker pool and flush the usage
 * counts — and exit 0. Nest's own signal hooks would close the app first, under the requests still
 * running. A second signal ends the process at once.
 */
function stopOnSignals(app: NestExpressApplication, drain: HttpDrain, graceSeconds: number): void {
  const stop = async (signal: NodeJS.Signals) => {
    logger.log(`${signal}: finishing ${drain.requestsInFlight} request(s) in flight (up to ${graceSeconds} s), then stopping`);
    if (!(await drain.drain(graceSeconds * 1000))) logger.warn(`Requests still running after ${graceSeconds} s were cut off`);
    await app.close();
    logger.log('Stopped');
    process.exit(0);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    // Without a listener, the next signal takes its default action: the process ends at once.
    process.removeListener('SIGTERM', onSignal).removeListener('SIGINT', onSignal);
    stop(signal).catch((error: unknown) => {
      logger.error(`Shutdown failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exit(1);
    });
  };
  process.on('SIGTERM', onSignal).on('SIGINT', onSignal);
}

main().catch((error: unknown) => {
  console.error(error instanceof InvalidConfiguration ? error.message : error);
  process.exit(1);
});
