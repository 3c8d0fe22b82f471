// Builds the Lambda artefact into <outdir>: lambda.mjs (handler `lambda.handler`) with its source
// map, and beside it capture-page/, the built liveness page the server serves from there.
// `sam build` runs it through the Makefile; bench:lambda and test/lambda run it too, so what they
// measure and test is what is deployed. Bundles tsc's output: run `npm run build` first.
// Usage: node scripts/build-lambda.mjs <outdir>
import { access, cp } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = new URL('../', import.meta.url);
const ENTRY = fileURLToPath(new URL('dist/lambda.js', ROOT));
const CAPTURE_PAGE = fileURLToPath(new URL('dist/capture-page/', ROOT));

const [outdir] = process.argv.slice(2);
if (!outdir) {
  console.error('usage: node scripts/build-lambda.mjs <outdir>');
  process.exit(2);
}
for (const built of [ENTRY, CAPTURE_PAGE]) {
  await access(built).catch(() => {
    console.error(`${built} is missing: run \`npm run build\` first.`);
    process.exit(1);
  });
}

await build({
  // esbuild does not emit TypeScript's decorator metadata, and NestJS injects by those types, so
  // this bundles tsc's output, not src/*.ts.
  entryPoints: [ENTRY],
  outdir: resolve(outdir),
  bundle: true,
  platform: 'node',
  format: 'esm',
  outExtension: { '.js': '.mjs' }, // lambda.mjs: ESM whatever package.json says
  target: 'es2022',
  // Minifying renames classes, and Swagger names the /openapi.json schemas after them.
  minify: false,
  sourcemap: true,
  sourcesContent: false,
  // Some CommonJS dependencies call require() on Node built-ins; ESM output has no require.
  banner: { js: "import { createRequire as __facecheckCreateRequire } from 'node:module'; const require = __facecheckCreateRequire(import.meta.url);" },
  external: [
    // The embedded engine (worker threads, wasm, models, native sharp) is loaded lazily and
    // cannot live in one bundle; leaving it out keeps a Rekognition function small.
    './embedded/*',
    'sharp',
    '@tensorflow/*',
    '@vladmandic/*',
    // Optional peers NestJS and @nestjs/swagger import only when those features are used.
    '@nestjs/microservices',
    '@nestjs/microservices/*',
    '@nestjs/websockets',
    '@nestjs/websockets/*',
    '@fastify/static',
  ],
  logLevel: 'warning',
});
await cp(CAPTURE_PAGE, resolve(outdir, 'capture-page'), { recursive: true });
