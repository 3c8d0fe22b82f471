/**
 * bench:lambda — cold start of the Lambda bundle with FACE_PROVIDER=rekognition: bundles tsc's output
 * exactly as template.yaml tells `sam build` (its esbuild BuildProperties), then, in a fresh Node
 * process, times the import of the handler and its first and tenth GET /session/:id. Storage calls
 * go to a local S3-compatible server (s3rver) on loopback, standing in for S3.
 * Run from the project root: npm run bench:lambda
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { build, type BuildOptions } from 'esbuild';
import S3rver from 's3rver';
import { S3SessionRepository } from '../src/adapters/s3/s3-session-repository.js';
import { Session } from '../src/domain/session.js';
import { loadTemplate } from '../test/deploy/cfn-yaml.js';
import { ms } from './stats.js';

const BUCKETS = { images: 'bench-images', sessions: 'bench-sessions' };
const TOKEN = 'bench-token-0123456789abcdefghijklmnopqrstuvwxyz';

interface EsbuildProperties {
  EntryPoints: string[];
  Format: 'esm' | 'cjs';
  OutExtension?: string[];
  Target: string;
  Minify?: boolean;
  Sourcemap?: boolean;
  SourcesContent?: boolean;
  Banner?: string[];
  External?: string[];
}

/** template.yaml's esbuild BuildProperties as esbuild API options, so the bench measures what SAM deploys. */
function esbuildOptions(outdir: string): BuildOptions {
  const properties = loadTemplate('template.yaml').Resources.Function.Metadata.BuildProperties as EsbuildProperties;
  const pairs = (list: string[] = [], separator: string) => Object.fromEntries(list.map((entry) => [entry.slice(0, entry.indexOf(separator)), entry.slice(entry.indexOf(separator) + 1)]));
  return {
    entryPoints: properties.EntryPoints,
    outdir,
    bundle: true,
    platform: 'node',
    format: properties.Format,
    outExtension: pairs(properties.OutExtension, '='),
    target: properties.Target,
    minify: properties.Minify ?? false,
    sourcemap: properties.Sourcemap ?? false,
    sourcesContent: properties.SourcesContent ?? true,
    banner: pairs(properties.Banner, '='),
    external: properties.External ?? [],
    logLevel: 'error',
  };
}

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'facecheck-bench-lambda-'));
  const s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: join(work, 's3') });
  const { port } = await s3.run();
  try {
    const outdir = join(work, 'bundle');
    await build(esbuildOptions(outdir));
    const bundle = join(outdir, 'lambda.mjs');
    const bytes = await readFile(bundle);
    console.log(`bundle: ${(bytes.length / 1024 / 1024).toFixed(2)} MB, ${(gzipSync(bytes, { level: 9 }).length / 1024 / 1024).toFixed(2)} MB compressed (gzip -9; a deployment zip is about the same)`);

    const env = {
      ...process.env,
      AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${port}`,
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      AWS_REGION: 'us-east-1',
      ENVIRONMENT: 'production',
      API_TOKEN: TOKEN,
      FACE_PROVIDER: 'rekognition',
      STORAGE: 's3',
      IMAGES_BUCKET: BUCKETS.images,
      SESSIONS_BUCKET: BUCKETS.sessions,
      NODE_NO_WARNINGS: '1',
    };
    Object.assign(process.env, env);
    const client = new S3Client({});
    for (const bucket of Object.values(BUCKETS)) await client.send(new CreateBucketCommand({ Bucket: bucket }));
    const session = Session.create({ id: crypto.randomUUID(), clientRequestToken: 'bench', requestFingerprint: 'bench', referenceImageKey: null, createdAt: new Date(), lifetimeSeconds: 600, capture: { lifetimeSeconds: 300, returnUrl: null } });
    await new S3SessionRepository(client, BUCKETS.sessions).createUnlessTokenHeld(session, new Date());

    // Asynchronously: the S3 stand-in runs in this process and must answer the child meanwhile.
    for (const i of [0, 1, 2]) {
      const { stdout } = await promisify(execFile)(process.execPath, [resolve('bench/lambda-cold-start.mjs'), bundle, session.id], { env });
      // The app logs JSON lines to stdout as well; the measurement is the last line.
      const run = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as ColdStart;
      const [first, tenth] = [run.answers[0], run.answers[9]];
      console.log(
        `cold start ${i + 1}: import ${ms(run.importMs)}, first GET /session/:id ${first.status} answered at ${ms(first.doneAt)} after process start (${ms(first.took)}), tenth ${tenth.status} in ${ms(tenth.took)}`,
      );
    }
  } finally {
    await s3.close();
    await rm(work, { recursive: true, force: true });
  }
}

interface ColdStart {
  importMs: number;
  answers: { status: number; doneAt: number; took: number }[];
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
