/** A flash as the frames route reveals it: a CSS colour and how long it stays on screen. */
export interface CueFlash {
  readonly colour: string;
  readonly durationMs: number;
}

export type Linear = readonly [number, number, number];

const DARK: Linear = [0, 0, 0];

/** `#rrggbb` in linear light, 0–1 a channel (sRGB decoded), as light adds up on skin. */
export function linearFromHex(hex: string): Linear {
  const [r, g, b] = [1, 3, 5].map((start) => {
    const c = Number.parseInt(hex.slice(start, start + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return [r, g, b];
}

/**
 * The screen's coloured light at `timeMs` from the first flash's start: the flash's colour, or
 * none (the neutral screen adds no chroma) before the first and after the last.
 */
export function screenLightAt(flashes: readonly CueFlash[], timeMs: number): Linear {
  let start = 0;
  for (const flash of flashes) {
    if (timeMs >= start && timeMs < start + flash.durationMs) return linearFromHex(flash.colour);
    start += flash.durationMs;
  }
  return DARK;
}

/** Total duration of the flashes, ms. */
export function flashesDurationMs(flashes: readonly CueFlash[]): number {
  return flashes.reduce((sum, flash) => sum + flash.durationMs, 0);
}

/**
 * How a face in front of the screen takes its light: each channel multiplied by (1 + gain × the
 * screen's light in that channel). `gain` is the screen's light over the room's on that surface.
 */
export function lit(channels: Linear, light: Linear, gain: number): [number, number, number] {
  return [0, 1, 2].map((c) => channels[c] * (1 + gain * light[c])) as [number, number, number];
}
