import { checkLightReflection, type LightSample, type LightVerdict } from '../../../src/domain/liveness/light-reflection.js';
import { LIVENESS_THRESHOLDS } from '../../../src/domain/liveness/liveness-thresholds.js';
import { median } from '../../../src/domain/liveness/median.js';
import { lightSession, type LightSessionKind } from './light-session.js';

/** Synthetic sessions per kind: 200, as the BPCER and APCER figures. */
const SESSIONS = 200;
const seeds = Array.from({ length: SESSIONS }, (_, i) => i + 1);

const NO_COLOUR = { r: NaN, g: NaN, b: NaN };
/** The samples of a capture whose background never was measurable (out of the frame, blown out, black). */
const withoutBackground = (samples: readonly LightSample[]) => samples.map((sample) => ({ ...sample, background: NO_COLOUR }));

function verdicts(kind: LightSessionKind, { background = true } = {}): LightVerdict[] {
  return seeds.map((seed) => {
    const { shown, samples } = lightSession(kind, seed);
    return checkLightReflection(shown, background ? samples : withoutBackground(samples));
  });
}

const share = (all: readonly LightVerdict[], test: (verdict: LightVerdict) => boolean) => all.filter(test).length / all.length;

describe('checkLightReflection', () => {
  describe('a live face near the screen (10–25 % of the room light, background 3–5 × weaker, delay 50–200 ms, noise, drifting exposure)', () => {
    const live = verdicts('live');

    it('passes at least 95 % of 200 sessions (BPCER ≤ 5 %)', () => {
      expect(share(live, (verdict) => verdict.ok)).toBeGreaterThanOrEqual(0.95);
    });

    it('passes with a high correlation and the face responding far more than its background', () => {
      const passed = live.filter((verdict) => verdict.ok);
      expect(median(passed.map((verdict) => verdict.correlation))).toBeGreaterThan(0.95);
      expect(median(passed.map((verdict) => (verdict.backgroundResponse ?? NaN) / verdict.faceResponse))).toBeLessThan(0.4);
    });

    it("measures the face's response as about the screen's share of its light, and the camera's delay", () => {
      for (const seed of seeds.slice(0, 40)) {
        const { shown, samples, scene } = lightSession('live', seed);
        const verdict = checkLightReflection(shown, samples);
        expect(verdict.faceResponse).toBeGreaterThan(0.75 * scene.faceGain);
        expect(verdict.faceResponse).toBeLessThan(1.25 * scene.faceGain);
      }
      const errors = seeds.map((seed) => {
        const { shown, samples, scene } = lightSession('live', seed);
        return Math.abs(checkLightReflection(shown, samples).delayMs - scene.delayMs);
      });
      expect(median(errors)).toBeLessThan(50);
    });

    it('does not depend on exposure: any brightness change of either region, frame by frame, gives the same verdict', () => {
      const { shown, samples } = lightSession('live', 7);
      const scaled = (rgb: LightSample['face'], gain: number) => ({ r: gain * rgb.r, g: gain * rgb.g, b: gain * rgb.b });
      const exposed = samples.map((sample, i) => ({ ...sample, face: scaled(sample.face, 1 + 0.3 * Math.sin(i)), background: scaled(sample.background, 0.5 + (i % 3)) }));
      const [before, after] = [samples, exposed].map((series) => checkLightReflection(shown, series));
      expect(after.ok).toBe(true);
      expect(after.correlation).toBeCloseTo(before.correlation, 10);
      expect(after.faceResponse).toBeCloseTo(before.faceResponse, 10);
      expect(after.backgroundResponse).toBeCloseTo(before.backgroundResponse ?? NaN, 10);
    });
  });

  describe.each<[LightSessionKind, string]>([
    ['replay', 'a replayed video, lit by its own light (no tint)'],
    ['lagging', 'a tint one whole flash behind'],
    ['leading', 'a tint one whole flash ahead'],
    ['reordered', "the session's colours in another order"],
    ['flatSurface', 'a flat surface lit as one: background tinted as much as the face'],
    ['otherSession', "a tint following another session's sequence"],
  ])('an attack: %s', (kind, what) => {
    it(`fails ${what} with light_mismatch in all 200 sessions (APCER 0 %)`, () => {
      const attacks = verdicts(kind);
      expect(share(attacks, (verdict) => verdict.ok)).toBe(0);
      expect(share(attacks, (verdict) => verdict.reason === 'light_mismatch')).toBe(1);
    });
  });

  it('fails a face the screen barely lights (3 % of the room light) as light_too_dim, never as a pass', () => {
    const dim = verdicts('dim');
    expect(share(dim, (verdict) => verdict.ok)).toBe(0);
    expect(share(dim, (verdict) => verdict.reason === 'light_too_dim')).toBeGreaterThan(0.8);
    for (const verdict of dim) expect(verdict.faceResponse).toBeLessThan(0.05);
  });

  it('fails with light_mismatch when too few frames were captured during the sequence', () => {
    const { shown, samples } = lightSession('live', 3);
    const during = samples.filter((sample) => sample.timeMs > shown[0].startMs && sample.timeMs < shown[shown.length - 1].endMs);
    const verdict = checkLightReflection(shown, during.filter((_, i) => i % 4 === 0));
    expect(verdict).toEqual({ ok: false, reason: 'light_mismatch', correlation: 0, delayMs: 0, faceResponse: 0, backgroundResponse: 0 });
  });

  describe('a face filling the frame: no background measurable, the face judged alone against stricter limits', () => {
    it('passes all 200 sessions of a live face filling the frame, near the screen (twice the light), reporting no background response', () => {
      const close = verdicts('close');
      expect(share(close, (verdict) => verdict.ok)).toBe(1);
      for (const verdict of close) expect(verdict.backgroundResponse).toBeNull();
      expect(Math.min(...close.map((verdict) => verdict.correlation))).toBeGreaterThan(LIVENESS_THRESHOLDS.light.minLoneFaceCorrelation);
    });

    it.each<LightSessionKind>(['replay', 'lagging', 'leading', 'reordered', 'otherSession'])('fails every %s session without a background, as light_mismatch but for a rare faint one', (kind) => {
      const attacks = verdicts(kind, { background: false });
      expect(share(attacks, (verdict) => verdict.ok)).toBe(0);
      // A chance match that is faint as well reads light_too_dim (1 of 200 other sessions' sequences).
      expect(share(attacks, (verdict) => verdict.reason === 'light_mismatch')).toBeGreaterThanOrEqual(0.99);
    });

    it('fails a face the screen barely lights without a background, never as a pass', () => {
      expect(share(verdicts('dim', { background: false }), (verdict) => verdict.ok)).toBe(0);
    });

    it('holds a lone face to the lone limits, which a face seen with its background does not need to meet', () => {
      const { shown, samples } = lightSession('live', 4);
      const seen = checkLightReflection(shown, samples);
      const strict = { ...LIVENESS_THRESHOLDS.light, minLoneFaceResponse: 1.5 * seen.faceResponse, minLoneFaceCorrelation: 1.01 * seen.correlation };
      expect(checkLightReflection(shown, samples, strict)).toMatchObject({ ok: true, faceResponse: seen.faceResponse });
      expect(checkLightReflection(shown, withoutBackground(samples), strict)).toMatchObject({ ok: false, reason: 'light_too_dim', backgroundResponse: null });
      const strictCorrelation = { ...strict, minLoneFaceResponse: 0 };
      expect(checkLightReflection(shown, withoutBackground(samples), strictCorrelation)).toMatchObject({ ok: false, reason: 'light_mismatch' });
    });

    it('uses the frames that show a background as long as enough do, and the face alone only when too few do', () => {
      const { shown, samples } = lightSession('flatSurface', 6);
      const everyOtherHidden = samples.map((sample, i) => (i % 2 === 0 ? sample : { ...sample, background: NO_COLOUR }));
      const halfSeen = checkLightReflection(shown, everyOtherHidden);
      expect(halfSeen).toMatchObject({ ok: false, reason: 'light_mismatch' });
      expect(halfSeen.backgroundResponse).toBeGreaterThan(0.8 * halfSeen.faceResponse);
      const fewShown = samples.map((sample, i) => (i % 8 === 0 ? sample : { ...sample, background: NO_COLOUR }));
      expect(checkLightReflection(shown, fewShown).backgroundResponse).toBeNull();
    });
  });

  it('gives a JSON-safe verdict', () => {
    const { shown, samples } = lightSession('live', 5);
    const verdict = checkLightReflection(shown, samples);
    expect(JSON.parse(JSON.stringify(verdict))).toEqual(verdict);
  });
});
