import type { Person, Print } from './synthetic-frames.js';
import { POSES, type HeadPoseRequest } from './synthetic-head.js';

/** What the capture page is asked to show, as the frames route answers it. */
export type Instruction = 'center_face' | 'turn_left' | 'turn_right' | 'look_up' | 'blink' | 'light' | 'done';

export interface FrameAnswer {
  readonly instruction: Instruction;
  readonly progress: number;
  readonly hint: string | null;
}

/** Where a subject is in the session when its next frame is taken. */
export interface Moment {
  /** The last instruction received. */
  readonly instruction: Instruction;
  /** Frames already sent since that instruction first came (0: the first frame after reading it). */
  readonly sinceInstruction: number;
  /** Frames already sent in the session. */
  readonly index: number;
}

/** Someone (or something) in front of the camera: the next frame, given the moment. */
export type Subject = (moment: Moment) => Promise<Uint8Array>;

/** Sends one frame and returns the answer; null ends the session (an error answer, or a subject that stops). */
export type SendFrame = (frame: Uint8Array) => Promise<FrameAnswer | null>;

export interface DriveResult {
  readonly answers: readonly FrameAnswer[];
  readonly instructions: readonly Instruction[];
}

/**
 * Runs a session until `done`, an error, or `maxFrames` (a small one: a user who leaves); returns
 * the answers and the instructions seen, in order, without repeats.
 */
export async function driveSession(send: SendFrame, subject: Subject, maxFrames = 120): Promise<DriveResult> {
  const answers: FrameAnswer[] = [];
  const instructions: Instruction[] = [];
  let moment: Moment = { instruction: 'center_face', sinceInstruction: 0, index: 0 };
  while (moment.index < maxFrames) {
    const answer = await send(await subject(moment));
    if (!answer) break;
    answers.push(answer);
    if (instructions.at(-1) !== answer.instruction) instructions.push(answer.instruction);
    if (answer.instruction === 'done') break;
    const sinceInstruction = answer.instruction === moment.instruction ? moment.sinceInstruction + 1 : 0;
    moment = { instruction: answer.instruction, sinceInstruction, index: moment.index + 1 };
  }
  return { answers, instructions };
}

const HALF_WAY = 0.5;

function halfWay(pose: HeadPoseRequest): HeadPoseRequest {
  return { ...pose, yaw: pose.yaw * HALF_WAY, pitch: pose.pitch * HALF_WAY };
}

/**
 * The pose a person who follows the instructions holds: still for the first frame after reading
 * one (reaction time), half-way for the next, there after; a blink closes the eyes on the second
 * frame only. `mirror` swaps what the person does for each instruction (the wrong-way attack).
 */
export function followingPose({ instruction, sinceInstruction }: Moment, mirror = false): HeadPoseRequest {
  switch (instruction) {
    case 'turn_left':
    case 'turn_right':
    case 'look_up': {
      const asked = mirror ? MIRRORED[instruction] : instruction;
      if (sinceInstruction === 0) return POSES.frontal;
      return sinceInstruction === 1 ? halfWay(POSES[asked]) : POSES[asked];
    }
    case 'blink':
      return sinceInstruction === 1 ? POSES.blink : POSES.frontal;
    default:
      return POSES.frontal;
  }
}

const MIRRORED = { turn_left: 'turn_right', turn_right: 'turn_left', look_up: 'look_up' } as const;

/** A live person who does what the page says. */
export function follower(head: Person, seed: number): Subject {
  return (moment) => head.render(followingPose(moment), seed + moment.index);
}

/** A person who turns the other way each time (looking up stays looking up). */
export function wrongWayFollower(head: Person, seed: number): Subject {
  return (moment) => head.render(followingPose(moment, true), seed + moment.index);
}

/** Person A until `switchAt` frames were sent, then person B, both following the instructions. */
export function switchingFollower(a: Person, b: Person, switchAt: number, seed: number): Subject {
  return (moment) => (moment.index < switchAt ? a : b).render(followingPose(moment), seed + moment.index);
}

/**
 * A recording: the frames of someone doing `steps` in that order at a fixed pace (baseline, then
 * each step as a follower would do it, 4 frames apiece), played back whatever the page says.
 */
export function recording(head: Person, steps: readonly Exclude<Instruction, 'center_face' | 'light' | 'done'>[], seed: number): Subject {
  const BASELINE = 5;
  const PER_STEP = 4;
  return (moment) => {
    const step = Math.floor((moment.index - BASELINE) / PER_STEP);
    const played: Moment =
      moment.index < BASELINE || step >= steps.length
        ? { ...moment, instruction: 'center_face', sinceInstruction: 0 }
        : { ...moment, instruction: steps[step], sinceInstruction: (moment.index - BASELINE) % PER_STEP };
    return head.render(followingPose(played), seed + moment.index);
  };
}

/** A printed photo held still in front of the camera. */
export function stillPhoto(print: Print, seed: number): Subject {
  return (moment) => print.render({ tiltDeg: 0, swayDeg: 0 }, seed + moment.index);
}

/**
 * A printed photo tilted and swayed by hand to play along: turned about its vertical axis for a
 * turn, tipped back for a look up, by `degrees`.
 */
export function swayedPhoto(print: Print, degrees: number, seed: number): Subject {
  return (moment) => {
    const pose = followingPose(moment);
    const sway = pose.yaw === 0 ? 0 : Math.sign(pose.yaw) * degrees * (Math.abs(pose.yaw) < Math.abs(POSES.turn_left.yaw) ? HALF_WAY : 1);
    const tilt = pose.pitch === 0 ? 0 : Math.sign(pose.pitch) * degrees * (Math.abs(pose.pitch) < Math.abs(POSES.look_up.pitch) ? HALF_WAY : 1);
    return print.render({ tiltDeg: tilt, swayDeg: sway }, seed + moment.index);
  };
}
