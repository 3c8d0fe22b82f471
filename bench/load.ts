/**
 * bench:load — drives the built server from this process over loopback with autocannon:
 * GET /session/:id at full speed against a bare NestJS "hello" route measured in the same run, then
 * a mixed soak (reads, creates and /compare at a rate two cores sustain) for BENCH_SOAK_SECONDS
 * (default 300) while the server's RSS is sampled.
 * Run from the project root: npm run bench:load
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import autocannon, { type Options, type Result } from 'autocannon';
import sharp from 'sharp';
import { BenchServer, freePort } from './bench-server.js';
import { readFaceSetFile } from './face-set.js';
import { ms } from './stats.js';

/**
 * The bare route and the session read take turns, three times five seconds each: this shared VM's
 * speed drifts by several per cent within a minute, and one fifteen-second run of each put the
 * drift into the ratio (±3 points from run to run).
 */
const FULL_SPEED_ROUNDS = 3;
const ROUND_SECONDS = 5;
/** Unreported, before the rounds: both servers' request paths are compiled by then. */
const WARM_UP_SECONDS = 2;
const SOAK_SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 300);
const RSS_SAMPLE_MS = 15_000;
const WARM_UP_COMPARES = 40;

function cannon(options: Options): Promise<Result> {
  return autocannon({ connections: 10, ...options });
}

/** Requests that failed: socket errors, timeouts and any answer outside 2xx. */
function failures(result: Result): number {
  return result.errors + result.timeouts + result.non2xx;
}

function report(label: string, result: Result): void {
  console.log(
    `${label}  ${result.requests.average.toFixed(0)} req/s  p50 ${ms(result.latency.p50)}  p99 ${ms(result.latency.p99)}  requests ${result.requests.total}  errors ${failures(result)}`,
  );
}

async function startHello(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/hello-server.ts', String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await once(child.stdout, 'data');
  return { url: `http://127.0.0.1:${port}`, child };
}

async function webcamJpeg(name: string): Promise<string> {
  const jpeg = await sharp(await readFaceSetFile(name)).rotate().resize(640, 480, { fit: 'contain', background: '#808080' }).jpeg({ quality: 90 }).toBuffer();
  return jpeg.toString('base64');
}

async function main(): Promise<void> {
  const server = await BenchServer.start({ MONTH_LIMIT: '1000000000' });
  const hello = await startHello();
  const auth = { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' };
  try {
    const { body } = await server.post('/session', { clientRequestToken: 'bench-load' });
    const sessionUrl = `${server.baseUrl}/session/${body.SessionId}`;
    const rssStart = await server.rssMiB();

    const bareRun = (duration: number) => cannon({ url: `${hello.url}/hello`, duration });
    const readRun = (duration: number) => cannon({ url: sessionUrl, headers: auth, duration });
    await bareRun(WARM_UP_SECONDS);
    await readRun(WARM_UP_SECONDS);
    const rounds: { bare: number; reads: number }[] = [];
    for (let round = 1; round <= FULL_SPEED_ROUNDS; round++) {
      const bare = await bareRun(ROUND_SECONDS);
      report(`bare NestJS GET /hello, round ${round}`.padEnd(32), bare);
      const reads = await readRun(ROUND_SECONDS);
      report(`GET /session/:id, round ${round}`.padEnd(32), reads);
      rounds.push({ bare: bare.requests.total, reads: reads.requests.total });
    }
    const percent = ({ bare, reads }: { bare: number; reads: number }) => `${((100 * reads) / bare).toFixed(0)} %`;
    const total = rounds.reduce((sum, round) => ({ bare: sum.bare + round.bare, reads: sum.reads + round.reads }), { bare: 0, reads: 0 });
    console.log(`GET /session/:id throughput = ${percent(total)} of the bare NestJS route (rounds: ${rounds.map(percent).join(', ')})`);

    const compareBody = JSON.stringify({ source: await webcamJpeg('obama_1.jpg'), target: await webcamJpeg('obama_2.jpg') });
    // The engine's wasm heaps grow on their first compares and then stay: warm them up first, so
    // the soak's RSS shows leaks, not first use.
    await cannon({ url: `${server.baseUrl}/compare`, method: 'POST', headers: auth, body: compareBody, amount: WARM_UP_COMPARES, connections: 2 });
    const rssWarm = await server.rssMiB();
    let created = 0;
    const samples: number[] = [await server.rssMiB()];
    const sampler = setInterval(() => void server.rssMiB().then((rss) => samples.push(rss)), RSS_SAMPLE_MS);
    const [soakReads, soakCreates, soakCompares] = await Promise.all([
      cannon({ url: sessionUrl, headers: auth, duration: SOAK_SECONDS, connections: 4, overallRate: 200 }),
      cannon({
        url: `${server.baseUrl}/session`,
        method: 'POST',
        headers: auth,
        duration: SOAK_SECONDS,
        connections: 2,
        overallRate: 20,
        requests: [{ setupRequest: (request) => ({ ...request, body: JSON.stringify({ clientRequestToken: `soak-${created++}` }) }) }],
      }),
      cannon({ url: `${server.baseUrl}/compare`, method: 'POST', headers: auth, body: compareBody, duration: SOAK_SECONDS, connections: 2, overallRate: 5 }),
    ]);
    clearInterval(sampler);
    samples.push(await server.rssMiB());
    console.log(`mixed soak, ${SOAK_SECONDS} s:`);
    report('  GET /session/:id at 200/s  ', soakReads);
    report('  POST /session at 20/s      ', soakCreates);
    report('  POST /compare at 5/s       ', soakCompares);
    const [soakStart, soakEnd] = [samples[0], samples.at(-1) ?? Number.NaN];
    console.log(
      `server RSS: ${rssStart.toFixed(0)} MiB at start, ${rssWarm.toFixed(0)} MiB after ${WARM_UP_COMPARES} warm-up compares, ${soakStart.toFixed(0)} MiB when the soak began, ${soakEnd.toFixed(0)} MiB at its end (${(((soakEnd - soakStart) / soakStart) * 100).toFixed(1)} %), max ${Math.max(...samples).toFixed(0)} MiB`,
    );
  } finally {
    hello.child.kill('SIGTERM');
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
