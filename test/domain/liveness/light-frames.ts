import type { LightCue } from '../../../src/domain/liveness/challenge-frame.js';
import { type FrameAnswer, LivenessCheck } from '../../../src/domain/liveness/liveness-check.js';
import type { FrameEvidence } from '../../../src/domain/ports/frame-analyzer.port.js';
import { FollowingUser } from '../../fakes/following-user.js';
import { SeededRandom } from '../../fakes/seeded-random.js';
import { lit, screenLightAt, type CueFlash, type Linear } from '../../support/light-screen.js';

/** What lights the face during the light step: the revealed flashes, others, or nothing (a replay). */
export type Tint = (cue: LightCue) => readonly CueFlash[] | null;

export const GENUINE: Tint = (cue) => cue.flashes;
export const NO_TINT: Tint = () => null;

/** Screen light on the face, and 4 × less on the room behind it; the camera's delay. */
const FACE_GAIN = 0.2;
const BACKGROUND_GAIN = 0.05;
const CAMERA_DELAY_MS = 120;

/** The user's frame with the face and background coloured by `flashes` as seen `lightTimeMs` into the sequence. */
export function tinted(evidence: FrameEvidence, flashes: readonly CueFlash[] | null, lightTimeMs: number, backgroundInFrame = true): FrameEvidence {
  const light = flashes ? screenLightAt(flashes, lightTimeMs - CAMERA_DELAY_MS) : ([0, 0, 0] as Linear);
  const faces = evidence.analysis.faces.map((face) => {
    const [fr, fg, fb] = lit([face.faceColour.r, face.faceColour.g, face.faceColour.b], light, FACE_GAIN);
    const [br, bg, bb] = lit([face.backgroundColour.r, face.backgroundColour.g, face.backgroundColour.b], light, BACKGROUND_GAIN);
    const background = backgroundInFrame ? { r: br, g: bg, b: bb } : { r: Number.NaN, g: Number.NaN, b: Number.NaN };
    return { ...face, faceColour: { r: fr, g: fg, b: fb }, backgroundColour: background };
  });
  return { ...evidence, analysis: { ...evidence.analysis, faces } };
}

export interface LightRun {
  readonly instructions: readonly string[];
  /** The light cue revealed, once it was. */
  readonly cue: LightCue | null;
  /** Server time of the last frame. */
  readonly at: number;
}

/**
 * Feeds the check a following user's frames: 200 ms apart, then 100 ms apart in the light step
 * with X-Light-Time from −neutralMs (the page's lead-in) on, tinted as `tint` says, until the
 * challenge is over, `frames` were sent, or `lightFrames` light frames were. Without
 * `backgroundInFrame`, the face fills the frames: none shows a background.
 */
export function followWithLight(
  check: LivenessCheck,
  user: FollowingUser,
  tint: Tint = GENUINE,
  { frames = 250, lightFrames = Infinity, backgroundInFrame = true } = {},
): LightRun {
  const instructions: string[] = [];
  let cue: LightCue | null = null;
  let lightTimeMs = 0;
  let sentInLight = 0;
  let at = 0;
  for (let index = 0; index < frames && !check.isFinished && !(cue && sentInLight >= lightFrames); index++) {
    const inLight: boolean = cue !== null;
    at += inLight ? 100 : 200;
    const evidence = user.frame(check.wantsDescriptor(at));
    const answer: FrameAnswer = inLight && cue ? check.observe(tinted(evidence, tint(cue), lightTimeMs, backgroundInFrame), at, lightTimeMs) : check.observe(evidence, at);
    if (inLight) [lightTimeMs, sentInLight] = [lightTimeMs + 100, sentInLight + 1];
    if (answer.light && !cue) [cue, lightTimeMs] = [answer.light, -answer.light.neutralMs];
    if (instructions.at(-1) !== answer.instruction) instructions.push(answer.instruction);
    user.hear(answer);
  }
  return { instructions, cue, at };
}

/** A check whose light step was just issued, the time of the frame that issued it, and its user. */
export function checkInLight(seed = 7): { check: LivenessCheck; at: number; user: FollowingUser } {
  const check = LivenessCheck.start(new SeededRandom(seed), { light: true });
  const user = new FollowingUser();
  const { at } = followWithLight(check, user, GENUINE, { lightFrames: 0 });
  expect(check.lightSequence).not.toBeNull();
  return { check, at, user };
}
