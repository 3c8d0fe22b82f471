import { ChallengeFinished, TooManyFrames } from '../../../src/domain/domain.errors.js';
import { LivenessCheck, type FrameAnswer, type FrameRole } from '../../../src/domain/liveness/liveness-check.js';
import type { FrameEvidence } from '../../../src/domain/ports/frame-analyzer.port.js';
import { RandomSource } from '../../../src/domain/ports/random-source.port.js';
import { FollowingUser, similarity } from '../../fakes/following-user.js';
import { ScriptedRandom, SeededRandom } from '../../fakes/seeded-random.js';
import { analyzedFace, frame } from './analyzed-face.js';

/** The page's pace: 5 frames/s. */
const FRAME_MS = 200;

/** Always the last candidate: the first draw of 4 is blink, then look_up of the 3 others. */
class LastPick extends RandomSource {
  override pick(size: number): number {
    return size - 1;
  }
}

type Answer = FrameAnswer & { readonly role: FrameRole; readonly at: number };
/** What reaches the check as frame `index`: by default the user's next frame, with a descriptor when asked. */
type Send = (user: FollowingUser, describe: boolean, index: number) => FrameEvidence;

/**
 * Feeds the check the user's frames, FRAME_MS apart from `from`, the user following each answer,
 * until the challenge is over (or `frames` were sent); returns the answers.
 */
function follow(check: LivenessCheck, user: FollowingUser, { from = 0, frames = 200, send }: { from?: number; frames?: number; send?: Send } = {}): Answer[] {
  const answers: Answer[] = [];
  for (let index = 0, at = from; index < frames && !check.isFinished; index++, at += FRAME_MS) {
    const describe = check.wantsDescriptor(at);
    const evidence = send ? send(user, describe, index) : user.frame(describe);
    const answer = check.observe(evidence, at);
    user.hear(answer);
    answers.push({ ...answer, at });
  }
  return answers;
}

/** The steps the page asked for, in order, each once (an instruction stays on screen over several frames). */
function stepsAsked(answers: readonly Answer[]): string[] {
  return answers
    .map(({ instruction }) => instruction)
    .filter((instruction, i, all) => instruction !== all[i - 1] && !['center_face', 'done'].includes(instruction));
}

function onLastStep(check: LivenessCheck): boolean {
  const { state, steps, options } = check.toRecord().challenge;
  return state.kind === 'step_issued' && steps.length === options.stepCount;
}

/** A frame with a second, smaller face beside the user's. */
const twoFaces: FrameEvidence = {
  analysis: frame(analyzedFace(), analyzedFace({ boundingBox: { left: 0.05, top: 0.05, width: 0.1, height: 0.15 } })),
  descriptor: null,
};
const noFace: FrameEvidence = { analysis: frame(), descriptor: null };

// Picks for the steps: 0, 2, 1 draw turn_left, then blink, then turn_right; 2, 2, 0 look_up, blink, turn_left.
const TURN_BLINK_TURN = [0, 2, 1];
const LOOK_BLINK_TURN = [2, 2, 0];
// 0, 0, 1: turn_left, turn_right, look_up, no blink (a photo cannot blink).
const NO_BLINK = [0, 0, 1];

