/** The 200 answer of POST /session/:id/frames: what to ask of the user next. */
export const INSTRUCTIONS = ['center_face', 'turn_left', 'turn_right', 'look_up', 'blink', 'light', 'done'] as const;
export type Instruction = (typeof INSTRUCTIONS)[number];

/** Why the last frame could not be used, for the user to fix. */
export const HINTS = ['no_face', 'multiple_faces', 'move_closer', 'off_centre', 'too_dark', 'too_blurry'] as const;
export type Hint = (typeof HINTS)[number];

export interface LightFlash {
  /** `#rrggbb`. */
  readonly colour: string;
  readonly durationMs: number;
}

/** The light step's colours, sent once as it starts: neutral, the flashes back to back, neutral. */
export interface LightSequence {
  readonly flashes: readonly LightFlash[];
  readonly neutralMs: number;
}

export interface ChallengeAnswer {
  readonly instruction: Instruction;
  /** 0 to 1. */
  readonly progress: number;
  readonly hint: Hint | null;
  /** Only with `done`, when the session was created with one. */
  readonly returnUrl: string | null;
  /** Only with the first `light` answer of a light step. */
  readonly light: LightSequence | null;
}

const isOneOf = <T extends string>(values: readonly T[], value: unknown): value is T => values.includes(value as T);

/**
 * The answer, or null when the body is not one. A hint this page does not know yet is dropped
 * rather than refused: the server may learn new hints before every open page is reloaded. A light
 * sequence the page will not show (see parseLight) makes the whole answer unusable.
 */
export function parseAnswer(body: unknown): ChallengeAnswer | null {
  if (typeof body !== 'object' || body === null) return null;
  const { instruction, progress, hint, returnUrl, light } = body as Record<string, unknown>;
  if (!isOneOf(INSTRUCTIONS, instruction) || typeof progress !== 'number' || !Number.isFinite(progress)) return null;
  const sequence = light === undefined || light === null ? null : parseLight(light);
  if (sequence === undefined) return null;
  return {
    instruction,
    progress: Math.min(1, Math.max(0, progress)),
    hint: isOneOf(HINTS, hint) ? hint : null,
    returnUrl: typeof returnUrl === 'string' ? returnUrl : null,
    light: sequence,
  };
}

/** No longer than this in all: a sequence is a few seconds. */
const MAX_SEQUENCE_MS = 10_000;
/**
 * The page's own photosensitivity guard (WCAG 2.3.1), the server's rule repeated: any three
 * consecutive flashes last a second or more, so the colour changes at most three times a second.
 */
const CHANGES_PER_SECOND = 3;
const SECOND_MS = 1000;
const COLOUR = /^#[0-9a-f]{6}$/i;

const isDuration = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;

/** The sequence, or undefined when it is malformed or would flash faster than the guard allows. */
function parseLight(body: unknown): LightSequence | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { flashes, neutralMs } = body as Record<string, unknown>;
  if (!Array.isArray(flashes) || flashes.length === 0 || !isDuration(neutralMs)) return undefined;
  const parsed: LightFlash[] = [];
  for (const flash of flashes as unknown[]) {
    const { colour, durationMs } = typeof flash === 'object' && flash !== null ? (flash as Record<string, unknown>) : {};
    if (typeof colour !== 'string' || !COLOUR.test(colour) || !isDuration(durationMs) || durationMs === 0) return undefined;
    parsed.push({ colour, durationMs });
  }
  const durations = parsed.map((flash) => flash.durationMs);
  const total = durations.reduce((sum, duration) => sum + duration, 0);
  if (total + 2 * neutralMs > MAX_SEQUENCE_MS) return undefined;
  for (let i = 0; i + CHANGES_PER_SECOND <= durations.length; i++) {
    const run = durations.slice(i, i + CHANGES_PER_SECOND).reduce((sum, duration) => sum + duration, 0);
    if (run < SECOND_MS) return undefined;
  }
  return { flashes: parsed, neutralMs };
}

/** X-Light-Time from which a frame was taken after the flashes and the trailing neutral screen: the server ends the step on one. */
export function lightEndMs(sequence: LightSequence): number {
  return sequence.flashes.reduce((sum, flash) => sum + flash.durationMs, 0) + sequence.neutralMs;
}

/** Whether two sequences are the same: a repeated `light` with the same flashes is not a new start. */
export function sameSequence(a: LightSequence | null, b: LightSequence): boolean {
  return a !== null && a.neutralMs === b.neutralMs && a.flashes.length === b.flashes.length && a.flashes.every((flash, i) => flash.colour === b.flashes[i].colour && flash.durationMs === b.flashes[i].durationMs);
}
