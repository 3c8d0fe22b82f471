import type { RandomSource } from '../ports/random-source.port.js';

/**
 * The screen colours of the light challenge: the six hues of the colour wheel, each a separate
 * direction in chroma, so the skin's shift says which one was shown. No white (no chroma of its
 * own, and the brightest step) and no black (no light to reflect).
 */
export const LIGHT_COLOURS = ['red', 'green', 'blue', 'yellow', 'cyan', 'magenta'] as const;
export type LightColour = (typeof LIGHT_COLOURS)[number];

/**
 * What the page paints, sRGB 0–255. Contrast is kept moderate: green, yellow and cyan are dimmed to
 * 190 so relative luminance stays within 0.07 (blue) – 0.48 (yellow), a ratio under 7 where the
 * full hues would span 0.07–0.93. The check reads chroma only, so luminance swings buy nothing;
 * they would only glare, make the camera's auto-exposure hunt, and count towards WCAG's general
 * flash threshold. Red stays saturated (the skin's strongest cue), hence the red rule below.
 */
export const LIGHT_PALETTE: Readonly<Record<LightColour, readonly [number, number, number]>> = {
  red: [255, 0, 0],
  green: [0, 190, 0],
  blue: [0, 0, 255],
  yellow: [190, 190, 0],
  cyan: [0, 190, 190],
  magenta: [255, 0, 255],
};

/** A palette colour as CSS writes it, `#rrggbb`. */
export function cssColour(colour: LightColour): string {
  return `#${LIGHT_PALETTE[colour].map((code) => code.toString(16).padStart(2, '0')).join('')}`;
}

/** Total duration of the flashes, ms. */
export function sequenceDurationMs(sequence: LightSequence): number {
  return sequence.flashes.reduce((sum, flash) => sum + flash.durationMs, 0);
}

/** A palette colour in linear light, 0–1 a channel (sRGB decoded): light adds up on the skin in these units. */
export function linearLight(colour: LightColour): [number, number, number] {
  const [r, g, b] = LIGHT_PALETTE[colour].map((code) => {
    const c = code / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return [r, g, b];
}

export interface LightFlash {
  readonly colour: LightColour;
  readonly durationMs: number;
}

/** A session's flashes, in order, shown back to back. Plain data: it is stored with the session. */
export interface LightSequence {
  readonly flashes: readonly LightFlash[];
}

export interface LightSequenceOptions {
  readonly minFlashes: number;
  readonly maxFlashes: number;
  readonly minDurationMs: number;
  readonly maxDurationMs: number;
  /** Durations are multiples of this. */
  readonly stepMs: number;
}

/**
 * 6–8 flashes of 200–400 ms: the flash-rate rule below makes most of them 350–400 ms (a 200-ms one
 * comes only between two long ones), so a sequence lasts 2–3.1 s (2.4 s on average). At 10 frames/s
 * that is 20–31 frames, two to four a flash, for the correlation (light-reflection.ts).
 */
export const LIGHT_SEQUENCE_DEFAULTS: LightSequenceOptions = { minFlashes: 6, maxFlashes: 8, minDurationMs: 200, maxDurationMs: 400, stepMs: 50 };

/**
 * Photosensitive safety (WCAG 2.3.1, "three flashes or below threshold"), not options: at most
 * MAX_CHANGES_PER_SECOND colour changes in any second, counting every change (the first colour
 * coming on and the page going back to normal included) where WCAG counts a flash only per pair
 * of opposing changes, so twice as strict; and a saturated red comes on at most once a second.
 */
export const MAX_CHANGES_PER_SECOND = 3;
export const RED_SPACING_MS = 1000;
const SECOND_MS = 1000;

/**
 * A random light sequence for one session: the number of flashes, each colour (never the same
 * twice in a row) and each duration are drawn from `random`, within the safety rules above.
 * @throws RangeError when the options allow no count or duration, or cannot meet the flash-rate rule.
 */
export function drawLightSequence(random: RandomSource, options: LightSequenceOptions = LIGHT_SEQUENCE_DEFAULTS): LightSequence {
  if (options.minFlashes < 1 || options.maxFlashes < options.minFlashes) {
    throw new RangeError(`no flash count between ${options.minFlashes} and ${options.maxFlashes}`);
  }
  const durations = durationsOf(options);
  const longest = durations[durations.length - 1];
  if (MAX_CHANGES_PER_SECOND * longest < SECOND_MS) {
    throw new RangeError(`flashes of at most ${longest} ms cannot keep to ${MAX_CHANGES_PER_SECOND} changes per second`);
  }
  const count = options.minFlashes + random.pick(options.maxFlashes - options.minFlashes + 1);
  const flashes: LightFlash[] = [];
  for (let i = 0; i < count; i++) {
    const colour = pickOne(random, LIGHT_COLOURS.filter((candidate) => colourAllowed(flashes, candidate)));
    const durationMs = pickOne(random, durations.filter((candidate) => durationAllowed(flashes, candidate, longest)));
    flashes.push({ colour, durationMs });
  }
  return { flashes };
}

/** Start of each flash from the start of the first, in ms, and the end of the last as a final entry. */
export function flashOnsets(flashes: readonly LightFlash[]): number[] {
  const onsets = [0];
  for (const flash of flashes) onsets.push(onsets[onsets.length - 1] + flash.durationMs);
  return onsets;
}

function durationsOf({ minDurationMs, maxDurationMs, stepMs }: LightSequenceOptions): number[] {
  const durations: number[] = [];
  for (let duration = minDurationMs; duration <= maxDurationMs; duration += stepMs) durations.push(duration);
  if (durations.length === 0) throw new RangeError(`no flash duration between ${minDurationMs} and ${maxDurationMs} ms`);
  return durations;
}

function colourAllowed(previous: readonly LightFlash[], colour: LightColour): boolean {
  if (previous.length > 0 && previous[previous.length - 1].colour === colour) return false;
  if (colour !== 'red') return true;
  let sinceOnset = 0;
  for (let i = previous.length - 1; i >= 0; i--) {
    sinceOnset += previous[i].durationMs;
    if (previous[i].colour === 'red') return sinceOnset >= RED_SPACING_MS;
  }
  return true;
}

/**
 * Any MAX_CHANGES_PER_SECOND + 1 consecutive changes must span a second or more, so every run of
 * MAX_CHANGES_PER_SECOND consecutive flashes lasts a second or more. Flashes not drawn yet count
 * at the longest duration: it keeps the rule satisfiable at every later step.
 */
function durationAllowed(previous: readonly LightFlash[], duration: number, longest: number): boolean {
  const window = previous.slice(-(MAX_CHANGES_PER_SECOND - 1)).map((flash) => flash.durationMs);
  const unknown = MAX_CHANGES_PER_SECOND - 1 - window.length;
  return window.reduce((sum, value) => sum + value, duration) + unknown * longest >= SECOND_MS;
}

function pickOne<T>(random: RandomSource, choices: readonly T[]): T {
  return choices[random.pick(choices.length)];
}
