import type { Image } from '../image.js';
import type { FrameAnalysis } from '../liveness/frame-analysis.js';

/** One video frame of a liveness challenge, as the checks need it. */
export interface FrameEvidence {
  readonly analysis: FrameAnalysis;
  /**
   * The face's identity descriptor, when asked for and the frame holds exactly one face; null
   * otherwise. Compared by Euclidean distance, which `similarity` maps to [0, 1].
   */
  readonly descriptor: Float32Array | null;
}

/**
 * The face models behind the embedded liveness challenge: face data of one frame (mesh, pose,
 * eyes, quality) and, on request, the identity descriptor the "same person throughout" check needs.
 * Descriptors cost about as much again as the rest, so the challenge asks for one only now and then.
 */
export abstract class FrameAnalyzer {
  /**
   * @throws InvalidImage for an undecodable frame; ImageTooLarge past the frame pixel cap;
   * ServiceUnavailable while the models load or a worker fails.
   */
  abstract analyze(frame: Image, options: { readonly describe: boolean }): Promise<FrameEvidence>;

  /** Similarity in [0, 1] of two descriptors at this Euclidean distance, on the face comparer's scale. */
  abstract similarity(distance: number): number;
}
