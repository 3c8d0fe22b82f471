// Bundles the liveness capture page (src/capture-page) into dist/capture-page, where
// CapturePageController serves it from: capture.js (one minified script), capture.css, index.html.
import { copyFile, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const SOURCE = new URL('../src/capture-page/', import.meta.url);
const TARGET = new URL('../dist/capture-page/', import.meta.url);

await mkdir(TARGET, { recursive: true });
await build({
  entryPoints: [fileURLToPath(new URL('capture.ts', SOURCE))],
  outfile: fileURLToPath(new URL('capture.js', TARGET)),
  bundle: true,
  format: 'iife',
  minify: true,
  // Browsers of 2021 on, phones included. Safari 14.1 rather than 14.0, whose destructuring
  // bug esbuild cannot compile around.
  target: ['es2020', 'chrome90', 'firefox90', 'safari14.1', 'ios14.5'],
  legalComments: 'none',
  logLevel: 'warning',
});
await Promise.all(['index.html', 'capture.css'].map((name) => copyFile(new URL(name, SOURCE), new URL(name, TARGET))));
