import type { ChallengeStep } from './challenge-step.js';
import type { HeadPose } from './frame-analysis.js';
import { LIVENESS_THRESHOLDS, type Thresholds } from './liveness-thresholds.js';
import { median } from './median.js';

/**
 * The head moves a challenge can ask for, in the subject's own terms (their left, whatever the
 * preview mirroring): human's yaw grows as the subject turns to their own right, its pitch
 * grows as the head tilts down.
 */
export type PoseStep = Exclude<ChallengeStep, 'blink'>;

type PoseLimits = Thresholds<'pose'>;

/**
 * The user's frontal pose: the median of their first good frames. human's yaw carries per-person
 * offsets of up to ±8° at frontal, so turns are judged against this, never against 0; the median
 * keeps one odd frame out. Undefined until enough frames have come.
 */
export function poseBaseline(poses: readonly HeadPose[], limits: PoseLimits = LIVENESS_THRESHOLDS.pose): HeadPose | undefined {
  const first = poses.slice(0, limits.baselineFrames);
  if (first.length < limits.baselineFrames) return undefined;
  return {
    yaw: median(first.map((pose) => pose.yaw)),
    pitch: median(first.map((pose) => pose.pitch)),
    roll: median(first.map((pose) => pose.roll)),
  };
}

/** How far the pose has moved in the step's direction (negative: the other way), on human's scale. */
function progress(step: PoseStep, pose: HeadPose, baseline: HeadPose): number {
  switch (step) {
    case 'turn_right':
      return pose.yaw - baseline.yaw;
    case 'turn_left':
      return baseline.yaw - pose.yaw;
    case 'look_up':
      return baseline.pitch - pose.pitch;
  }
}

function target(step: PoseStep, limits: PoseLimits): number {
  return step === 'look_up' ? limits.lookUpPitch : limits.turnYaw;
}

/** Whether the head has gone far enough in the step's direction from the user's frontal pose. */
export function reached(step: PoseStep, pose: HeadPose, baseline: HeadPose, limits: PoseLimits = LIVENESS_THRESHOLDS.pose): boolean {
  return progress(step, pose, baseline) >= target(step, limits);
}

/**
 * Whether the head clearly went the other way: someone replaying a recording cannot know the
 * step drawn, so a move against it fails the session instead of being waited out.
 */
export function wrongMove(step: PoseStep, pose: HeadPose, baseline: HeadPose, limits: PoseLimits = LIVENESS_THRESHOLDS.pose): boolean {
  return progress(step, pose, baseline) <= -limits.wrongMoveDegrees;
}
