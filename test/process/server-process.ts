import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdir, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const MAIN = join(ROOT, 'dist', 'main.js');
/** Each process keeps at most this much of its output, for the error message of a failed start. */
const OUTPUT_KEPT = 64 * 1024;

export interface ServerProcessOptions {
  readonly token: string;
  readonly dataDir: string;
  /** Added to (and overriding) the parent's environment, after the defaults below. */
  readonly env?: Readonly<Record<string, string>>;
  /** How long to wait for /health to answer 200; default 60 s. */
  readonly readyTimeoutMs?: number;
  /**
   * `keep` (default): standard output and error are kept for `outputText`. `inherit-errors`, for
   * benchmarks: the log lines are dropped unread, standard error goes to this process's.
   */
  readonly output?: 'keep' | 'inherit-errors';
}

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/**
 * The built server (`dist/main.js`) in a child process on a free loopback port, as a user runs it:
 * the process tests and the benchmarks start it through here. Rate limits are lifted unless `env`
 * sets them.
 */
export class ServerProcess {
  /** Settles once the process has exited, however it did. */
  readonly exited: Promise<Exit>;
  private readonly chunks: Buffer[] = [];
  private kept = 0;

  private constructor(
    readonly baseUrl: string,
    readonly port: number,
    private readonly child: ChildProcess,
  ) {
    this.exited = once(child, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null }));
    const keep = (chunk: Buffer) => {
      this.chunks.push(chunk);
      for (this.kept += chunk.length; this.kept - this.chunks[0].length >= OUTPUT_KEPT; ) this.kept -= this.chunks.shift()!.length;
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  }

  static async start(options: ServerProcessOptions): Promise<ServerProcess> {
    await assertBuildIsCurrent();
    const port = await freePort();
    const child = spawn(process.execPath, [MAIN], {
      cwd: ROOT,
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        RATE_LIMIT: '100000',
        BURST_LIMIT: '100000',
        ...options.env,
        API_TOKEN: options.token,
        DATA_DIR: options.dataDir,
        PORT: String(port),
      },
      stdio: options.output === 'inherit-errors' ? ['ignore', 'ignore', 'inherit'] : ['ignore', 'pipe', 'pipe'],
    });
    const server = new ServerProcess(`http://127.0.0.1:${port}`, port, child);
    try {
      await server.waitUntilReady(options.readyTimeoutMs ?? 60_000);
    } catch (error) {
      await server.kill('SIGKILL');
      throw error;
    }
    return server;
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Standard output and error so far (about the last 64 KiB): JSON log lines, and anything printed outside them. */
  get outputText(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }

  /** Sends `signal` and waits for the process to exit. Safe to call after it has exited. */
  async kill(signal: NodeJS.Signals): Promise<Exit> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }

  private async waitUntilReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null || this.child.signalCode !== null) {
        throw new Error(`The server exited during start-up:\n${this.outputText}`);
      }
      const ok = await fetch(`${this.baseUrl}/health`).then((r) => r.ok, () => false);
      if (ok) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`The server did not become ready within ${timeoutMs} ms:\n${this.outputText}`);
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Refuses to test or measure a stale build: dist/main.js must be newer than every file in src/. */
async function assertBuildIsCurrent(): Promise<void> {
  const built = await stat(MAIN).then((s) => s.mtimeMs, () => null);
  if (built === null) throw new Error('dist/main.js is missing: run `npm run build` first.');
  const sources = await readdir(join(ROOT, 'src'), { recursive: true, withFileTypes: true });
  for (const entry of sources) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    if ((await stat(path)).mtimeMs > built) throw new Error(`dist/ is older than ${path}: run \`npm run build\` first.`);
  }
}
