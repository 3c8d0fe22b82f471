// Bundles the liveness capture page (src/capture-page) into dist/capture-page, where
// CapturePageController serves it from: capture.js (one minified script), capture.css, index.html,
// and for sessions in Rekognition mode, loaded only then: rekognition.js (an ES module with React
// and Amplify's FaceLivenessDetector), rekognition.css (Amplify's styles) and the TensorFlow.js
// WebAssembly binaries the detector's face finder runs on.
import { copyFile, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const SOURCE = new URL('../src/capture-page/', import.meta.url);
const TARGET = new URL('../dist/capture-page/', import.meta.url);
/** The tfjs-backend-wasm release the detector was built against, not the project's own (src/adapters). */
const DETECTOR_WASM = new URL('../node_modules/@aws-amplify/ui-react-liveness/node_modules/@tensorflow/tfjs-backend-wasm/dist/', import.meta.url);
/**
 * Without and with SIMD; the threaded build needs a cross-origin isolated page, which this is not.
 * The server's asset list (capture-page.controller.ts) names the same files.
 */
const WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm'];

const common = {
  bundle: true,
  minify: true,
  // Browsers of 2021 on, phones included. Safari 14.1 rather than 14.0, whose destructuring
  // bug esbuild cannot compile around.
  target: ['es2020', 'chrome90', 'firefox90', 'safari14.1', 'ios14.5'],
  legalComments: 'none',
  logLevel: 'warning',
};

await mkdir(TARGET, { recursive: true });
await Promise.all([
  build({
    ...common,
    entryPoints: [fileURLToPath(new URL('capture.ts', SOURCE))],
    outfile: fileURLToPath(new URL('capture.js', TARGET)),
    format: 'iife',
  }),
  build({
    ...common,
    entryPoints: [
      { in: fileURLToPath(new URL('rekognition/rekognition-check.tsx', SOURCE)), out: 'rekognition' },
      { in: fileURLToPath(import.meta.resolve('@aws-amplify/ui-react-liveness/styles.css')), out: 'rekognition' },
    ],
    outdir: fileURLToPath(TARGET),
    // An ES module: capture.ts import()s it, and it finds its stylesheet and binaries by import.meta.url.
    format: 'esm',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
  }),
  ...['index.html', 'capture.css'].map((name) => copyFile(new URL(name, SOURCE), new URL(name, TARGET))),
  ...WASM_FILES.map((name) => copyFile(new URL(name, DETECTOR_WASM), new URL(name, TARGET))),
]);
