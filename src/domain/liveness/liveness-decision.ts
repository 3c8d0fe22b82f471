import type { ChallengeFailure, ChallengeState } from './challenge-record.js';
import type { LightFault } from './light-reflection.js';
import { LIVENESS_THRESHOLDS } from './liveness-thresholds.js';
import type { ReplayFault } from './replay-hygiene.js';

/** Why a session failed: machine-readable, reported in the session's `reasons`. */
export type LivenessReason =
  | ChallengeFailure
  /** The face moved like a flat picture through the turns (planarity.ts). */
  | 'planar_motion'
  /** Two frames' faces are not one person (same-person.ts). */
  | 'face_changed'
  /** A second face in more frames than a passer-by explains. */
  | 'multiple_faces'
  /** A frame repeated, or frames closer than a camera delivers (replay-hygiene.ts). */
  | 'replayed_frames'
  /** The face's colour did not follow the light sequence: a replay, a flat surface, a guess (light-reflection.ts). */
  | 'light_mismatch'
  /** The face followed the sequence too faintly to tell it from its background: screen too dark or room too bright. */
  | 'light_too_dim';

export interface LivenessOutcome {
  readonly status: 'succeeded' | 'failed';
  /**
   * How clearly the evidence points to a live person, in [0, 1]: 0.5 is the decision line. From
   * the margins of the two measured checks (planarity, same person): a session passing both at
   * twice their threshold reads 1, exactly at one 0.5; failing either reads its ratio to the
   * threshold / 2; any other failure (challenge, replay, extra faces, light) reads 0.
   */
  readonly confidence: number;
  /** Every reason the session failed, in the order above; empty when it succeeded. */
  readonly reasons: readonly LivenessReason[];
}

/** What the checks found over a finished challenge. */
export interface LivenessFindings {
  readonly challenge: Extract<ChallengeState, { kind: 'passed' | 'failed' }>;
  /** The largest homography residual of any frame against the frontal one. */
  readonly maxResidual: number;
  /** Similarity of the least similar pair of descriptors (same-person.ts); 1 with fewer than two. */
  readonly minSimilarity: number;
  readonly descriptorCount: number;
  /** A descriptor was taken during the last step (see LivenessCheck.wantsDescriptor). */
  readonly identifiedAtEnd: boolean;
  readonly multipleFaceFrames: number;
  readonly replayFault: ReplayFault | null;
  /** The light check's fault when it ran and failed; null or absent otherwise (movement only, or passed). */
  readonly light?: LightFault | null;
}

export interface DecisionLimits {
  readonly minResidual: number;
  readonly minSimilarity: number;
  readonly minDescriptors: number;
  readonly maxMultipleFaceFrames: number;
}

const DEFAULT_LIMITS: DecisionLimits = {
  minResidual: LIVENESS_THRESHOLDS.planarity.minResidual,
  minSimilarity: LIVENESS_THRESHOLDS.samePerson.minSimilarity,
  minDescriptors: LIVENESS_THRESHOLDS.samePerson.minDescriptors,
  maxMultipleFaceFrames: LIVENESS_THRESHOLDS.decision.maxMultipleFaceFrames,
};

/**
 * The decision rule, in one place: a session succeeds only when the challenge passed and every
 * check over its frames holds. All failing reasons are reported, not just the first, so a review
 * sees the whole picture.
 */
export function decide(findings: LivenessFindings, limits: DecisionLimits = DEFAULT_LIMITS): LivenessOutcome {
  const reasons: LivenessReason[] = [];
  if (findings.challenge.kind === 'failed') reasons.push(findings.challenge.reason);
  // Identity unconfirmed — too few descriptors, or none of the face that finished — is not proof
  // of one person throughout: the frames could not show enough.
  else if (findings.descriptorCount < limits.minDescriptors || !findings.identifiedAtEnd) reasons.push('low_quality');
  if (!(findings.maxResidual > limits.minResidual)) reasons.push('planar_motion');
  if (!(findings.minSimilarity >= limits.minSimilarity)) reasons.push('face_changed');
  if (findings.multipleFaceFrames > limits.maxMultipleFaceFrames) reasons.push('multiple_faces');
  if (findings.replayFault) reasons.push('replayed_frames');
  if (findings.light) reasons.push(findings.light);
  return { status: reasons.length === 0 ? 'succeeded' : 'failed', confidence: confidence(findings, reasons, limits), reasons };
}

function confidence(findings: LivenessFindings, reasons: readonly LivenessReason[], limits: DecisionLimits): number {
  const measured: readonly LivenessReason[] = ['planar_motion', 'face_changed'];
  if (reasons.some((reason) => !measured.includes(reason))) return 0;
  const margin = Math.min(findings.maxResidual / limits.minResidual, findings.minSimilarity / limits.minSimilarity);
  // A failure of a measured check means margin ≤ 1, a success margin ≥ 1: the two halves of [0, 1].
  return reasons.length > 0 ? Math.max(0, 0.5 * Math.min(margin, 1)) : 0.5 + 0.5 * Math.min(1, margin - 1);
}
