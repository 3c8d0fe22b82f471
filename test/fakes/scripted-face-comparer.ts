import type { FaceComparison } from '../../src/domain/face.js';
import type { Image } from '../../src/domain/image.js';
import { FaceComparer } from '../../src/domain/ports/face-comparer.port.js';

/** Answers every comparison with a comparison (or error) the test scripted, and records its calls. */
export class ScriptedFaceComparer extends FaceComparer {
  readonly calls: Array<{ source: Image; target: Image }> = [];

  constructor(
    readonly matchThreshold: number,
    private readonly answer: FaceComparison | Error,
  ) {
    super();
  }

  override async compare(source: Image, target: Image): Promise<FaceComparison> {
    this.calls.push({ source, target });
    if (this.answer instanceof Error) throw this.answer;
    return this.answer;
  }
}
