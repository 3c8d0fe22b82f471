import type { ChallengeAnswer } from '../../src/domain/liveness/challenge-frame.js';
import type { AnalyzedFace } from '../../src/domain/liveness/frame-analysis.js';
import type { FrameEvidence } from '../../src/domain/ports/frame-analyzer.port.js';
import { analyzedFace, frame } from '../domain/liveness/analyzed-face.js';
import { moved, syntheticHead, syntheticPhoto, toMesh, type Point3 } from '../domain/liveness/synthetic-face.js';

type Instruction = ChallengeAnswer['instruction'];

/** human's yaw and pitch read about 0.63 × the real head's (frame-analysis.ts): the mesh turns by the real angle. */
const HUMAN_SCALE = 0.63;
/** The face model's per-point noise, in pixels: a fresh draw per frame keeps consecutive frames apart. */
const JITTER = 0.3;
const OPEN_EYES = { left: 0.32, right: 0.36 };
/** Where each pose step takes the head, on human's scale (pose.ts: 15° yaw is a turn, 10° pitch a look up). */
const TARGETS: Partial<Record<Instruction, readonly [yaw: number, pitch: number]>> = { turn_left: [-22, 0], turn_right: [22, 0], look_up: [0, -15] };

/** Descriptor length of face-api. */
const DESCRIPTOR_LENGTH = 128;

/**
 * The descriptor of person `person` in frame `index`: a unit vector on an axis of its own, with a
 * little per-frame noise. Two people are √2 apart, one person's frames under 0.01.
 */
export function descriptorOf(person: number, index: number): Float32Array {
  const vector = new Float32Array(DESCRIPTOR_LENGTH);
  vector[person] = 1;
  vector[DESCRIPTOR_LENGTH - 1] = 0.001 * (index % 7);
  return vector;
}

/** The core's distance → similarity map: 0.5 at distance 0.64, falling steeply (similarity.ts). */
export function similarity(distance: number): number {
  return 1 / (1 + (distance / 0.64) ** 8);
}

export interface FollowingUserOptions {
  /** A real head, or a flat photo of it moved about (only homographies of the frontal view). */
  readonly surface?: 'head' | 'photo';
  /** Whose face is in frame `index` (0 by default throughout): another number is another person. */
  readonly person?: (index: number) => number;
}

/**
 * Someone in front of the camera who does what the page says, as FrameAnalyzer would see them: one
 * frame after an instruction they are half-way, the next there (turns, looking up); a blink is
 * open, closed, open. Frames differ slightly (mesh noise, pixel statistics), as a camera's do.
 */
export class FollowingUser {
  private instruction: Instruction = 'center_face';
  /** Frames sent since the current instruction came. */
  private sinceInstruction = 0;
  /** Frames sent so far. */
  sent = 0;
  private readonly surface: readonly Point3[];

  constructor(private readonly options: FollowingUserOptions = {}) {
    this.surface = options.surface === 'photo' ? syntheticPhoto() : syntheticHead();
  }

  /** The next frame, with the face's descriptor when one is asked for. */
  frame(describe: boolean): FrameEvidence {
    const index = this.sent++;
    const face = this.face(index, this.sinceInstruction++);
    return { analysis: frame(face), descriptor: describe ? descriptorOf(this.options.person?.(index) ?? 0, index) : null };
  }

  /** Reads what the page shows next. */
  hear(answer: ChallengeAnswer): void {
    if (answer.instruction === this.instruction) return;
    this.instruction = answer.instruction;
    this.sinceInstruction = 0;
  }

  private face(index: number, since: number): AnalyzedFace {
    const share = since === 0 ? 0.3 : 1;
    const [yaw, pitch] = TARGETS[this.instruction] ?? [0, 0];
    const closed = this.instruction === 'blink' && since === 1;
    const pose = { yaw: share * yaw, pitch: share * pitch, roll: 0 };
    const real = { yaw: pose.yaw / HUMAN_SCALE, pitch: pose.pitch / HUMAN_SCALE };
    return analyzedFace({
      mesh: toMesh(moved(this.surface, real), JITTER, index + 1),
      pose,
      eyeOpenness: closed ? { left: 0.3 * OPEN_EYES.left, right: 0.3 * OPEN_EYES.right } : OPEN_EYES,
      brightness: 130 + 0.1 * (index % 10),
      sharpness: 300 + (index % 10),
    });
  }
}
