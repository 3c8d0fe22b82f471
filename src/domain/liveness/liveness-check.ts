import type { RandomSource } from '../ports/random-source.port.js';
import type { FrameEvidence } from '../ports/frame-analyzer.port.js';
import { openLevels } from './blink.js';
import { Challenge } from './challenge.js';
import type { ChallengeAnswer, FrameVerdict, LightTiming } from './challenge-frame.js';
import type { ChallengeOptions } from './challenge-options.js';
import type { AnalyzedFace } from './frame-analysis.js';
import { judgeFrame } from './frame-judgement.js';
import { frameQuality, type FrameQualityReason } from './frame-quality.js';
import { assertLightTime, lightVerdict, storedLightSample } from './light-evidence.js';
import { sequenceDurationMs, type LightSequence } from './light-sequence.js';
import { decide, type LivenessOutcome } from './liveness-decision.js';
import { EMPTY_EVIDENCE, storedNumbers, type EvidenceRecord, type KeptFace, type LightEvidence, type LivenessRecord } from './liveness-record.js';
import { LIVENESS_THRESHOLDS } from './liveness-thresholds.js';
import { homographyResidual } from './planarity.js';
import { poseBaseline } from './pose.js';
import { replayHygiene, type TimedFace } from './replay-hygiene.js';
import { samePerson } from './same-person.js';

/** The answer to one frame: what the page shows next, and why the frame did not count, if it did not. */
export interface FrameAnswer extends ChallengeAnswer {
  readonly hint: FrameQualityReason | null;
}

/** Frames worth keeping as pictures: the live reference (frontal), and audit frames (steps reached). */
export type FrameRole = 'reference' | 'audit' | null;

const MESH_DECIMALS = 3;
const DESCRIPTOR_DECIMALS = 5;
const NO_LIGHT: LightEvidence = { samples: [], lastTimeMs: null, verdict: null };

/**
 * One session's liveness check: feeds each frame's face data through the per-frame checks into the
 * challenge, keeps the evidence the whole-session checks need, and decides once the challenge
 * ends. Server-authoritative: it reads only face data the server measured and times of its clock.
 */
export class LivenessCheck {
  private constructor(
    private readonly challenge: Challenge,
    private evidence: EvidenceRecord,
  ) {}

  static start(random: RandomSource, options: Partial<ChallengeOptions> = {}): LivenessCheck {
    return new LivenessCheck(Challenge.start(random, options), EMPTY_EVIDENCE);
  }

  static fromRecord(record: LivenessRecord, random: RandomSource): LivenessCheck {
    return new LivenessCheck(Challenge.fromRecord(record.challenge, random), structuredClone(record.evidence));
  }

  toRecord(): LivenessRecord {
    return { challenge: this.challenge.toRecord(), evidence: structuredClone(this.evidence) };
  }

  get isFinished(): boolean {
    return this.challenge.isFinished;
  }

  /** The light sequence now shown; null outside the light step. */
  get lightSequence(): LightSequence | null {
    return this.challenge.lightSequence;
  }

  /**
   * @param lightTimeMs the frame's X-Light-Time: needed during the light step, ignored otherwise.
   * @throws ChallengeFinished, TooManyFrames: see Challenge.assertAccepts; InvalidLightTime during
   * the light step for a time missing, not finite, out of range or not increasing (light-evidence.ts).
   */
  assertAccepts(at: number, lightTimeMs: number | null = null): void {
    this.challenge.assertAccepts(at, this.lightTiming(lightTimeMs));
  }

  /**
   * In the light step, the frame's checked X-Light-Time and the last one, which pace the frames
   * there (Challenge.assertAccepts); null outside it. Checked first: a time that is not one
   * cannot pace anything.
   */
  private lightTiming(lightTimeMs: number | null): LightTiming | null {
    if (!this.challenge.lightSequence) return null;
    const { lastTimeMs } = this.lightEvidence;
    assertLightTime(lightTimeMs, lastTimeMs);
    return { timeMs: lightTimeMs as number, lastTimeMs };
  }

  /**
   * Whether a frame received at `at` should come with its identity descriptor: one a second (see
   * samePerson's interval), and every frame of the last step, so the face that finishes the
   * challenge is identified whenever it is — a person taking over near the end cannot slip
   * between two descriptors.
   */
  wantsDescriptor(at: number): boolean {
    const { lastDescriptorAt, descriptors } = this.evidence;
    const { descriptorIntervalMs, maxDescriptors } = LIVENESS_THRESHOLDS.samePerson;
    if (this.challenge.isOnLastStep) return true;
    return descriptors.length < maxDescriptors && (lastDescriptorAt === null || at - lastDescriptorAt >= descriptorIntervalMs);
  }

