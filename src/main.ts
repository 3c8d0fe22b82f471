import { existsSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import { createApp } from './app.js';
import { InvalidConfiguration, loadConfig } from './config/app-config.js';

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig(process.env);
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  const logger = new Logger('facecheck');
  logger.log(`Listening on http://${config.host}:${config.port} (docs at /docs)`);
  if (config.apiTokenGenerated) {
    // Development only (configuration refuses a missing token elsewhere): shown once, never stored.
    logger.warn(`No API_TOKEN set; generated one for this run: ${config.apiToken}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof InvalidConfiguration ? error.message : error);
  process.exit(1);
});
