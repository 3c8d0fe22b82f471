import type { Image } from '../../src/domain/image.js';
import { FrameAnalyzer, type FrameEvidence } from '../../src/domain/ports/frame-analyzer.port.js';
import { similarity } from './following-user.js';

/**
 * Answers each frame with the evidence `next` gives (whatever the image), and records what it was
 * asked: whether a descriptor was wanted, and how many analyses ever ran at once. While `gate` is
 * set, analyses wait for it, so a test can hold one in flight.
 */
export class ScriptedFrameAnalyzer extends FrameAnalyzer {
  /** One entry per analysis: whether the descriptor was asked for. */
  readonly describeAsked: boolean[] = [];
  maxConcurrent = 0;
  gate: Promise<void> | null = null;
  private running = 0;

  constructor(private readonly next: (describe: boolean) => FrameEvidence) {
    super();
  }

  override async analyze(_frame: Image, { describe }: { readonly describe: boolean }): Promise<FrameEvidence> {
    this.describeAsked.push(describe);
    this.maxConcurrent = Math.max(this.maxConcurrent, ++this.running);
    try {
      if (this.gate) await this.gate;
      return this.next(describe);
    } finally {
      this.running--;
    }
  }

  override similarity(distance: number): number {
    return similarity(distance);
  }
}
