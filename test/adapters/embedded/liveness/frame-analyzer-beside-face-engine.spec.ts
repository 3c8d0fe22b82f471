import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type * as Tf from '@tensorflow/tfjs';
import { FaceEngine } from '../../../../src/adapters/embedded/face-engine.js';
import { FrameAnalyzer } from '../../../../src/adapters/embedded/liveness/frame-analyzer.js';

/**
 * A liveness worker needs both: human for the per-frame checks, face-api for "same person
 * throughout". They resolve the same tfjs-core, so one thread can hold both on one wasm backend.
 */
describe('FrameAnalyzer beside FaceEngine in one thread', () => {
  let analyzer: FrameAnalyzer;
  let engine: FaceEngine;
  let frame: Buffer;

  beforeAll(async () => {
    engine = await FaceEngine.load({ maxPixels: 25_000_000 });
    analyzer = await FrameAnalyzer.load({ maxPixels: 25_000_000 });
    frame = await readFile(new URL('../../../fixtures/liveness/blink_man_eyes_open.jpg', import.meta.url));
  });

  it('analyses a frame, and face-api describes it the same before and after', async () => {
    const [before] = await engine.describe(frame, 'frame');
    const { faces } = await analyzer.analyze(frame);
    const [after] = await engine.describe(frame, 'frame');
    expect(faces).toHaveLength(1);
    expect(Array.from(after.descriptor)).toEqual(Array.from(before.descriptor));
  });

  it('leaves no tensor behind per frame', async () => {
    const tf = createRequire(import.meta.url)('@tensorflow/tfjs-core') as typeof Tf;
    await analyzer.analyze(frame);
    const tensors = tf.memory().numTensors;
    expect(tensors).toBeGreaterThan(0); // the models' weights: this is the analyzer's tfjs
    await analyzer.analyze(frame);
    await analyzer.analyze(frame);
    expect(tf.getBackend()).toBe('wasm');
    expect(tf.memory().numTensors).toBe(tensors);
  });
});
