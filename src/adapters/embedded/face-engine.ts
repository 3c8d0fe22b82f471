import { createRequire } from 'node:module';
import path from 'node:path';
import type * as FaceApi from '@vladmandic/face-api';
import type * as Tf from '@tensorflow/tfjs';
import type { BoundingBox, DetectedFace } from '../../domain/face.js';
import { decodeImage } from './image-decoder.js';

/** A detected face with its 128-d face-api descriptor. */
export interface DescribedFace extends DetectedFace {
  readonly descriptor: Float32Array;
}

export interface FaceEngineOptions {
  /** Pictures declaring more pixels than this are refused with ImageTooLarge before decoding. */
  readonly maxPixels: number;
}

/**
 * Detector: tiny face detector, inputSize 416, scoreThreshold 0.3, chosen by measurement over
 * ../shared/faces/pairs.csv (32 photos, downscaled to 1024, one wasm thread, this machine):
 *   tiny 416 @0.5  p50 148 ms/image, misses lauren_1 → 72/78 pairs usable
 *   tiny 416 @0.3  p50 152 ms/image, every face found → 78/78, gap 0.580–0.694
 *   SSD MobileNet  p50 359 ms/image, every face found → 78/78, gap 0.572–0.665
 *   (tiny 320/512/608 @0.5 miss 2–5 photos.)
 * Tiny @0.3 is as accurate as SSD with a wider genuine/impostor gap at less than half the time,
 * which is what keeps a compare (two pictures on two workers) near the 250 ms p50 budget. It
 * also finds all three faces of multi_obama_and_biden.jpg (1 at @0.5) and none in
 * noface_background.jpg. Neither detector finds the ~40-pixel faces of multi_solvay1927.jpg.
 */
const DETECTOR = { inputSize: 416, scoreThreshold: 0.3 } as const;

/**
 * face-api on TensorFlow.js' WebAssembly backend: decode, detect, align and describe. Load it once
 * (about a second) and reuse it; it runs on the calling thread, so the service runs it inside the
 * workers of EmbeddedFaceComparer, while a benchmark may run it in-process.
 */
export class FaceEngine {
  private constructor(
    private readonly faceapi: typeof FaceApi,
    private readonly tf: typeof Tf,
    private readonly options: FaceEngineOptions,
  ) {}

  static async load(options: FaceEngineOptions): Promise<FaceEngine> {
    // The package's Node wasm build, required by absolute path: its `main` is the tfjs-node build.
    // Its own require resolves tfjs and the wasm backend, so we share one instance with it.
    const packageRequire = createRequire(import.meta.url);
    const root = path.dirname(packageRequire.resolve('@vladmandic/face-api/package.json'));
    const entry = path.join(root, 'dist', 'face-api.node-wasm.js');
    const faceRequire = createRequire(entry);
    const faceapi = faceRequire(entry) as typeof FaceApi;
    const tf = faceRequire('@tensorflow/tfjs') as typeof Tf;
    const wasm = faceRequire('@tensorflow/tfjs-backend-wasm') as { setWasmPaths(prefix: string): void };
    const wasmDir = path.join(path.dirname(faceRequire.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
    // No second `true` argument: that makes tfjs fetch() the paths, and Node's fetch cannot read files.
    wasm.setWasmPaths(wasmDir + path.sep);
    if (!(await tf.setBackend('wasm'))) throw new Error('The TensorFlow.js wasm backend failed to start.');
    await tf.ready();

    const models = path.join(root, 'model');
    await faceapi.nets.tinyFaceDetector.loadFromDisk(models);
    await faceapi.nets.faceLandmark68Net.loadFromDisk(models);
    await faceapi.nets.faceRecognitionNet.loadFromDisk(models);
    const engine = new FaceEngine(faceapi, tf, options);
    await engine.warmUp();
    return engine;
  }

  /** The first inference sets up the wasm kernels (~200 ms more): pay for it at start-up, not on a request. */
  private async warmUp(): Promise<void> {
    const blank = this.tf.zeros([160, 160, 3], 'int32') as unknown as FaceApi.tf.Tensor3D;
    try {
      const { nets, TinyFaceDetectorOptions } = this.faceapi;
      await nets.tinyFaceDetector.locateFaces(blank, new TinyFaceDetectorOptions(DETECTOR));
      await nets.faceLandmark68Net.detectLandmarks(blank);
      await nets.faceRecognitionNet.computeFaceDescriptor(blank);
    } finally {
      blank.dispose();
    }
  }

  /**
   * Every face in the picture, bounding boxes as fractions of the upright picture.
   * @throws InvalidImage, ImageTooLarge
   */
  async describe(bytes: Uint8Array, field: string): Promise<DescribedFace[]> {
    const image = await decodeImage(bytes, field, this.options.maxPixels);
    const tensor = this.tf.tensor3d(image.data, [image.height, image.width, 3], 'int32');
    try {
      const results = await this.faceapi
        .detectAllFaces(tensor, new this.faceapi.TinyFaceDetectorOptions(DETECTOR))
        .withFaceLandmarks()
        .withFaceDescriptors();
      return results.map(({ detection, descriptor }) => ({
        boundingBox: clampToImage(detection.relativeBox),
        confidence: detection.score,
        descriptor,
      }));
    } finally {
      tensor.dispose();
    }
  }
}

/** A face cut by the border gets a box reaching past it; report the part inside the picture. */
function clampToImage(box: { left: number; top: number; right: number; bottom: number }): BoundingBox {
  const left = Math.max(0, box.left);
  const top = Math.max(0, box.top);
  return { left, top, width: Math.min(1, box.right) - left, height: Math.min(1, box.bottom) - top };
}
