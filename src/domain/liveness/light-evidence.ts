import { InvalidLightTime } from '../domain.errors.js';
import type { AnalyzedFace, Rgb } from './frame-analysis.js';
import { checkLightReflection, type LightVerdict, type ShownFlash } from './light-reflection.js';
import { flashOnsets, type LightSequence } from './light-sequence.js';
import type { StoredLightSample } from './liveness-record.js';

/**
 * X-Light-Time accepted, ms from the first flash: the lead-in neutral screen (500 ms) and a late
 * first frame fit above the minimum; the longest sequence (8 × 400 ms), its trailing neutral
 * screen and the server's 5-s window fit below the maximum.
 */
export const LIGHT_TIME_RANGE_MS = { min: -2000, max: 20_000 } as const;

/** 1/1000 of a linear 0–255 level: far below the noise of a region's mean colour (~1 %). */
const COLOUR_DECIMALS = 3;
const NO_COLOUR: Rgb = { r: Number.NaN, g: Number.NaN, b: Number.NaN };

/**
 * @throws InvalidLightTime for a light-step frame's time missing (null), not finite, out of
 * LIGHT_TIME_RANGE_MS, or not after the previous frame's (`lastMs`).
 */
export function assertLightTime(timeMs: number | null, lastMs: number | null): void {
  if (timeMs === null) throw new InvalidLightTime('missing');
  if (!Number.isFinite(timeMs)) throw new InvalidLightTime('not a number');
  if (timeMs < LIGHT_TIME_RANGE_MS.min || timeMs > LIGHT_TIME_RANGE_MS.max) {
    throw new InvalidLightTime(`outside ${LIGHT_TIME_RANGE_MS.min}…${LIGHT_TIME_RANGE_MS.max}`);
  }
  if (lastMs !== null && timeMs <= lastMs) throw new InvalidLightTime(`not after the previous frame's ${lastMs}`);
}

/** A usable light-step frame's colours as stored: rounded, a background not measured (NaN: out of the frame, blown out, black) as null. */
export function storedLightSample(face: AnalyzedFace, timeMs: number): StoredLightSample {
  const { backgroundColour } = face;
  const inFrame = [backgroundColour.r, backgroundColour.g, backgroundColour.b].every(Number.isFinite);
  return { timeMs, face: storedColour(face.faceColour), background: inFrame ? storedColour(backgroundColour) : null };
}

/** The reflection check over the stored samples, the flashes placed back to back from 0 as the page shows them. */
export function lightVerdict(sequence: LightSequence, samples: readonly StoredLightSample[]): LightVerdict {
  const onsets = flashOnsets(sequence.flashes);
  const shown: ShownFlash[] = sequence.flashes.map(({ colour }, i) => ({ colour, startMs: onsets[i], endMs: onsets[i + 1] }));
  return checkLightReflection(
    shown,
    samples.map(({ timeMs, face, background }) => ({ timeMs, face, background: background ?? NO_COLOUR })),
  );
}

function storedColour({ r, g, b }: Rgb): Rgb {
  const round = (value: number) => Math.round(value * 10 ** COLOUR_DECIMALS) / 10 ** COLOUR_DECIMALS;
  return { r: round(r), g: round(g), b: round(b) };
}
