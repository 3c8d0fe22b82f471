import type { Rgb } from './frame-analysis.js';
import { linearLight, type LightColour } from './light-sequence.js';
import { LIVENESS_THRESHOLDS, type Thresholds } from './liveness-thresholds.js';

/** One flash as the page reports it: shown from `startMs` to `endMs`, ms from the capture's start. */
export interface ShownFlash {
  readonly colour: LightColour;
  readonly startMs: number;
  readonly endMs: number;
}

/** One frame's colours (AnalyzedFace's faceColour and backgroundColour, linear) at its capture time. */
export interface LightSample {
  readonly timeMs: number;
  readonly face: Rgb;
  readonly background: Rgb;
}

export type LightFault = 'light_mismatch' | 'light_too_dim';

export interface LightVerdict {
  readonly ok: boolean;
  readonly reason: LightFault | null;
  /** Correlation of the face's chroma shifts with the expected ones, at the best delay, in [−1, 1]. */
  readonly correlation: number;
  /** The camera delay that fits best, ms. */
  readonly delayMs: number;
  /** Chroma shift per unit of the screen's chroma: about the screen's light over the room's, on the face. */
  readonly faceResponse: number;
  /** The same for the background beside the face; null when too few frames showed one (judged on the face alone). */
  readonly backgroundResponse: number | null;
}

type LightLimits = Thresholds<'light'>;

/**
 * Whether the face reflected the light sequence the page showed, from the colours of the frames
 * captured during it.
 *
 * Each colour becomes its log-chroma, log R, G, B less their mean: an exposure change (the camera's
 * auto-exposure, the screen's brightness) scales R, G and B alike and cancels out. Light from the
 * screen at a fraction k of the room's light moves the skin's log-chroma by about k × (the screen
 * colour's linear RGB less its mean), whatever the skin's own colour: that is a frame's expected
 * shift, from what was on screen a camera delay before its capture (nothing for the neutral
 * screen just before and after the sequence). Both series lose their mean over the frames (the
 * skin's colour, the room's), then:
 * - correlation: observed against expected shifts over all frames and channels, at the delay
 *   (0 to maxDelayMs, every delayStepMs) where it is highest. A replay shows its own light, not
 *   this sequence; a guess of the sequence matches it only by chance.
 * - response: the least-squares k of the face, and of the background against the same expected
 *   shifts. A face near the screen takes far more of its light than the room behind it; a photo
 *   or a screen held up to the camera is one flat surface, its face and background alike.
 * A response too faint to compare the face with its background fails: `light_too_dim` when the
 * face still follows the sequence (the screen too dark or the room too bright), rather than a guess.
 *
 * With fewer than minFrames lit frames showing a measurable background (a face filling the frame,
 * a blown-out or black wall), the face is judged alone, on all its frames, against stricter
 * limits: a face that close to the camera is close to the screen too and takes more of its light,
 * and without a background nothing tells it from a flat surface, so only the sequence is left to
 * check, as sharply as a live face allows. Flat prints are the movement steps' to stop (planarity).
 */
export function checkLightReflection(
  shown: readonly ShownFlash[],
  samples: readonly LightSample[],
  limits: LightLimits = LIVENESS_THRESHOLDS.light,
): LightVerdict {
  const best = bestFit(shown, samples, true, limits) ?? bestFit(shown, samples, false, limits);
  if (!best) return { ok: false, reason: 'light_mismatch', correlation: 0, delayMs: 0, faceResponse: 0, backgroundResponse: 0 };
  return { ...judged(best, limits), ...best };
}

/** The verdict on the best fit: the order of the tests is the order of what they need. */
function judged({ correlation, faceResponse, backgroundResponse }: Fit, limits: LightLimits): Pick<LightVerdict, 'ok' | 'reason'> {
  const fail = (reason: LightFault) => ({ ok: false, reason }) as const;
  const alone = backgroundResponse === null;
  if (faceResponse < (alone ? limits.minLoneFaceResponse : limits.minFaceResponse)) {
    return fail(correlation >= limits.minDimCorrelation ? 'light_too_dim' : 'light_mismatch');
  }
  if (correlation < (alone ? limits.minLoneFaceCorrelation : limits.minCorrelation)) return fail('light_mismatch');
  if (!alone && backgroundResponse > limits.maxBackgroundRatio * faceResponse) return fail('light_mismatch');
  return { ok: true, reason: null };
}

