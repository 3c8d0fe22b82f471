import { cssColour, drawLightSequence } from '../../src/domain/liveness/light-sequence.js';
import { SeededRandom } from '../fakes/seeded-random.js';
import { screenLightAt, type CueFlash, type Linear } from './light-screen.js';
import type { TintOptions } from './tinted-frame.js';

/** What lights the scene in the frame captured `lightTimeMs` into the revealed sequence, and how the scene takes it. */
export interface LightScene {
  readonly light: (revealed: readonly CueFlash[], lightTimeMs: number) => Linear;
  readonly tint: TintOptions;
}

/** A face near a bright screen: 20 % of the room's light on the face, 4 × less behind it. */
export const LIVE_TINT: TintOptions = { faceGain: 0.2, backgroundGain: 0.05, noiseSigma: 1.5 };
const NO_LIGHT: Linear = [0, 0, 0];

/** A scene lit by `flashes(revealed)`, seen `delayMs` late by the camera. */
function litBy(flashes: (revealed: readonly CueFlash[]) => readonly CueFlash[], delayMs: number, tint = LIVE_TINT): LightScene {
  return { light: (revealed, lightTimeMs) => screenLightAt(flashes(revealed), lightTimeMs - delayMs), tint };
}

function recoloured(flashes: readonly CueFlash[], colourOf: (i: number) => string): CueFlash[] {
  return flashes.map((flash, i) => ({ ...flash, colour: colourOf(i) }));
}

/** A live face that reflects the sequence it was shown, `delayMs` (50–200) late. */
export const genuine = (delayMs: number): LightScene => litBy((flashes) => flashes, delayMs);
/** A replayed video: it shows its own light, the screen's adds nothing that follows the sequence. */
export const REPLAY: LightScene = { light: () => NO_LIGHT, tint: LIVE_TINT };
/** Each flash's time lit by the previous flash's colour: the tint one flash out of step. */
export const lagging = (delayMs: number): LightScene =>
  litBy((flashes) => recoloured(flashes, (i) => flashes[(i + flashes.length - 1) % flashes.length].colour), delayMs);
/** The session's colours rotated half-way round: the right colours in another order. */
export const reordered = (delayMs: number): LightScene =>
  litBy((flashes) => recoloured(flashes, (i) => flashes[(i + Math.floor(flashes.length / 2)) % flashes.length].colour), delayMs);
/** A photo or screen held to the camera: its face and background take the light alike. */
export const flatSurface = (delayMs: number): LightScene => litBy((flashes) => flashes, delayMs, { ...LIVE_TINT, backgroundGain: LIVE_TINT.faceGain });
/** A tint that follows another session's sequence (drawn as the server would, from `seed`). */
export const otherSession = (delayMs: number, seed: number): LightScene => {
  const other = drawLightSequence(new SeededRandom(seed)).flashes.map(({ colour, durationMs }) => ({ colour: cssColour(colour), durationMs }));
  return litBy(() => other, delayMs);
};
