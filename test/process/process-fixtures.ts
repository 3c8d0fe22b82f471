import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOKEN } from '../e2e/harness.js';
import { ServerProcess, type ServerProcessOptions } from './server-process.js';

/**
 * Servers and data directories for one spec file, all removed after each test even when it fails.
 * Call at describe level; `start` may be called again on the same directory to restart.
 */
export function useServers(): {
  dataDir(): Promise<string>;
  start(dataDir: string, env?: ServerProcessOptions['env']): Promise<ServerProcess>;
} {
  const servers: ServerProcess[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.kill('SIGKILL')));
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });
  return {
    async dataDir() {
      const dir = await mkdtemp(join(tmpdir(), 'facecheck-process-'));
      dirs.push(dir);
      return dir;
    },
    async start(dataDir, env = {}) {
      const server = await ServerProcess.start({ token: TOKEN, dataDir, env: { WORKER_POOL_SIZE: '1', ...env } });
      servers.push(server);
      return server;
    },
  };
}

export interface Answer {
  readonly status: number;
  readonly body: any;
}

/** One JSON call with the token, bounded in time; rejects when the connection fails. */
export async function call(server: ServerProcess, method: string, path: string, body?: unknown): Promise<Answer> {
  const response = await fetch(server.baseUrl + path, {
    method,
    headers: { Authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}
