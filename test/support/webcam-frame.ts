import type { SeededRandom } from '../fakes/seeded-random.js';
import { blankImage, encodeJpeg, type RgbImage } from './rgb-image.js';
import { addSensorNoise } from './sensor-noise.js';

/** What the capture page sends: a 640×480 video frame. */
export const FRAME_WIDTH = 640;
export const FRAME_HEIGHT = 480;

/** Sensor noise, grey levels (standard deviation): a webcam's in good light. */
const NOISE_SIGMA = 2.5;

export function blankFrame(): RgbImage {
  return blankImage(FRAME_WIDTH, FRAME_HEIGHT);
}

/** The frame as the camera would deliver it: with sensor noise drawn from `random`, as a JPEG. */
export function toWebcamJpeg(frame: RgbImage, random: SeededRandom): Promise<Uint8Array> {
  addSensorNoise(frame.data, random, NOISE_SIGMA);
  return encodeJpeg(frame);
}
