import type { ChallengeFailure } from '../../../src/domain/liveness/challenge-record.js';
import { decide, type LivenessFindings } from '../../../src/domain/liveness/liveness-decision.js';

/** The default thresholds: residual over 0.09, similarity at least 0.5, 2 descriptors, at most 3 frames with a second face. */
const MIN_RESIDUAL = 0.09;
const MIN_SIMILARITY = 0.5;

/** Findings of a clean session: the challenge passed, a real head turned, one person throughout. */
function findings(overrides: Partial<LivenessFindings> = {}): LivenessFindings {
  return {
    challenge: { kind: 'passed', at: 9000 },
    maxResidual: 0.15,
    minSimilarity: 0.8,
    descriptorCount: 6,
    identifiedAtEnd: true,
    multipleFaceFrames: 0,
    replayFault: null,
    ...overrides,
  };
}

const failedChallenge = (reason: ChallengeFailure) => ({ kind: 'failed', reason, at: 9000 }) as const;
const otherPerson = 0.2;

describe('decide', () => {
  it('succeeds when the challenge passed and every check holds, with no reasons', () => {
    expect(decide(findings())).toMatchObject({ status: 'succeeded', reasons: [] });
  });

  describe('fails for one reason alone', () => {
    it.each([
      ['planar_motion', 'the face moved like a flat picture', { maxResidual: 0.03 }],
      ['planar_motion', 'the largest residual is exactly at the threshold', { maxResidual: MIN_RESIDUAL }],
      ['face_changed', 'two descriptors are of different people', { minSimilarity: otherPerson }],
      ['multiple_faces', 'a second face was in more frames than the limit', { multipleFaceFrames: 4 }],
      ['replayed_frames', 'a frame was repeated', { replayFault: 'duplicate_frame' }],
      ['replayed_frames', 'frames came faster than a camera delivers', { replayFault: 'impossible_timing' }],
      ['low_quality', 'fewer than two descriptors were taken', { descriptorCount: 1, minSimilarity: 1 }],
      ['low_quality', 'no descriptor was taken', { descriptorCount: 0, minSimilarity: 1 }],
      ['low_quality', 'the face that finished the challenge was never identified', { identifiedAtEnd: false }],
    ] as const)('%s when %s', (reason, _when, overrides) => {
      expect(decide(findings(overrides))).toMatchObject({ status: 'failed', reasons: [reason] });
    });

    it.each(['wrong_move', 'too_slow', 'too_early', 'low_quality'] as const)('the challenge own reason, %s, when it failed', (reason) => {
      expect(decide(findings({ challenge: failedChallenge(reason) }))).toMatchObject({ status: 'failed', reasons: [reason] });
    });
  });

  it('forgives a second face in as many frames as the limit (a passer-by)', () => {
    expect(decide(findings({ multipleFaceFrames: 3 })).status).toBe('succeeded');
  });

  it('succeeds with exactly the minimum number of descriptors', () => {
    expect(decide(findings({ descriptorCount: 2 })).status).toBe('succeeded');
  });

  it('reports a failed challenge reason first, then every failing check', () => {
    const outcome = decide(findings({ challenge: failedChallenge('wrong_move'), maxResidual: 0.01, replayFault: 'duplicate_frame' }));
    expect(outcome.reasons).toEqual(['wrong_move', 'planar_motion', 'replayed_frames']);
  });

  it('reports every failing check together, in the documented order', () => {
    const outcome = decide(findings({ replayFault: 'duplicate_frame', multipleFaceFrames: 9, minSimilarity: otherPerson, maxResidual: 0.01 }));
    expect(outcome).toMatchObject({ status: 'failed', reasons: ['planar_motion', 'face_changed', 'multiple_faces', 'replayed_frames'] });
  });

  it('takes other limits when given them', () => {
    const limits = { minResidual: 0.2, minSimilarity: 0.5, minDescriptors: 2, maxMultipleFaceFrames: 0 };
    expect(decide(findings({ multipleFaceFrames: 1 }), limits).reasons).toEqual(['planar_motion', 'multiple_faces']);
  });

  it('fails with face_changed a similarity under the similarity limit it is given', () => {
    const stricter = { minResidual: MIN_RESIDUAL, minSimilarity: 0.7, minDescriptors: 2, maxMultipleFaceFrames: 3 };
    const outcome = decide(findings({ minSimilarity: 0.6 }), stricter);
    expect(outcome.reasons).toEqual(['face_changed']);
  });

  describe('confidence', () => {
    it('reads 0.5 to 1 on success, growing with the smaller of the two margins', () => {
      const low = decide(findings({ maxResidual: 1.1 * MIN_RESIDUAL, minSimilarity: 0.9 }));
      const high = decide(findings({ maxResidual: 1.6 * MIN_RESIDUAL, minSimilarity: 0.9 }));

      expect(low.status).toBe('succeeded');
      expect(low.confidence).toBeCloseTo(0.55, 10);
      expect(high.confidence).toBeCloseTo(0.8, 10);
    });

    it('reads 1 at twice both thresholds, and stays 1 beyond', () => {
      expect(decide(findings({ maxResidual: 2 * MIN_RESIDUAL, minSimilarity: 2 * MIN_SIMILARITY })).confidence).toBe(1);
      expect(decide(findings({ maxResidual: 5 * MIN_RESIDUAL, minSimilarity: 1 })).confidence).toBe(1);
    });

    it('reads exactly 0.5, the decision line, on a success whose similarity is exactly the threshold', () => {
      const outcome = decide(findings({ minSimilarity: MIN_SIMILARITY }));
      expect(outcome.status).toBe('succeeded');
      expect(outcome.confidence).toBe(0.5);
    });

    it('reads the residual ratio to its threshold, halved, on a planar failure', () => {
      expect(decide(findings({ maxResidual: 0.045 })).confidence).toBeCloseTo(0.25, 10);
      expect(decide(findings({ maxResidual: 0.009 })).confidence).toBeCloseTo(0.05, 10);
      expect(decide(findings({ maxResidual: 0 })).confidence).toBe(0);
    });

    it('reads the similarity ratio to its threshold, halved, on a change of face', () => {
      expect(decide(findings({ minSimilarity: 0.3 })).confidence).toBeCloseTo(0.3, 10);
    });

    it('reads the smaller ratio when both measured checks fail, always under 0.5', () => {
      const outcome = decide(findings({ maxResidual: 0.072, minSimilarity: 0.1 }));
      expect(outcome.confidence).toBeCloseTo(0.1, 10);
      expect(decide(findings({ maxResidual: 0.0899 })).confidence).toBeLessThan(0.5);
    });

    it.each([
      ['a failed challenge', { challenge: failedChallenge('too_slow') }],
      ['too many frames with a second face', { multipleFaceFrames: 4 }],
      ['replayed frames', { replayFault: 'duplicate_frame' }],
      ['too few descriptors', { descriptorCount: 1 }],
      ['replayed frames besides a planar failure', { replayFault: 'impossible_timing', maxResidual: 0.045 }],
    ] as const)('reads 0 for %s, however good the measured checks', (_what, overrides) => {
      expect(decide(findings({ maxResidual: 0.5, minSimilarity: 1, ...overrides })).confidence).toBe(0);
    });
  });
});

describe('decide with the light verdict', () => {
  it.each(['light_mismatch', 'light_too_dim'] as const)('fails a session whose light check found %s, with confidence 0', (fault) => {
    expect(decide(findings({ light: fault }))).toEqual({ status: 'failed', confidence: 0, reasons: [fault] });
  });

  it('reports the light fault after the other reasons', () => {
    expect(decide(findings({ maxResidual: 0.01, light: 'light_mismatch' })).reasons).toEqual(['planar_motion', 'light_mismatch']);
  });

  it('succeeds without a light fault, as before the light challenge', () => {
    expect(decide(findings({ light: null })).status).toBe('succeeded');
    expect(decide(findings()).status).toBe('succeeded');
  });
});
