/**
 * bench:compare — POST /compare over HTTP against the built server, the engine alone in-process on
 * the same images, the server's peak RSS, and accuracy at the default threshold on pairs.csv.
 * Run from the project root: npm run bench:compare
 */
import { availableParallelism, cpus } from 'node:os';
import sharp from 'sharp';
import { FaceEngine } from '../src/adapters/embedded/face-engine.js';
import { matchFaces } from '../src/adapters/embedded/match-faces.js';
import { BenchServer } from './bench-server.js';
import { loadPairsOrExit, readFaceSetFile } from './face-set.js';
import { ms, quantile, runConcurrently } from './stats.js';

const MAX_PIXELS = 25_000_000;
const ROUNDS = { warmUp: 4, concurrency1: 40, concurrency4: 60, engine: 30 };

/** A face-set photo fitted into a 640×480 JPEG frame, the size of a webcam capture. */
async function webcamSized(name: string): Promise<Buffer> {
  return sharp(await readFaceSetFile(name))
    .rotate()
    .resize(640, 480, { fit: 'contain', background: '#808080' })
    .jpeg({ quality: 90 })
    .toBuffer();
}

function report(label: string, durations: number[], wallMs: number): void {
  const perSecond = (durations.length / wallMs) * 1000;
  console.log(`${label}  n=${durations.length}  p50 ${ms(quantile(durations, 0.5))}  p95 ${ms(quantile(durations, 0.95))}  ${perSecond.toFixed(1)} compares/s`);
}

async function benchHttp(server: BenchServer, body: object): Promise<number> {
  const compareOnce = async () => {
    const res = await server.post('/compare', body);
    if (res.status !== 200) throw new Error(`POST /compare answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.ms;
  };
  await runConcurrently(ROUNDS.warmUp, 1, compareOnce);
  const sequential = await runConcurrently(ROUNDS.concurrency1, 1, compareOnce);
  report('POST /compare  concurrency 1', sequential.durations, sequential.wallMs);
  const parallel = await runConcurrently(ROUNDS.concurrency4, 4, compareOnce);
  report('POST /compare  concurrency 4', parallel.durations, parallel.wallMs);
  return quantile(sequential.durations, 0.5);
}

async function benchEngine(source: Buffer, target: Buffer): Promise<number> {
  const engine = await FaceEngine.load({ maxPixels: MAX_PIXELS });
  const compareOnce = async () => {
    const started = performance.now();
    matchFaces(await engine.describe(source, 'source'), await engine.describe(target, 'target'));
    return performance.now() - started;
  };
  await runConcurrently(ROUNDS.warmUp, 1, compareOnce);
  const run = await runConcurrently(ROUNDS.engine, 1, compareOnce);
  report('engine in-process, one thread, no HTTP', run.durations, run.wallMs);
  return quantile(run.durations, 0.5);
}

async function benchAccuracy(server: BenchServer): Promise<void> {
  const pairs = await loadPairsOrExit();
  let correct = 0;
  let threshold = Number.NaN;
  const wrong: string[] = [];
  for (const pair of pairs) {
    const body = { source: (await readFaceSetFile(pair.a)).toString('base64'), target: (await readFaceSetFile(pair.b)).toString('base64') };
    const res = await server.post('/compare', body);
    threshold = res.body.threshold ?? threshold;
    const match = res.status === 200 && res.body.match === true;
    if (match === pair.same && (res.status === 200 || !pair.same)) correct++;
    else wrong.push(`${pair.a} ~ ${pair.b} (${pair.same ? 'same' : 'different'}): ${res.status} ${res.body.comparisonResult ?? res.body.message}`);
  }
  const genuine = pairs.filter((p) => p.same).length;
  console.log(`accuracy at threshold ${threshold} on pairs.csv: ${correct}/${pairs.length} = ${((100 * correct) / pairs.length).toFixed(1)} % (${genuine} genuine, ${pairs.length - genuine} impostor pairs)`);
  for (const line of wrong) console.log(`  wrong: ${line}`);
}

async function main(): Promise<void> {
  await loadPairsOrExit();
  const [source, target] = await Promise.all([webcamSized('obama_1.jpg'), webcamSized('obama_2.jpg')]);
  const size = async (image: Buffer) => {
    const { width, height } = await sharp(image).metadata();
    return `${width}×${height}, ${(image.length / 1024).toFixed(0)} KiB`;
  };
  console.log(`machine: ${availableParallelism()} cores (${cpus()[0]?.model.trim()}), Node ${process.version}`);
  console.log(`images: obama_1.jpg ${await size(source)}, obama_2.jpg ${await size(target)} (JPEG q90)`);

  const server = await BenchServer.start();
  try {
    const body = { source: source.toString('base64'), target: target.toString('base64') };
    const httpP50 = await benchHttp(server, body);
    await benchAccuracy(server);
    console.log(`server peak RSS: ${(await server.peakRssMiB()).toFixed(0)} MiB (main thread + ${availableParallelism()} engine workers)`);
    const engineP50 = await benchEngine(source, target);
    console.log(`HTTP p50 / engine p50 = ${(httpP50 / engineP50).toFixed(2)} (the server describes source and target on two workers at once)`);
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
