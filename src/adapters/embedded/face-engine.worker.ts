import { workerData } from 'node:worker_threads';
import { DomainError } from '../../domain/domain.errors.js';
import { FaceEngine, type DescribedFace, type FaceEngineOptions } from './face-engine.js';
import { serveJobs } from './worker-protocol.js';

/** Worker entry of EmbeddedFaceComparer: loads the models once, then describes one picture per job. */

export interface DescribeRequest {
  readonly bytes: Uint8Array;
  readonly field: string;
}

/** Domain errors travel as data: a structured clone would turn them into plain Errors. */
export type DescribeResult =
  | { readonly ok: true; readonly faces: DescribedFace[] }
  | { readonly ok: false; readonly code: string; readonly message: string };

await serveJobs<DescribeRequest, DescribeResult>(async () => {
  const engine = await FaceEngine.load(workerData as FaceEngineOptions);
  return async ({ bytes, field }) => {
    try {
      return { result: { ok: true, faces: await engine.describe(bytes, field) } };
    } catch (error) {
      if (error instanceof DomainError) return { result: { ok: false, code: error.code, message: error.message } };
      throw error;
    }
  };
});
