import { InvalidLightTime } from '../../../src/domain/domain.errors.js';
import { Challenge } from '../../../src/domain/liveness/challenge.js';
import { LivenessCheck } from '../../../src/domain/liveness/liveness-check.js';
import { cssColour } from '../../../src/domain/liveness/light-sequence.js';
import type { LivenessRecord } from '../../../src/domain/liveness/liveness-record.js';
import { FollowingUser, similarity } from '../../fakes/following-user.js';
import { SeededRandom } from '../../fakes/seeded-random.js';
import { flashesDurationMs } from '../../support/light-screen.js';
import { frame, passBaseline, reach } from './challenge-frames.js';
import { checkInLight, followWithLight, GENUINE, NO_TINT, tinted } from './light-frames.js';

/** `value` without its field `key`, as a record stored before that field existed. */
function without<T extends object, K extends keyof T>(value: T, key: K): Omit<T, K> {
  return Object.fromEntries(Object.entries(value).filter(([name]) => name !== key)) as Omit<T, K>;
}

/** A light challenge taken through its 3 movement steps; returns the time of the last frame. */
function throughMovement(challenge: Challenge): number {
  let at = passBaseline(challenge);
  for (let step = 0; step < 3; step++) {
    reach(challenge, (at += 600));
    if (step < 2) challenge.observe(frame((at += 200)));
  }
  return at;
}

