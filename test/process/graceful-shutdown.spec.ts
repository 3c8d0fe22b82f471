import { readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { photo, TOKEN } from '../e2e/harness.js';
import { call, useServers } from './process-fixtures.js';
import type { ServerProcess } from './server-process.js';

/**
 * Whether a new TCP connection to `port` is refused (rather than accepted). A connection the kernel
 * accepted just as the server stopped listening is reset (ECONNRESET): not refused yet, ask again.
 */
function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(false)));
    socket.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED' || error.code === 'ECONNRESET') resolve(error.code === 'ECONNREFUSED');
      else reject(error);
    });
  });
}

async function until(condition: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(20)) {
    if (await condition()) return true;
  }
  return false;
}

async function engineQueueDepth(server: ServerProcess): Promise<number> {
  const response = await fetch(`${server.baseUrl}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } });
  return Number(/^facecheck_face_engine_queue_depth (\d+)$/m.exec(await response.text())?.[1] ?? 0);
}

describe('the server on SIGTERM', () => {
  const servers = useServers();

  it('refuses new connections, answers the compares in flight with 200, and exits 0', async () => {
    const server = await servers.start(await servers.dataDir());
    const body = { source: await photo('kit_harington_1.jpg'), target: await photo('kit_harington_2.jpg') };

    // One worker: two compares are four jobs, one running and three waiting once both have arrived.
    const compares = [call(server, 'POST', '/compare', body), call(server, 'POST', '/compare', body)];
    expect(await until(async () => (await engineQueueDepth(server)) >= 3, 10_000)).toBe(true);
    const exit = server.kill('SIGTERM');

    expect(await until(() => refusesConnections(server.port), 5_000)).toBe(true);
    const answers = await Promise.all(compares);
    expect(answers.map((answer) => [answer.status, answer.body.match])).toEqual([
      [200, true],
      [200, true],
    ]);
    await expect(exit).resolves.toEqual({ code: 0, signal: null });
    expect(server.outputText).toContain('"msg":"Stopped"');
  });

  it('writes the monthly usage count of the calls just before SIGTERM', async () => {
    const dataDir = await servers.dataDir();
    const server = await servers.start(dataDir);
    const unknown = '0f8e2a9c-4b7d-4a55-9d1e-6f0c3b2a1e90';

    const reads = await Promise.all(Array.from({ length: 5 }, () => call(server, 'GET', `/session/${unknown}`)));
    const exit = await server.kill('SIGTERM');

    expect(reads.map((read) => read.status)).toEqual([404, 404, 404, 404, 404]);
    expect(exit).toEqual({ code: 0, signal: null });
    const month = new Date().toISOString().slice(0, 7);
    expect(JSON.parse(await readFile(join(dataDir, 'usage', `${month}.json`), 'utf8'))).toEqual({ count: 5 });
  });
});
