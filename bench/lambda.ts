/**
 * bench:lambda — cold start of the Lambda artefact with FACE_PROVIDER=rekognition: builds it with
 * scripts/build-lambda.mjs, the script `sam build` runs, then, in a fresh Node process, times the
 * import of the handler and its first and tenth GET /session/:id. Storage calls go to a local
 * S3-compatible server (s3rver) on loopback, standing in for S3.
 * Run from the project root: npm run bench:lambda
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { S3SessionRepository } from '../src/adapters/s3/s3-session-repository.js';
import { Session } from '../src/domain/session.js';
import { ms } from './stats.js';

const BUCKETS = { images: 'bench-images', sessions: 'bench-sessions' };
const TOKEN = 'bench-token-0123456789abcdefghijklmnopqrstuvwxyz';
/** Starts the line on which bench/lambda-cold-start.mjs reports. */
const RESULT = 'cold-start ';

/** Bytes of every file of the artefact, as they are and each compressed on its own, as a zip does. */
async function artefactSize(dir: string): Promise<{ bytes: number; compressed: number }> {
  const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
  const contents = await Promise.all(files.map((file) => readFile(join(file.parentPath, file.name))));
  return {
    bytes: contents.reduce((sum, content) => sum + content.length, 0),
    compressed: contents.reduce((sum, content) => sum + gzipSync(content, { level: 9 }).length, 0),
  };
}

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'facecheck-bench-lambda-'));
  const s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: join(work, 's3') });
  const { port } = await s3.run();
  try {
    const outdir = join(work, 'bundle');
    await promisify(execFile)(process.execPath, [resolve('scripts/build-lambda.mjs'), outdir]);
    const bundle = join(outdir, 'lambda.mjs');
    const size = await artefactSize(outdir);
    const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(2);
    console.log(`bundle: ${mb(size.bytes)} MB, ${mb(size.compressed)} MB compressed (lambda.mjs, its source map and capture-page/, each file gzip -9; a deployment zip is about the same)`);

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
      // As template.yaml sets it; the pool is only named to the capture page, never called here.
      COGNITO_IDENTITY_POOL_ID: 'us-east-1:0f8e2a9c-4b7d-4a55-9d1e-6f0c3b2a1e90',
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
      // The app logs JSON lines to stdout as well, some of them after the measurement: find its line.
      const run = JSON.parse(stdout.split('\n').find((line) => line.startsWith(RESULT))?.slice(RESULT.length) ?? '') as ColdStart;
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
