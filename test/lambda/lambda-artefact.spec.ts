import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { apiGatewayEvent } from './api-gateway-event.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUILT_PAGE = join(ROOT, 'dist', 'capture-page');

/**
 * The artefact `sam build` packages (the Makefile runs scripts/build-lambda.mjs), built from the
 * current dist/ (`npm run build` first) and run as Lambda runs it: a fresh process importing the
 * bundle, nothing else of the project at hand.
 */
describe('Lambda artefact (scripts/build-lambda.mjs)', () => {
  let outdir: string;
  let dataDir: string;

  const invoke = async (...events: ReturnType<typeof apiGatewayEvent>[]): Promise<(APIGatewayProxyResult & { bytes: Buffer })[]> => {
    const env = { ...process.env, ENVIRONMENT: 'production', API_TOKEN: 'artefact-token-0123456789abcdefghijklmnopqrstuvwxyz', FACE_PROVIDER: 'rekognition', STORAGE: 'fs', DATA_DIR: dataDir, AWS_REGION: 'eu-west-1', LOG_LEVEL: 'silent' };
    const { stdout } = await run(process.execPath, [join(ROOT, 'test', 'lambda', 'invoke-bundle.mjs'), join(outdir, 'lambda.mjs'), JSON.stringify(events)], { env, cwd: outdir, maxBuffer: 64 * 1024 * 1024 });
    const results = JSON.parse(stdout.split('\n').find((line) => line.startsWith('results '))?.slice('results '.length) ?? '') as APIGatewayProxyResult[];
    return results.map((result) => ({ ...result, bytes: Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8') }));
  };

  beforeAll(async () => {
    outdir = await mkdtemp(join(tmpdir(), 'facecheck-artefact-'));
    dataDir = await mkdtemp(join(tmpdir(), 'facecheck-artefact-data-'));
    await run(process.execPath, [join(ROOT, 'scripts', 'build-lambda.mjs'), outdir], { cwd: ROOT });
  });
  afterAll(async () => {
    await rm(outdir, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  });

  it('holds the bundle, its source map and every file of the built capture page beside it', async () => {
    expect((await readdir(outdir)).sort()).toEqual(['capture-page', 'lambda.mjs', 'lambda.mjs.map']);
    expect((await readdir(join(outdir, 'capture-page'), { recursive: true })).sort()).toEqual((await readdir(BUILT_PAGE, { recursive: true })).sort());
  });

  it('answers GET /liveness with the built page, and serves every file of it byte for byte, through the bundled handler', async () => {
    const files = (await readdir(BUILT_PAGE)).filter((name) => name !== 'index.html');
    const [page, ...served] = await invoke(apiGatewayEvent('GET', '/liveness'), ...files.map((name) => apiGatewayEvent('GET', `/liveness/${name}`)));

    expect(page.statusCode).toBe(200);
    expect(page.multiValueHeaders?.['content-type']).toEqual([expect.stringMatching(/^text\/html/)]);
    expect(page.bytes.toString('utf8')).toContain('src="liveness/capture.js"');
    for (const [i, name] of files.entries()) {
      // Binary files (the WebAssembly ones) only survive API Gateway base64-encoded.
      const { statusCode, bytes } = served[i];
      expect({ name, statusCode, intact: bytes.equals(await readFile(join(BUILT_PAGE, name))) }).toEqual({ name, statusCode: 200, intact: true });
    }
  });
});
