import type { Rgb } from '../../../src/domain/liveness/frame-analysis.js';
import type { LightSample, ShownFlash } from '../../../src/domain/liveness/light-reflection.js';
import { drawLightSequence, linearLight, type LightColour, type LightSequence } from '../../../src/domain/liveness/light-sequence.js';
import { SeededRandom } from '../../fakes/seeded-random.js';
import { uniform } from '../../support/sensor-noise.js';

type Vector = readonly [number, number, number];

/** What lights the face and its background while a page shows a light sequence, and how the camera sees it. */
export interface LightScene {
  /** The flashes the page shows, ms from the capture's start. */
  readonly shown: readonly ShownFlash[];
  /** The flashes that actually light the scene: `shown` for a live face, something else for an attack. */
  readonly lighting: readonly ShownFlash[];
  /** Screen light on the face, as a fraction of the room's light (10–25 % for a face near a bright screen). */
  readonly faceGain: number;
  /** The same on the background: 3–5 × less for a room, as much as the face for a flat surface; NaN with none in view. */
  readonly backgroundGain: number;
  /** Display and camera pipeline delay from the screen changing to the frame's timestamp, ms. */
  readonly delayMs: number;
}

/** The page's flashes back to back from `startMs`. */
export function shownAt(sequence: LightSequence, startMs: number): ShownFlash[] {
  let at = startMs;
  return sequence.flashes.map(({ colour, durationMs }) => ({ colour, startMs: at, endMs: (at += durationMs) }));
}

/** Exposure time: a frame mixes what the screen showed over this long before its capture. */
const EXPOSURE_MS = 30;
/** Per-frame noise of a region's mean colour, relative (sensor noise, compression, small head moves). */
const RELATIVE_NOISE = 0.008;

/**
 * The colours FrameAnalyzer would report for the frames of one capture, every 100–200 ms from the
 * capture's start to 600 ms after the last flash: skin and a wall of random colours under a warm
 * or cool room light, plus the screen's light as the scene gives it, seen with the camera's
 * auto-exposure drifting (a random walk of ±3 % a frame, which also pulls back after bright
 * flashes), a slow white-balance drift and Gaussian noise.
 */
export function captureLight(scene: LightScene, random: SeededRandom): LightSample[] {
  const room: Vector = [1, 0.9 + 0.15 * uniform(random), 0.7 + 0.3 * uniform(random)];
  const skin: Vector = [0.5 + 0.2 * uniform(random), 0.3 + 0.15 * uniform(random), 0.2 + 0.15 * uniform(random)];
  const wall: Vector = [0.3 + 0.5 * uniform(random), 0.3 + 0.5 * uniform(random), 0.3 + 0.5 * uniform(random)];
  const whiteBalanceDrift: Vector = [gaussian(random, 0.02), gaussian(random, 0.02), gaussian(random, 0.02)];
  const lastMs = Math.max(...scene.shown.map((flash) => flash.endMs)) + 600;
  const samples: LightSample[] = [];
  let exposure = 1;
  for (let timeMs = 100 * uniform(random); timeMs < lastMs; timeMs += 100 + 100 * uniform(random)) {
    const light = screenLight(scene.lighting, timeMs - scene.delayMs);
    exposure *= 1 + gaussian(random, 0.03);
    const gain = (200 * exposure) / (1 + 0.5 * scene.faceGain * luminance(light));
    const balance = whiteBalanceDrift.map((drift) => 1 + (drift * timeMs) / lastMs);
    const seen = (albedo: Vector, share: number): Rgb => {
      const [r, g, b] = albedo.map((a, c) => gain * balance[c] * a * (room[c] + share * light[c]) * (1 + gaussian(random, RELATIVE_NOISE)));
      return { r, g, b };
    };
    samples.push({ timeMs: timeMs + gaussian(random, 5), face: seen(skin, scene.faceGain), background: seen(wall, scene.backgroundGain) });
  }
  return samples;
}

/** Linear screen light over the exposure ending at `timeMs`; none from the neutral screen outside the flashes. */
function screenLight(flashes: readonly ShownFlash[], timeMs: number): Vector {
  const steps = 6;
  const sum = [0, 0, 0];
  for (let i = 0; i < steps; i++) {
    const at = timeMs - (EXPOSURE_MS * (i + 0.5)) / steps;
    const flash = flashes.find((candidate) => candidate.startMs <= at && at < candidate.endMs);
    if (flash) linearLight(flash.colour).forEach((value, c) => (sum[c] += value / steps));
  }
  return [sum[0], sum[1], sum[2]];
}