  /**
   * Takes the frame received at `at` (frames in time order) and says what comes next, and whether
   * the frame is worth keeping as a picture.
   */
  observe(frame: FrameEvidence, at: number, lightTimeMs: number | null = null): FrameAnswer & { readonly role: FrameRole } {
    const lightTiming = this.lightTiming(lightTimeMs);
    this.challenge.assertAccepts(at, lightTiming);
    const light = this.challenge.lightSequence;
    const lightTime = lightTiming?.timeMs ?? null;
    if (lightTime !== null) this.updateLight({ lastTimeMs: lightTime });
    const lightComplete = light !== null && lightTime !== null && lightTime >= sequenceDurationMs(light) + LIVENESS_THRESHOLDS.light.neutralMs;
    const lightFrame = { lightComplete, ...(lightTiming && { lightTiming }) };
    const quality = frameQuality(frame.analysis);
    if (!quality.ok) {
      if (quality.reason === 'multiple_faces') this.update({ multipleFaceFrames: this.evidence.multipleFaceFrames + 1 });
      const answer = this.challenge.observe({ at, usable: false, stepReached: null, wrongMove: false, centered: false, ...lightFrame });
      this.checkLightWhenDone(light);
      return { ...answer, hint: quality.reason, role: null };
    }
    const isReference = frame.descriptor !== null && this.evidence.descriptors.length === 0;
    this.keepEvidence(quality.face, frame.descriptor, at, lightTime);
    // During the light step only the checks over all frames (replay, same person, extra faces) apply: no pose is asked.
    if (lightTime !== null) this.updateLight({ samples: [...this.lightEvidence.samples, storedLightSample(quality.face, lightTime)] });
    const verdict: FrameVerdict = light ? { at, usable: true, stepReached: null, wrongMove: false, centered: false, ...lightFrame } : this.judge(quality.face, at);
    const answer = this.challenge.observe(verdict);
    this.checkLightWhenDone(light);
    const role: FrameRole = isReference ? 'reference' : verdict.stepReached ? 'audit' : null;
    return { ...answer, hint: null, role };
  }

  /** The decision, once the challenge is over; null before. `similarity` maps a descriptor distance (FrameAnalyzer). */
  outcome(similarity: (distance: number) => number): LivenessOutcome | null {
    const state = this.challenge.state;
    if (state.kind !== 'passed' && state.kind !== 'failed') return null;
    const { descriptors, maxResidual, multipleFaceFrames, replayFault, lastStepDescribed } = this.evidence;
    const vectors = descriptors.map((values) => Float32Array.from(values));
    return decide({
      challenge: state,
      maxResidual,
      minSimilarity: samePerson(vectors, similarity).minSimilarity,
      descriptorCount: vectors.length,
      identifiedAtEnd: lastStepDescribed,
      multipleFaceFrames,
      replayFault,
      light: this.lightEvidence.verdict?.reason ?? null,
    });
  }

  private get lightEvidence(): LightEvidence {
    return this.evidence.light ?? NO_LIGHT;
  }

  private updateLight(changes: Partial<LightEvidence>): void {
    this.update({ light: { ...this.lightEvidence, ...changes } });
  }

  /** Once the light step `shown` during this frame passed (its capture complete), the reflection check runs on its samples. */
  private checkLightWhenDone(shown: LightSequence | null): void {
    if (shown && this.challenge.state.kind === 'passed') this.updateLight({ verdict: lightVerdict(shown, this.lightEvidence.samples) });
  }

  /**
   * Keeps what the checks over all frames need of a usable frame. The replay check times two light
   * frames by their X-Light-Time (`lightTime`; the last usable one's is the last sample's): their
   * arrival bunches, as the page sends them without waiting for answers.
   */
  private keepEvidence(face: AnalyzedFace, descriptor: Float32Array | null, at: number, lightTime: number | null): void {
    const { evidence } = this;
    const kept: KeptFace = { timeMs: at, mesh: storedNumbers(face.mesh, MESH_DECIMALS), brightness: face.brightness, sharpness: face.sharpness };
    const lastSample = this.lightEvidence.samples.at(-1);
    const [lastAt, nowAt] = lightTime !== null && lastSample ? [lastSample.timeMs, lightTime] : [evidence.lastFace?.timeMs, at];
    const replay = evidence.lastFace ? replayHygiene([asTimedFace(evidence.lastFace, lastAt), asTimedFace(kept, nowAt)]) : { ok: true as const };
    const frontalMesh = evidence.frontalMesh ?? kept.mesh;
    this.update({
      lastFace: kept,
      frontalMesh,
      replayFault: evidence.replayFault ?? (replay.ok ? null : replay.reason),
      maxResidual: Math.max(evidence.maxResidual, homographyResidual(Float32Array.from(frontalMesh), face.mesh)),
      ...(descriptor && {
        descriptors: [...evidence.descriptors, storedNumbers(descriptor, DESCRIPTOR_DECIMALS)],
        lastDescriptorAt: at,
        lastStepDescribed: evidence.lastStepDescribed || this.challenge.isOnLastStep,
      }),
    });
  }

  private judge(face: AnalyzedFace, at: number): FrameVerdict {
    const { baselinePoses, baselineEyes } = this.evidence;
    const baseline = poseBaseline(baselinePoses);
    if (!baseline) {
      this.update({ baselinePoses: [...baselinePoses, face.pose], baselineEyes: [...baselineEyes, face.eyeOpenness] });
      return { at, usable: true, stepReached: null, wrongMove: false, centered: true };
    }
    const step = this.challenge.expectedStep;
    const sample = { timeMs: at, ...face.eyeOpenness, pitch: face.pose.pitch };
    const issuedAt = this.challenge.issuedAt;
    const previous = step === 'blink' && this.evidence.blink?.issuedAt === issuedAt ? this.evidence.blink.samples : [];
    const eyeSamples = [...previous, sample];
    this.update({ blink: step === 'blink' && issuedAt !== null ? { issuedAt, samples: eyeSamples } : null });
    return judgeFrame(face, { at, step, baseline, openEyes: openLevels(baselineEyes), eyeSamples });
  }

  private update(changes: Partial<EvidenceRecord>): void {
    this.evidence = { ...this.evidence, ...changes };
  }
}

/** `kept` for the replay check, at its arrival time or at `timeMs`. */
function asTimedFace(kept: KeptFace, timeMs = kept.timeMs): TimedFace {
  return { timeMs, face: { mesh: Float32Array.from(kept.mesh), brightness: kept.brightness, sharpness: kept.sharpness } };
}
