import { workerData } from 'node:worker_threads';
import { DomainError } from '../../domain/domain.errors.js';
import type { FrameEvidence } from '../../domain/ports/frame-analyzer.port.js';
import { FaceEngine, type DescribedFace } from './face-engine.js';
import { FrameAnalyzer } from './liveness/frame-analyzer.js';
import { serveJobs } from './worker-protocol.js';

/**
 * Worker entry of EmbeddedEngine: loads face-api and human once (they share tfjs-core and its wasm
 * backend), then serves one job at a time: describe a picture (comparisons), or analyse a
 * liveness frame (with its descriptor when asked).
 */

export interface EngineWorkerOptions {
  /** Pictures to describe declaring more pixels are refused with ImageTooLarge before decoding. */
  readonly maxPixels: number;
  /** The same for liveness frames, which are small. */
  readonly maxFramePixels: number;
}

export type EngineRequest =
  | { readonly kind: 'describe'; readonly bytes: Uint8Array; readonly field: string }
  | { readonly kind: 'analyzeFrame'; readonly bytes: Uint8Array; readonly describe: boolean };

/** Domain errors travel as data: a structured clone would turn them into plain Errors. */
export type EngineResult =
  | { readonly ok: true; readonly faces: DescribedFace[] }
  | { readonly ok: true; readonly evidence: FrameEvidence }
  | { readonly ok: false; readonly code: string; readonly message: string };

await serveJobs<EngineRequest, EngineResult>(async () => {
  const options = workerData as EngineWorkerOptions;
  const engine = await FaceEngine.load({ maxPixels: options.maxPixels });
  const analyzer = await FrameAnalyzer.load({ maxPixels: options.maxFramePixels });

  const analyzeFrame = async (bytes: Uint8Array, describe: boolean): Promise<FrameEvidence> => {
    const analysis = await analyzer.analyze(bytes);
    if (!describe || analysis.faces.length !== 1) return { analysis, descriptor: null };
    // face-api detects on its own: a descriptor only when it, too, sees exactly one face.
    const described = await engine.describe(bytes, 'frame');
    return { analysis, descriptor: described.length === 1 ? described[0].descriptor : null };
  };

  return async (request) => {
    try {
      if (request.kind === 'describe') return { result: { ok: true, faces: await engine.describe(request.bytes, request.field) } };
      return { result: { ok: true, evidence: await analyzeFrame(request.bytes, request.describe) } };
    } catch (error) {
      if (error instanceof DomainError) return { result: { ok: false, code: error.code, message: error.message } };
      throw error;
    }
  };
});
