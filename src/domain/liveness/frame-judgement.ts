import { hasBlinked, type EyeLevels, type EyeSample } from './blink.js';
import type { FrameVerdict } from './challenge-frame.js';
import type { ChallengeStep } from './challenge-step.js';
import type { AnalyzedFace, HeadPose } from './frame-analysis.js';
import { LIVENESS_THRESHOLDS, type Thresholds } from './liveness-thresholds.js';
import { reached, wrongMove, type PoseStep } from './pose.js';

const POSE_STEPS: readonly PoseStep[] = ['turn_left', 'turn_right', 'look_up'];

/** What a usable frame is judged against: the user's own frontal pose and open eyes. */
export interface FrameContext {
  readonly at: number;
  /** The step the challenge expects now; null while collecting the baseline or recentring. */
  readonly step: ChallengeStep | null;
  readonly baseline: HeadPose;
  readonly openEyes: EyeLevels;
  /** Eye samples since the expected step was issued, this frame's last: a blink spans frames. */
  readonly eyeSamples: readonly EyeSample[];
}

interface Limits {
  readonly pose: Thresholds<'pose'>;
  readonly blink: Thresholds<'blink'>;
}

/** The challenge's verdict on a usable frame (one that passed frameQuality). */
export function judgeFrame(face: AnalyzedFace, context: FrameContext, limits: Limits = LIVENESS_THRESHOLDS): FrameVerdict {
  const { at, step, baseline } = context;
  return {
    at,
    usable: true,
    stepReached: step !== null && stepReached(step, face, context, limits) ? step : null,
    wrongMove: step !== null && movedWrong(step, face.pose, baseline, limits.pose),
    centered: isCentred(face, context, limits),
  };
}

function stepReached(step: ChallengeStep, face: AnalyzedFace, context: FrameContext, limits: Limits): boolean {
  if (step === 'blink') return hasBlinked(context.eyeSamples, context.openEyes, context.baseline.pitch, limits.blink);
  return reached(step, face.pose, context.baseline, limits.pose);
}

/**
 * Against a turn or a look up: a clear move the other way. Against a blink: any head move a pose
 * step would accept, since a recording that does not know the step gives itself away by moving.
 */
function movedWrong(step: ChallengeStep, pose: HeadPose, baseline: HeadPose, limits: Thresholds<'pose'>): boolean {
  if (step === 'blink') return POSE_STEPS.some((other) => reached(other, pose, baseline, limits));
  return wrongMove(step, pose, baseline, limits);
}

function isCentred(face: AnalyzedFace, { baseline, openEyes }: FrameContext, limits: Limits): boolean {
  const { centredFraction, turnYaw, lookUpPitch } = limits.pose;
  const eyesOpen =
    face.eyeOpenness.left >= limits.blink.reopenFraction * openEyes.left && face.eyeOpenness.right >= limits.blink.reopenFraction * openEyes.right;
  return (
    eyesOpen &&
    Math.abs(face.pose.yaw - baseline.yaw) <= centredFraction * turnYaw &&
    Math.abs(face.pose.pitch - baseline.pitch) <= centredFraction * lookUpPitch
  );
}
