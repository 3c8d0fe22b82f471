import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DestinationStream } from 'pino';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/app-config.js';
import type { Clock } from '../../src/domain/ports/clock.port.js';
import type { RandomSource } from '../../src/domain/ports/random-source.port.js';

export const TOKEN = 'e2e-token-0123456789abcdefghijklmnopqrstuvwxyz';
export const AUTH = { Authorization: `Bearer ${TOKEN}` };

const FACES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'faces');

/** A fixture photograph as the base64 string a client would send. */
export async function photo(name: string): Promise<string> {
  return (await readFile(join(FACES, name))).toString('base64');
}

export interface RunningApp {
  readonly app: NestExpressApplication;
  readonly dataDir: string;
  readonly http: () => ReturnType<typeof request>;
  close(options?: { keepData?: boolean }): Promise<void>;
}

export interface StartOptions {
  readonly clock?: Clock;
  readonly random?: RandomSource;
  readonly dataDir?: string;
  /** Receives the app's JSON log lines; by default they are dropped, to keep test output readable. */
  readonly logDestination?: DestinationStream;
}

const DROP_LOGS: DestinationStream = { write: () => undefined };

/** Boots the real app (real engine, real disk in a temp dir) and waits until /health says ready. */
export async function startApp(env: Record<string, string> = {}, options: StartOptions = {}): Promise<RunningApp> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'facecheck-e2e-')));
  // The movement challenge unless a test asks for the light one: the suites written before it drive movement only.
  const config = loadConfig({ API_TOKEN: TOKEN, DATA_DIR: dataDir, WORKER_POOL_SIZE: '1', RATE_LIMIT: '1000', BURST_LIMIT: '1000', LIVENESS_CHALLENGE: 'movement', ...env });
  const app = await createApp(config, { clock: options.clock, random: options.random, logDestination: options.logDestination ?? DROP_LOGS });
  const server = app.getHttpServer();
  for (let attempt = 0; (await request(server).get('/health')).status !== 200; attempt++) {
    if (attempt > 600) throw new Error('The engine did not become ready within a minute.');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    app,
    dataDir,
    http: () => request(server),
    async close({ keepData = false } = {}) {
      await app.close();
      if (!keepData) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
