import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Tf from '@tensorflow/tfjs';
import type * as HumanLib from '@vladmandic/human';

/** What we use of human's tfjs (typed `any` by human): tfjs-core, the copy face-api uses too. */
export type HumanTf = Pick<typeof Tf, 'io' | 'tidy' | 'zeros' | 'tensor3d' | 'getBackend' | 'memory'>;

/** A loaded human, its `tf` typed. */
export type Human = Omit<HumanLib.Human, 'tf'> & { readonly tf: HumanTf };

/** The models FrameAnalyzer needs; load() fails unless every one is loaded. */
const MODELS = ['blazeface', 'facemesh', 'iris', 'antispoof', 'liveness'] as const;

/**
 * Only the face pipeline, with every result cache off: frames of different sessions share one
 * instance, so no frame may reuse boxes or scores from the previous one (human's defaults reuse
 * them for up to 99 frames / 4 s, and skip frames that look alike).
 */
const CONFIG: Partial<HumanLib.Config> = {
  backend: 'wasm',
  debug: false,
  async: false,
  warmup: 'none',
  cacheSensitivity: 0,
  filter: { enabled: false },
  face: {
    enabled: true,
    detector: { rotation: false, maxDetected: 4, minConfidence: 0.2, skipFrames: 0, skipTime: 0, return: false },
    mesh: { enabled: true },
    attention: { enabled: false },
    iris: { enabled: true }, // refines the eyelid points: see eye-openness.ts for the measurement
    emotion: { enabled: false },
    description: { enabled: false },
    antispoof: { enabled: true, skipFrames: 0, skipTime: 0 },
    liveness: { enabled: true, skipFrames: 0, skipTime: 0 },
  },
  body: { enabled: false },
  hand: { enabled: false },
  object: { enabled: false },
  gesture: { enabled: false },
  segmentation: { enabled: false },
};

/**
 * @vladmandic/human on TensorFlow.js' wasm backend, its models read from the package's `models`
 * directory, with no network. Runs on the calling thread; load once per thread and reuse.
 */
export async function loadHuman(): Promise<Human> {
  // The package's `exports` cannot name the wasm build (its keys lack "./"), and its Node entry
  // needs tfjs-node: resolve the package's entry only to find its directory, then require the wasm
  // build by absolute path. Its own require resolves tfjs-core, which face-api shares (same copy).
  const root = path.dirname(path.dirname(createRequire(import.meta.url).resolve('@vladmandic/human')));
  const entry = path.join(root, 'dist', 'human.node-wasm.js');
  const humanRequire = createRequire(entry);
  const { Human } = humanRequire(entry) as typeof HumanLib;
  const wasmDir = path.join(path.dirname(humanRequire.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
  // human calls setWasmPaths(wasmPath, wasmPlatformFetch = false): plain paths, no fetch().
  const human: Human = new Human({
    ...CONFIG,
    wasmPath: wasmDir + path.sep,
    modelBasePath: pathToFileURL(path.join(root, 'models')).href + '/',
  });
  registerFileLoader(human.tf);
  await human.load();
  const missing = MODELS.filter((name) => !human.models.loaded().includes(name));
  // human logs a failed model load and carries on without it; a service must not.
  if (missing.length > 0) throw new Error(`human could not load its models: ${missing.join(', ')}.`);
  if (human.tf.getBackend() !== 'wasm') throw new Error('The TensorFlow.js wasm backend failed to start.');
  warmUp(human);
  return human;
}

/** tfjs instances (one per thread) that already read file:// URLs: a second router would make loads ambiguous. */
const withFileLoader = new WeakSet<object>();

/**
 * Lets tfjs load `file://` model URLs from disk. human hands model URLs to tfjs, whose wasm build
 * knows only http(s) (through fetch, which in Node cannot read files): this router reads the
 * model.json and its weight shards itself.
 */
function registerFileLoader(tf: HumanTf): void {
  if (withFileLoader.has(tf.io)) return;
  withFileLoader.add(tf.io);
  const router = (url: string | string[]): Tf.io.IOHandler | null => {
    if (typeof url !== 'string' || !url.startsWith('file://')) return null;
    const modelUrl = new URL(url);
    return {
      load: async () => {
        const json = JSON.parse(await readFile(modelUrl, 'utf8')) as Tf.io.ModelJSON;
        return tf.io.getModelArtifactsForJSON(json, async (manifest) => {
          const files = manifest.flatMap((group) => group.paths.map((file) => new URL(file, modelUrl)));
          const shards = await Promise.all(files.map(async (file) => new Uint8Array(await readFile(file)).buffer));
          return [manifest.flatMap((group) => group.weights), tf.io.concatenateArrayBuffers(shards)];
        });
      },
    };
  };
  // tfjs' IORouter type omits the null a router returns for URLs it does not handle.
  tf.io.registerLoadRouter(router as Parameters<HumanTf['io']['registerLoadRouter']>[0]);
}

/** Runs every model once on zeros: the first inference sets up the wasm kernels (~250 ms more). */
function warmUp(human: Human): void {
  const { tf } = human;
  for (const model of Object.values(human.models.models)) {
    const shape = model?.inputs[0]?.shape?.map((size) => (size > 0 ? size : 1));
    if (!model || !shape) continue;
    tf.tidy(() => void model.execute(tf.zeros(shape)));
  }
}
