import { Challenge } from '../../../src/domain/liveness/challenge.js';
import type { ChallengeRecord } from '../../../src/domain/liveness/challenge-record.js';
import { ScriptedRandom, SeededRandom } from '../../fakes/seeded-random.js';
import { frame, passBaseline, reach } from './challenge-frames.js';

// Picks 0, 1, 2 draw turn_left (of 4), then look_up (of the 3 but turn_left), then blink (of the 3 but look_up).
const scripted = () => new ScriptedRandom([0, 1, 2]);

/** A fresh challenge whose first step, issued at 800, is reached at `at`. */
function firstStepReachedAt(at: number): Challenge {
  const challenge = Challenge.start(scripted());
  passBaseline(challenge);
  reach(challenge, at);
  return challenge;
}

describe('Challenge', () => {
  it('asks for a centred face until the baseline frames are in, then issues the first step', () => {
    const random = scripted();
    const challenge = Challenge.start(random);
    for (const at of [0, 200, 400, 600]) expect(challenge.observe(frame(at))).toEqual({ instruction: 'center_face', progress: 0 });
    expect(random.draws).toBe(0);

    expect(challenge.observe(frame(800))).toEqual({ instruction: 'turn_left', progress: 0 });
    expect(challenge.state).toEqual({ kind: 'step_issued', step: 'turn_left', issuedAt: 800 });
  });

  it('passes when each of the 3 steps is reached in time and the face recentres between them', () => {
    const challenge = Challenge.start(scripted());
    passBaseline(challenge);

    expect(reach(challenge, 1400)).toEqual({ instruction: 'center_face', progress: 1 / 3 });
    expect(challenge.observe(frame(1600))).toEqual({ instruction: 'look_up', progress: 1 / 3 });
    expect(reach(challenge, 2200)).toEqual({ instruction: 'center_face', progress: 2 / 3 });
    expect(challenge.observe(frame(2400))).toEqual({ instruction: 'blink', progress: 2 / 3 });
    expect(reach(challenge, 3000)).toEqual({ instruction: 'done', progress: 1 });
    expect(challenge.state).toEqual({ kind: 'passed', at: 3000 });
    expect(challenge.toRecord().steps).toEqual(['turn_left', 'look_up', 'blink']);
  });

  it('draws the next step only once the previous is verified and the face is back at centre', () => {
    const random = scripted();
    const challenge = Challenge.start(random);
    passBaseline(challenge);
    challenge.observe(frame(1000));
    challenge.observe(frame(1200, { centered: false }));
    expect(challenge.toRecord().steps).toEqual(['turn_left']);

    reach(challenge, 1400);
    challenge.observe(frame(1600, { centered: false }));
    expect(challenge.answer().instruction).toBe('center_face');
    expect(challenge.toRecord().steps).toEqual(['turn_left']);
    expect(random.draws).toBe(1);

    challenge.observe(frame(1800));
    expect(challenge.toRecord().steps).toEqual(['turn_left', 'look_up']);
  });

  it('fails with wrong_move on a clear move against the step asked', () => {
    const challenge = Challenge.start(scripted());
    passBaseline(challenge);

    expect(challenge.observe(frame(1400, { wrongMove: true, centered: false }))).toEqual({ instruction: 'done', progress: 1 });
    expect(challenge.state).toEqual({ kind: 'failed', reason: 'wrong_move', at: 1400 });
  });

  it('reaches a step up to the end of its window and fails with too_slow after it', () => {
    expect(firstStepReachedAt(800 + 5000).state.kind).toBe('recentering');
    expect(firstStepReachedAt(800 + 5001).state).toEqual({ kind: 'failed', reason: 'too_slow', at: 5801 });
  });

  it('fails with too_slow when the face does not come back to centre within the window', () => {
    const challenge = Challenge.start(scripted());
    passBaseline(challenge);
    reach(challenge, 1400);

    challenge.observe(frame(6300, { centered: false }));
    challenge.observe(frame(6401));

    expect(challenge.state).toEqual({ kind: 'failed', reason: 'too_slow', at: 6401 });
  });

  it('fails with too_early when a step is reached before anyone could react to it', () => {
    expect(firstStepReachedAt(800 + 299).state).toEqual({ kind: 'failed', reason: 'too_early', at: 1099 });
    expect(firstStepReachedAt(800 + 300).state.kind).toBe('recentering');
  });

  it('does not take a verdict for another step than the one issued as a verification', () => {
    const challenge = Challenge.start(scripted());
    passBaseline(challenge);

    challenge.observe(frame(1400, { stepReached: 'turn_right' }));

    expect(challenge.state).toEqual({ kind: 'step_issued', step: 'turn_left', issuedAt: 800 });
  });

  it('lets unusable frames advance nothing, and fails with low_quality past the tolerated count', () => {
    const challenge = Challenge.start(scripted());
    passBaseline(challenge);
    for (let i = 1; i <= 25; i++) challenge.observe(frame(800 + 100 * i, { usable: false, stepReached: 'turn_left' }));
    expect(challenge.state).toEqual({ kind: 'step_issued', step: 'turn_left', issuedAt: 800 });

    challenge.observe(frame(3400, { usable: false }));
    expect(challenge.state).toEqual({ kind: 'failed', reason: 'low_quality', at: 3400 });
  });

  it('does not count unusable frames towards the baseline', () => {
    const challenge = Challenge.start(scripted());
    for (let i = 0; i < 10; i++) challenge.observe(frame(200 * i, { usable: i % 2 === 0 }));

    expect(challenge.state).toEqual({ kind: 'step_issued', step: 'turn_left', issuedAt: 1600 });
  });

  it('continues identically from its JSON record mid-challenge', () => {
    const original = Challenge.start(scripted());
    passBaseline(original);
    reach(original, 1400);
    original.observe(frame(1600));
    const record = JSON.parse(JSON.stringify(original.toRecord())) as ChallengeRecord;

    // The restored challenge gets the picks the original has not used yet: only the third is left.
    const restored = Challenge.fromRecord(record, new ScriptedRandom([2]));
    expect(restored.toRecord()).toEqual(original.toRecord());

    const rest = [reach, (c: Challenge, at: number) => c.observe(frame(at)), reach];
    rest.forEach((send, i) => expect(send(restored, 2200 + 400 * i)).toEqual(send(original, 2200 + 400 * i)));
    expect(restored.toRecord()).toEqual(original.toRecord());
    expect(restored.state).toEqual({ kind: 'passed', at: 3000 });
  });

  it('keeps the issued step across a restart instead of drawing it again', () => {
    const original = Challenge.start(new SeededRandom(3));
    passBaseline(original);
    const issued = original.expectedStep;

    // A source with no pick left throws if anything draws.
    const restored = Challenge.fromRecord(original.toRecord(), new ScriptedRandom([]));
    expect(restored.expectedStep).toBe(issued);
    expect(restored.observe(frame(1400, { stepReached: issued, centered: false }))).toEqual({ instruction: 'center_face', progress: 1 / 3 });
  });

  it('shares no state with the record it was built from or handed out', () => {
    const challenge = Challenge.start(scripted());
    const before = challenge.toRecord();

    passBaseline(challenge);

    expect(before.state).toEqual({ kind: 'waiting_for_face', usableFrames: 0 });
    expect(before.steps).toEqual([]);
  });
});
