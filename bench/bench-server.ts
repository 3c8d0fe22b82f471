import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The built server (`dist/main.js`) in a child process on loopback, as a user would run it. */
export class BenchServer {
  private constructor(
    readonly baseUrl: string,
    readonly token: string,
    private readonly child: ChildProcess,
    private readonly dataDir: string,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<BenchServer> {
    const port = await freePort();
    const token = 'bench-token-0123456789abcdefghijklmnopqrstuvwxyz';
    const dataDir = await mkdtemp(join(tmpdir(), 'facecheck-bench-'));
    const child = spawn(process.execPath, ['dist/main.js'], {
      env: { ...process.env, API_TOKEN: token, DATA_DIR: dataDir, PORT: String(port), RATE_LIMIT: '100000', BURST_LIMIT: '100000', ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const server = new BenchServer(`http://127.0.0.1:${port}`, token, child, dataDir);
    await server.waitUntilReady();
    return server;
  }

  async post(path: string, body: unknown): Promise<{ status: number; body: any; ms: number }> {
    const started = performance.now();
    const res = await fetch(this.baseUrl + path, {
      method: 'POST',
      headers: { Authorization: `Bearer ${this.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = await res.json();
    return { status: res.status, body: json, ms: performance.now() - started };
  }

  /** Peak resident set size of the server process (all its threads), in MiB, from /proc. */
  async peakRssMiB(): Promise<number> {
    const status = await readFile(`/proc/${this.child.pid}/status`, 'utf8');
    const kib = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]);
    return kib / 1024;
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
    await rm(this.dataDir, { recursive: true, force: true });
  }

  private async waitUntilReady(): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error('The server exited during start-up; run `npm run build` first.');
      const ok = await fetch(`${this.baseUrl}/health`).then((r) => r.ok, () => false);
      if (ok) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error('The server did not become ready within 60 s.');
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