function luminance([r, g, b]: Vector): number {
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** A normal deviate of standard deviation `sigma` (Box–Muller). */
function gaussian(random: SeededRandom, sigma: number): number {
  return sigma * Math.sqrt(-2 * Math.log(uniform(random))) * Math.cos(2 * Math.PI * uniform(random));
}

/**
 * A live person, or an attack on the light challenge:
 * - replay: a video plays its own light; the screen's barely reaches the face on it;
 * - lagging / leading: a tint one whole flash behind / ahead of the page (the colours of the
 *   previous / next flash in each flash's time);
 * - reordered: the session's colours in another order, none in its own place where one exists;
 * - flatSurface: a photo or screen held close, lit as one surface, its background as much as its face;
 * - otherSession: a tint following another session's sequence;
 * - dim: a live face the screen barely lights (3 % of the room's light);
 * - close: a live face filling the frame, so no background is measured: at least twice as near the
 *   screen as the others (its oval over ~360 px of a 640-px frame, not ~160), so twice their light.
 */
export type LightSessionKind = 'live' | 'replay' | 'lagging' | 'leading' | 'reordered' | 'flatSurface' | 'otherSession' | 'dim' | 'close';

export interface LightSession {
  readonly shown: readonly ShownFlash[];
  readonly samples: readonly LightSample[];
  readonly scene: LightScene;
}

/**
 * One capture of session `seed`: a sequence drawn as the server would, shown from 400–700 ms into the
 * capture, the screen adding 10–25 % of the room's light to the face and 3–5 × less to the
 * background, a camera delay of 50–200 ms; then the attack, if any, changes what lights the scene.
 */
export function lightSession(kind: LightSessionKind, seed: number): LightSession {
  const random = new SeededRandom(seed);
  const shown = shownAt(drawLightSequence(random), 400 + 300 * uniform(random));
  const faceGain = 0.1 + 0.15 * uniform(random);
  const live: LightScene = { shown, lighting: shown, faceGain, backgroundGain: faceGain / (3 + 2 * uniform(random)), delayMs: 50 + 150 * uniform(random) };
  const scene = attacked(live, kind, random, seed);
  return { shown, samples: captureLight(scene, random), scene };
}

function attacked(live: LightScene, kind: LightSessionKind, random: SeededRandom, seed: number): LightScene {
  const { shown } = live;
  const recoloured = (colours: readonly LightColour[]) => shown.map((flash, i) => ({ ...flash, colour: colours[i] }));
  switch (kind) {
    case 'live':
      return live;
    case 'replay':
      return { ...live, faceGain: 0, backgroundGain: 0 };
    case 'lagging':
      return { ...live, lighting: recoloured(shown.map((_, i) => shown[(i + shown.length - 1) % shown.length].colour)) };
    case 'leading':
      return { ...live, lighting: recoloured(shown.map((_, i) => shown[(i + 1) % shown.length].colour)) };
    case 'reordered':
      return { ...live, lighting: recoloured(reordered(shown.map((flash) => flash.colour), random)) };
    case 'flatSurface':
      return { ...live, backgroundGain: live.faceGain };
    case 'otherSession':
      return { ...live, lighting: shownAt(drawLightSequence(new SeededRandom(seed + 1_000_000)), shown[0].startMs) };
    case 'dim':
      return { ...live, faceGain: 0.03, backgroundGain: 0.03 / 4 };
    case 'close':
      return { ...live, faceGain: 2 * live.faceGain, backgroundGain: Number.NaN };
  }
}

/** The colours shuffled, never twice in a row, with as few as possible left in their own place. */
function reordered(colours: readonly LightColour[], random: SeededRandom): LightColour[] {
  let best: LightColour[] = [...colours];
  let bestKept = colours.length;
  for (let attempt = 0; attempt < 1000 && bestKept > 0; attempt++) {
    const candidate = [...colours];
    for (let i = candidate.length - 1; i > 0; i--) {
      const j = random.pick(i + 1);
      [candidate[i], candidate[j]] = [candidate[j], candidate[i]];
    }
    if (candidate.some((colour, i) => i > 0 && colour === candidate[i - 1])) continue;
    const kept = candidate.filter((colour, i) => colour === colours[i]).length;
    if (kept < bestKept) [best, bestKept] = [candidate, kept];
  }
  return best;
}
