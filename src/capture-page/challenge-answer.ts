/** The 200 answer of POST /session/:id/frames: what to ask of the user next. */
export const INSTRUCTIONS = ['center_face', 'turn_left', 'turn_right', 'look_up', 'blink', 'done'] as const;
export type Instruction = (typeof INSTRUCTIONS)[number];

/** Why the last frame could not be used, for the user to fix. */
export const HINTS = ['no_face', 'multiple_faces', 'move_closer', 'off_centre', 'too_dark', 'too_blurry'] as const;
export type Hint = (typeof HINTS)[number];

export interface ChallengeAnswer {
  readonly instruction: Instruction;
  /** 0 to 1. */
  readonly progress: number;
  readonly hint: Hint | null;
  /** Only with `done`, when the session was created with one. */
  readonly returnUrl: string | null;
}

const isOneOf = <T extends string>(values: readonly T[], value: unknown): value is T => values.includes(value as T);

/**
 * The answer, or null when the body is not one. A hint this page does not know yet is dropped
 * rather than refused: the server may learn new hints before every open page is reloaded.
 */
export function parseAnswer(body: unknown): ChallengeAnswer | null {
  if (typeof body !== 'object' || body === null) return null;
  const { instruction, progress, hint, returnUrl } = body as Record<string, unknown>;
  if (!isOneOf(INSTRUCTIONS, instruction) || typeof progress !== 'number' || !Number.isFinite(progress)) return null;
  return {
    instruction,
    progress: Math.min(1, Math.max(0, progress)),
    hint: isOneOf(HINTS, hint) ? hint : null,
    returnUrl: typeof returnUrl === 'string' ? returnUrl : null,
  };
}
