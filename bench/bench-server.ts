import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServerProcess } from '../test/process/server-process.js';

export { freePort } from '../test/process/server-process.js';

/** The built server (`dist/main.js`) in a child process on loopback, as a user would run it. */
export class BenchServer {
  private constructor(
    readonly token: string,
    private readonly server: ServerProcess,
    private readonly dataDir: string,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<BenchServer> {
    const token = 'bench-token-0123456789abcdefghijklmnopqrstuvwxyz';
    const dataDir = await mkdtemp(join(tmpdir(), 'facecheck-bench-'));
    return new BenchServer(token, await ServerProcess.start({ token, dataDir, env, output: 'inherit-errors' }), dataDir);
  }

  get baseUrl(): string {
    return this.server.baseUrl;
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
  peakRssMiB(): Promise<number> {
    return this.procStatusMiB('VmHWM');
  }

  /** Current resident set size of the server process, in MiB. */
  rssMiB(): Promise<number> {
    return this.procStatusMiB('VmRSS');
  }

  private async procStatusMiB(field: 'VmHWM' | 'VmRSS'): Promise<number> {
    const status = await readFile(`/proc/${this.server.pid}/status`, 'utf8');
    const kib = Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1]);
    return kib / 1024;
  }

  async stop(): Promise<void> {
    await this.server.kill('SIGTERM');
    await rm(this.dataDir, { recursive: true, force: true });
  }
}