describe('LivenessCheck', () => {
  describe('a genuine user following the instructions', () => {
    it.each([
      [TURN_BLINK_TURN, ['turn_left', 'blink', 'turn_right']],
      [LOOK_BLINK_TURN, ['look_up', 'blink', 'turn_left']],
      [NO_BLINK, ['turn_left', 'turn_right', 'look_up']],
    ])('succeeds with no reasons (picks %j: %j)', (picks, steps) => {
      const check = LivenessCheck.start(new ScriptedRandom(picks));

      const answers = follow(check, new FollowingUser());

      expect(stepsAsked(answers)).toEqual(steps);
      expect(answers.at(-1)).toMatchObject({ instruction: 'done', progress: 1 });
      const outcome = check.outcome(similarity);
      expect(outcome).toMatchObject({ status: 'succeeded', reasons: [] });
      expect(outcome?.confidence).toBeGreaterThan(0.5);
    });

    it.each([1, 2, 3, 4, 5])('succeeds whatever steps seed %i draws', (seed) => {
      const check = LivenessCheck.start(new SeededRandom(seed));
      follow(check, new FollowingUser());
      expect(check.outcome(similarity)).toMatchObject({ status: 'succeeded', reasons: [] });
    });

    it('reports progress as the share of steps verified', () => {
      const answers = follow(LivenessCheck.start(new ScriptedRandom(TURN_BLINK_TURN)), new FollowingUser());
      expect([...new Set(answers.map(({ progress }) => progress))]).toEqual([0, 1 / 3, 2 / 3, 1]);
    });

    it('names the first frame with a descriptor the reference, each frame reaching a step an audit frame, and no other', () => {
      const answers = follow(LivenessCheck.start(new ScriptedRandom(TURN_BLINK_TURN)), new FollowingUser());

      const reached = answers.filter((answer, i) => answer.progress > (answers[i - 1]?.progress ?? 0));
      expect(reached).toHaveLength(3);
      expect(answers[0].role).toBe('reference');
      expect(reached.map(({ role }) => role)).toEqual(['audit', 'audit', 'audit']);
      expect(answers.filter(({ role }) => role !== null)).toHaveLength(4);
    });

    it('gives no hint for a usable frame', () => {
      const answers = follow(LivenessCheck.start(new ScriptedRandom(TURN_BLINK_TURN)), new FollowingUser());
      expect(answers.every(({ hint }) => hint === null)).toBe(true);
    });
  });

  it('the last step is a turn when the steps before it were none', () => {
    const check = LivenessCheck.start(new LastPick());

    const answers = follow(check, new FollowingUser());

    // Without the rule, the last candidate after look_up would be blink.
    expect(stepsAsked(answers)).toEqual(['blink', 'look_up', 'turn_right']);
    expect(check.outcome(similarity)).toMatchObject({ status: 'succeeded', reasons: [] });
  });

  describe('unusable frames', () => {
    it('hint why they did not count, take no role, and leave the instruction as it was', () => {
      const check = LivenessCheck.start(new ScriptedRandom(TURN_BLINK_TURN));
      const send: Send = (user, describe, index) => (index === 2 ? noFace : index === 3 ? twoFaces : user.frame(describe));

      const answers = follow(check, new FollowingUser(), { send });

      expect(answers[2]).toMatchObject({ hint: 'no_face', role: null, instruction: 'center_face' });
      expect(answers[3]).toMatchObject({ hint: 'multiple_faces', role: null, instruction: 'center_face' });
      expect(check.outcome(similarity)).toMatchObject({ status: 'succeeded', reasons: [] });
    });

    it('fail the session with multiple_faces when a second face is in more than 3 frames', () => {
      const withExtraFaces = (count: number) => {
        const check = LivenessCheck.start(new ScriptedRandom(TURN_BLINK_TURN));
        follow(check, new FollowingUser(), { send: (user, describe, index) => (index >= 1 && index <= count ? twoFaces : user.frame(describe)) });
        return check.outcome(similarity);
      };

      expect(withExtraFaces(3)).toMatchObject({ status: 'succeeded', reasons: [] });
      expect(withExtraFaces(4)).toMatchObject({ status: 'failed', reasons: ['multiple_faces'] });
    });
  });

  it('fails a flat photo moved through the steps with planar_motion', () => {
    const check = LivenessCheck.start(new ScriptedRandom(NO_BLINK));

    const answers = follow(check, new FollowingUser({ surface: 'photo' }));

    expect(answers.at(-1)?.instruction).toBe('done');
    const outcome = check.outcome(similarity);
    expect(outcome).toMatchObject({ status: 'failed', reasons: ['planar_motion'] });
    expect(outcome?.confidence).toBeLessThan(0.5);
  });

  it('fails with face_changed when another person takes over mid-session', () => {
    const check = LivenessCheck.start(new ScriptedRandom(TURN_BLINK_TURN));

    follow(check, new FollowingUser({ person: (index) => (index < 8 ? 0 : 1) }));

    expect(check.outcome(similarity)).toMatchObject({ status: 'failed', reasons: ['face_changed'] });
  });

  it('fails with low_quality when a person whose face cannot be described takes over for the last step', () => {
    const check = LivenessCheck.start(new ScriptedRandom(TURN_BLINK_TURN));
    // Person B in front of the camera from the last step on, a face the descriptor model never finds.
    const send: Send = (user, describe) => {
      const evidence = user.frame(describe);
      return onLastStep(check) ? { ...evidence, descriptor: null } : evidence;
    };

    follow(check, new FollowingUser(), { send });

    expect(check.outcome(similarity)).toMatchObject({ status: 'failed', reasons: ['low_quality'] });
  });

  it('fails with replayed_frames when the same frame comes twice', () => {
    const check = LivenessCheck.start(new ScriptedRandom(TURN_BLINK_TURN));
    let previous: FrameEvidence | undefined;
    const send: Send = (user, describe, index) => (previous = index === 3 && previous ? previous : user.frame(describe));

    follow(check, new FollowingUser(), { send });

    expect(check.outcome(similarity)).toMatchObject({ status: 'failed', reasons: ['replayed_frames'], confidence: 0 });
  });

  describe('wantsDescriptor', () => {
    it('asks for the first frame, then not again within 1000 ms of the last descriptor', () => {
      const check = LivenessCheck.start(new ScriptedRandom(TURN_BLINK_TURN));
      const user = new FollowingUser();
      expect(check.wantsDescriptor(0)).toBe(true);

      check.observe(user.frame(true), 0);

      expect(check.wantsDescriptor(200)).toBe(false);
      expect(check.wantsDescriptor(999)).toBe(false);
      expect(check.wantsDescriptor(1000)).toBe(true);
    });

    it('asks on every frame of the last step', () => {
      const check = LivenessCheck.start(new ScriptedRandom(TURN_BLINK_TURN));
      const asked: boolean[] = [];
      const send: Send = (user, describe) => {
        if (onLastStep(check)) asked.push(describe);
        return user.frame(describe);
      };

      follow(check, new FollowingUser(), { send });

      expect(asked.length).toBeGreaterThan(1);
      expect(asked.every(Boolean)).toBe(true);
    });

    it('asks again on the next frame when the frame with a descriptor was unusable', () => {
      const check = LivenessCheck.start(new ScriptedRandom(TURN_BLINK_TURN));
      check.observe({ ...twoFaces, descriptor: new FollowingUser().frame(true).descriptor }, 0);
      expect(check.wantsDescriptor(200)).toBe(true);
    });
  });

  it('continues identically from its record through JSON, even mid-blink', () => {
    // 3, 0, 0: blink first, then turn_left, then turn_right.
    const original = LivenessCheck.start(new ScriptedRandom([3, 0, 0]));
    const user = new FollowingUser();
    // Baseline (0–800, blink issued at 800), then open at 1000, closed at 1200.
    const before = follow(original, user, { frames: 7 });
    expect(before.at(-1)).toMatchObject({ instruction: 'blink', at: 1200 });

    const record = original.toRecord();
    const stored = JSON.parse(JSON.stringify(record)) as unknown;
    expect(stored).toStrictEqual(record);
    const restored = LivenessCheck.fromRecord(stored as typeof record, new ScriptedRandom([0, 0]));

    for (let at = 1400; !original.isFinished; at += FRAME_MS) {
      expect(restored.wantsDescriptor(at)).toBe(original.wantsDescriptor(at));
      const evidence = user.frame(original.wantsDescriptor(at));
      const answer = original.observe(evidence, at);
      expect(restored.observe(evidence, at)).toEqual(answer);
      user.hear(answer);
    }
    expect(restored.isFinished).toBe(true);
    expect(restored.toRecord()).toEqual(original.toRecord());
    expect(restored.outcome(similarity)).toEqual(original.outcome(similarity));
    expect(restored.outcome(similarity)).toMatchObject({ status: 'succeeded', reasons: [] });
  });

  it('keeps its record apart from the caller: changing a record read out does not change the check', () => {
    const check = LivenessCheck.start(new ScriptedRandom(TURN_BLINK_TURN));
    follow(check, new FollowingUser(), { frames: 3 });
    const record = check.toRecord();

    (record.evidence.baselinePoses as unknown[]).length = 0;

    expect(check.toRecord().evidence.baselinePoses).toHaveLength(3);
  });

  describe('once the challenge is over', () => {
    it('refuses further frames with ChallengeFinished', () => {
      const check = LivenessCheck.start(new ScriptedRandom(TURN_BLINK_TURN));
      const answers = follow(check, new FollowingUser());
      const next = (answers.at(-1)?.at ?? 0) + FRAME_MS;

      expect(() => check.assertAccepts(next)).toThrow(ChallengeFinished);
      expect(() => check.observe(new FollowingUser().frame(false), next)).toThrow(ChallengeFinished);
    });

    it('has no outcome before the challenge is over', () => {
      const check = LivenessCheck.start(new ScriptedRandom(TURN_BLINK_TURN));
      follow(check, new FollowingUser(), { frames: 8 });

      expect(check.isFinished).toBe(false);
      expect(check.outcome(similarity)).toBeNull();
    });
  });

  it('refuses a frame sooner than 100 ms after the last with TooManyFrames saying when to retry', () => {
    const check = LivenessCheck.start(new ScriptedRandom(TURN_BLINK_TURN));
    check.observe(new FollowingUser().frame(true), 1000);

    const tooSoon = () => check.observe(new FollowingUser().frame(false), 1040);
    expect(tooSoon).toThrow(TooManyFrames);
    expect(tooSoon).toThrow(expect.objectContaining({ retryAfterSeconds: 0.06 }) as TooManyFrames);
  });
});
