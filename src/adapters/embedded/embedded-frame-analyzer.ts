import type { Image } from '../../domain/image.js';
import { FrameAnalyzer, type FrameEvidence } from '../../domain/ports/frame-analyzer.port.js';
import type { EmbeddedEngine } from './embedded-engine.js';
import { distanceToSimilarity } from './similarity.js';

/** The embedded liveness frame analysis: human (mesh, pose, eyes) and face-api (descriptor) in the EmbeddedEngine's workers. */
export class EmbeddedFrameAnalyzer extends FrameAnalyzer {
  constructor(private readonly engine: EmbeddedEngine) {
    super();
  }

  analyze(frame: Image, options: { readonly describe: boolean }): Promise<FrameEvidence> {
    return this.engine.analyzeFrame(frame.bytes, options.describe);
  }

  similarity(distance: number): number {
    return distanceToSimilarity(distance);
  }
}