interface Fit {
  readonly delayMs: number;
  readonly correlation: number;
  readonly faceResponse: number;
  readonly backgroundResponse: number | null;
}

/** The most correlated fit over the delays tried, on the frames showing a background or (`withBackground` false) on the face alone. */
function bestFit(shown: readonly ShownFlash[], samples: readonly LightSample[], withBackground: boolean, limits: LightLimits): Fit | null {
  const usable = samples.filter((sample) => measurable(sample.face) && (!withBackground || measurable(sample.background)));
  let best: Fit | null = null;
  for (let delayMs = 0; shown.length > 0 && delayMs <= limits.maxDelayMs; delayMs += limits.delayStepMs) {
    const fit = fitAtDelay(shown, usable, delayMs, withBackground, limits);
    if (fit && (!best || fit.correlation > best.correlation)) best = fit;
  }
  return best;
}

/** The fit of the frames at this delay; null with fewer than `minFrames` frames lit by a flash. */
function fitAtDelay(shown: readonly ShownFlash[], samples: readonly LightSample[], delayMs: number, withBackground: boolean, limits: LightLimits): Fit | null {
  const [expected, face, background]: (readonly number[])[][] = [[], [], []];
  let litFrames = 0;
  for (const sample of samples) {
    const shift = expectedShift(shown, sample.timeMs - delayMs, limits);
    if (!shift) continue;
    if (shift !== NEUTRAL) litFrames++;
    expected.push(shift);
    face.push(logChroma(sample.face));
    if (withBackground) background.push(logChroma(sample.background));
  }
  if (litFrames < limits.minFrames) return null;
  const [e, f] = [expected, face].map(meanRemoved);
  const energy = dot(e, e);
  if (energy === 0) return null;
  const faceEnergy = dot(f, f);
  const correlation = faceEnergy > 0 ? dot(f, e) / Math.sqrt(faceEnergy * energy) : 0;
  const backgroundResponse = withBackground ? dot(meanRemoved(background), e) / energy : null;
  return { delayMs, correlation, faceResponse: dot(f, e) / energy, backgroundResponse };
}

/** A neutral screen (grey, white or black) adds no chroma: it shifts the skin's log-chroma by nothing. */
const NEUTRAL: readonly number[] = [0, 0, 0];

/**
 * The expected log-chroma shift of a frame lit by the screen at `litAt`: its flash's, or NEUTRAL for
 * the neutral screen the page shows just before and after the sequence (up to neutralMs away), which
 * anchors the flashes' shifts. Null within guardMs of a change, where the exposure, the rolling
 * shutter and the display's refresh mix two colours, and farther out.
 */
function expectedShift(shown: readonly ShownFlash[], litAt: number, { guardMs, neutralMs }: LightLimits): readonly number[] | null {
  const flash = shown.find(({ startMs, endMs }) => startMs - guardMs <= litAt && litAt < endMs + guardMs);
  if (flash) return flash.startMs + guardMs <= litAt && litAt < flash.endMs - guardMs ? centred(linearLight(flash.colour)) : null;
  const [first, last] = [shown[0].startMs, shown[shown.length - 1].endMs];
  const beside = (litAt >= first - neutralMs && litAt < first) || (litAt >= last && litAt < last + neutralMs);
  return beside ? NEUTRAL : null;
}

/** A colour whose log-chroma exists: finite, and no channel black. */
function measurable({ r, g, b }: Rgb): boolean {
  return [r, g, b].every((value) => Number.isFinite(value) && value > 0);
}

function logChroma({ r, g, b }: Rgb): number[] {
  return centred([Math.log(r), Math.log(g), Math.log(b)]);
}

function centred(values: readonly number[]): number[] {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  return values.map((value) => value - mean);
}

/** Each channel of the series less its mean over the frames: what stays is the frames' shift. */
function meanRemoved(series: readonly (readonly number[])[]): number[][] {
  const mean = [0, 1, 2].map((channel) => series.reduce((sum, row) => sum + row[channel], 0) / series.length);
  return series.map((row) => row.map((value, channel) => value - mean[channel]));
}

function dot(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): number {
  let sum = 0;
  a.forEach((row, i) => row.forEach((value, channel) => (sum += value * b[i][channel])));
  return sum;
}