describe('Challenge with the light step', () => {
  it('draws the light sequence only once the last movement step is verified and the face is back at centre', () => {
    const challenge = Challenge.start(new SeededRandom(3), { light: true });
    const at = throughMovement(challenge);
    expect(challenge.answer()).toEqual({ instruction: 'center_face', progress: 3 / 4 });
    expect(challenge.toRecord().light ?? null).toBeNull();

    challenge.observe(frame(at + 200, { centered: false }));
    expect(challenge.toRecord().light ?? null).toBeNull();

    const answer = challenge.observe(frame(at + 400));
    expect(answer).toMatchObject({ instruction: 'light', progress: 3 / 4, light: { neutralMs: 500 } });
    expect(answer.light?.flashes.length).toBeGreaterThanOrEqual(6);
    for (const flash of answer.light?.flashes ?? []) expect(flash.colour).toMatch(/^#[0-9a-f]{6}$/);
    expect(challenge.state).toEqual({ kind: 'light_issued', issuedAt: at + 400 });
    expect(challenge.toRecord().light?.flashes.map((flash) => flash.durationMs)).toEqual(answer.light?.flashes.map((flash) => flash.durationMs));
  });

  it('repeats the sequence until a frame says the capture is complete, then passes', () => {
    const challenge = Challenge.start(new SeededRandom(3), { light: true });
    const at = throughMovement(challenge) + 200;
    const issued = challenge.observe(frame(at));

    expect(challenge.observe(frame(at + 100, { centered: false }))).toEqual(issued);
    expect(challenge.observe(frame(at + 200, { usable: false }))).toEqual(issued);
    expect(challenge.observe(frame(at + 300, { lightComplete: true }))).toEqual({ instruction: 'done', progress: 1 });
    expect(challenge.state).toEqual({ kind: 'passed', at: at + 300 });
  });

  it('fails as too_slow when the light step outlasts the sequence, its neutral screen and the step window', () => {
    const challenge = Challenge.start(new SeededRandom(3), { light: true });
    const at = throughMovement(challenge) + 200;
    const cue = challenge.observe(frame(at)).light;
    const limit = at + flashesDurationMs(cue?.flashes ?? []) + 500 + 5000;

    expect(challenge.observe(frame(limit)).instruction).toBe('light');
    challenge.observe(frame(limit + 100));
    expect(challenge.state).toMatchObject({ kind: 'failed', reason: 'too_slow' });
  });

  it('runs the movement steps alone without the light option, as before', () => {
    const challenge = Challenge.start(new SeededRandom(3));
    throughMovement(challenge);
    expect(challenge.state.kind).toBe('passed');
    expect(challenge.toRecord().light ?? null).toBeNull();
  });
});

describe('LivenessCheck with the light step', () => {
  it('passes a face that reflects the revealed sequence, and keeps the verdict with the evidence', () => {
    const check = LivenessCheck.start(new SeededRandom(11), { light: true });
    const run = followWithLight(check, new FollowingUser());

    expect(run.instructions.slice(-2)).toEqual(['light', 'done']);
    expect(check.outcome(similarity)).toMatchObject({ status: 'succeeded', reasons: [] });
    expect(check.toRecord().evidence.light?.verdict).toMatchObject({ ok: true, reason: null });
    expect(check.toRecord().evidence.light?.verdict?.correlation).toBeGreaterThan(0.9);
  });

  it('passes a face filling the frames (no background in any) on its own reflection of the sequence', () => {
    const check = LivenessCheck.start(new SeededRandom(11), { light: true });
    followWithLight(check, new FollowingUser(), GENUINE, { backgroundInFrame: false });

    expect(check.outcome(similarity)).toMatchObject({ status: 'succeeded', reasons: [] });
    expect(check.toRecord().evidence.light?.verdict).toMatchObject({ ok: true, backgroundResponse: null });
  });

  it('fails a replay filling the frames (no background in any) as light_mismatch', () => {
    const check = LivenessCheck.start(new SeededRandom(11), { light: true });
    followWithLight(check, new FollowingUser(), NO_TINT, { backgroundInFrame: false });
    expect(check.outcome(similarity)).toEqual({ status: 'failed', confidence: 0, reasons: ['light_mismatch'] });
  });

  it('fails a face that does not follow the sequence (a replay) as light_mismatch, with confidence 0', () => {
    const check = LivenessCheck.start(new SeededRandom(11), { light: true });
    followWithLight(check, new FollowingUser(), NO_TINT);
    expect(check.outcome(similarity)).toEqual({ status: 'failed', confidence: 0, reasons: ['light_mismatch'] });
  });

  it('fails a face tinted by another session\'s sequence as light_mismatch', () => {
    const other = checkInLight(99).check.lightSequence;
    const check = LivenessCheck.start(new SeededRandom(11), { light: true });
    const otherFlashes = (other?.flashes ?? []).map(({ colour, durationMs }) => ({ colour: cssColour(colour), durationMs }));
    followWithLight(check, new FollowingUser(), () => otherFlashes);
    expect(check.outcome(similarity)?.reasons).toEqual(['light_mismatch']);
  });

  it('refuses a light-step frame without a valid X-Light-Time before counting it', () => {
    const { check, at, user } = checkInLight();
    const evidence = user.frame(false);
    const framesBefore = check.toRecord().challenge.frames;

    expect(() => check.assertAccepts(at + 100, null)).toThrow(InvalidLightTime);
    expect(() => check.observe(evidence, at + 100)).toThrow(InvalidLightTime);
    expect(() => check.observe(evidence, at + 100, Number.NaN)).toThrow(InvalidLightTime);
    expect(() => check.observe(evidence, at + 100, Number.POSITIVE_INFINITY)).toThrow(InvalidLightTime);
    expect(() => check.observe(evidence, at + 100, -2001)).toThrow(InvalidLightTime);
    expect(() => check.observe(evidence, at + 100, 20_001)).toThrow(InvalidLightTime);
    expect(check.toRecord().challenge.frames).toBe(framesBefore);

    check.observe(evidence, at + 100, -500);
    expect(() => check.observe(user.frame(false), at + 200, -500)).toThrow(/not after the previous frame's -500/);
    expect(() => check.observe(user.frame(false), at + 200, -400)).not.toThrow();
  });

  it('ignores X-Light-Time outside the light step', () => {
    const check = LivenessCheck.start(new SeededRandom(11), { light: true });
    const user = new FollowingUser();
    expect(() => check.observe(user.frame(false), 0, Number.NaN)).not.toThrow();
    expect(() => check.observe(user.frame(false), 200)).not.toThrow();
  });

  it('stores a frame\'s missing background as null, JSON-safe, and decides from the stored record', () => {
    const { check, at, user } = checkInLight();
    const cue = { flashes: check.lightSequence?.flashes.map(({ durationMs }) => ({ colour: '#ff0000', durationMs })) ?? [] };
    check.observe(tinted(user.frame(false), cue.flashes, -500, false), at + 100, -500);

    const record = JSON.parse(JSON.stringify(check.toRecord())) as LivenessRecord;
    expect(record.evidence.light?.samples).toEqual([expect.objectContaining({ timeMs: -500, background: null })]);
    expect(LivenessCheck.fromRecord(record, new SeededRandom(1)).lightSequence).toEqual(check.lightSequence);
  });

  it('runs the reflection check on the frame taken after the trailing neutral screen', () => {
    const { check, at, user } = checkInLight();
    const end = flashesDurationMs(check.lightSequence?.flashes ?? []) + 500;
    check.observe(user.frame(false), at + 100, end - 1);
    expect(check.isFinished).toBe(false);

    check.observe(user.frame(false), at + 200, end);
    expect(check.isFinished).toBe(true);
    // Two frames, both neutral: too few lit by a flash to fit anything.
    expect(check.toRecord().evidence.light?.verdict).toMatchObject({ ok: false, reason: 'light_mismatch' });
  });

  it('reads a record stored before the light challenge as movement only', () => {
    const check = LivenessCheck.start(new SeededRandom(11));
    const record = check.toRecord();
    const old = LivenessCheck.fromRecord(
      { challenge: { ...record.challenge, options: without(record.challenge.options, 'light') }, evidence: without(record.evidence, 'light') },
      new SeededRandom(11),
    );
    const run = followWithLight(old, new FollowingUser());
    expect(run.instructions).not.toContain('light');
    expect(old.outcome(similarity)).toMatchObject({ status: 'succeeded' });
  });
});
