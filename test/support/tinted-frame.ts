import type { SeededRandom } from '../fakes/seeded-random.js';
import type { Linear } from './light-screen.js';
import { decodeRgb, encodeJpeg } from './rgb-image.js';
import { addSensorNoise } from './sensor-noise.js';

// Bound once: Jest runs the tests in a vm context, where every global lookup costs ~100 ns.
const { hypot, max, min, round } = Math;

/** How a scene takes the screen's light: gains are the screen's light over the room's on each surface. */
export interface TintOptions {
  /** On the face (10–25 % for a face near a bright screen). */
  readonly faceGain: number;
  /** On the room behind (3–5 × less), or as much as the face for a flat surface held to the camera. */
  readonly backgroundGain: number;
  /** Sensor noise added after the tint, grey levels. */
  readonly noiseSigma: number;
}

/**
 * Where the synthetic heads' faces are (synthetic-head.ts): centred in the 640 × 480 frame, the
 * mesh 200 px high. An ellipse a little inside the face oval; the gain fades to the background's
 * over FEATHER px outside it, as light falls off around a head.
 */
const FACE = { cx: 320, cy: 240, rx: 78, ry: 105 } as const;
const FEATHER = 25;

const TO_LINEAR = Float64Array.from({ length: 256 }, (_, code) => {
  const c = code / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
});
const LEVELS = 4096;
/** Linear light quantised to LEVELS → 8-bit sRGB code. */
const TO_CODE = Uint8ClampedArray.from({ length: LEVELS + 1 }, (_, level) => {
  const c = level / LEVELS;
  return round(255 * (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055));
});

/**
 * A rendered webcam frame as it would look with the screen showing `light` (linear RGB, 0–1 a
 * channel; [0, 0, 0] for the neutral screen): each pixel's linear channels multiplied by
 * (1 + gain × light), the face's gain inside the face ellipse, the background's outside, then
 * sensor noise, so no two frames are alike.
 */
export async function tintedFrame(jpeg: Uint8Array, light: Linear, options: TintOptions, random: SeededRandom): Promise<Uint8Array> {
  const image = await decodeRgb(jpeg);
  const { data, width, height } = image;
  const { faceGain, backgroundGain } = options;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // Distance outside the ellipse, roughly in px: ≤ 0 inside.
      const outside = (hypot((x - FACE.cx) / FACE.rx, (y - FACE.cy) / FACE.ry) - 1) * FACE.rx;
      const weight = min(1, max(0, 1 - outside / FEATHER));
      const gain = backgroundGain + (faceGain - backgroundGain) * weight;
      const i = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) {
        const linear = min(1, TO_LINEAR[data[i + c]] * (1 + gain * light[c]));
        data[i + c] = TO_CODE[round(linear * LEVELS)];
      }
    }
  }
  addSensorNoise(data, random, options.noiseSigma);
  return encodeJpeg(image);
}
