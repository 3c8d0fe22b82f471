import { meshPoint } from '../../../domain/liveness/frame-analysis.js';

/**
 * Mesh indices of each eye (MediaPipe Face Mesh topology): the two corners, then pairs of upper
 * and lower lid points facing each other. "Left" is the subject's left eye, on the image's right.
 */
const EYES = {
  right: { corners: [33, 133], lids: [[160, 144], [159, 145], [158, 153]] },
  left: { corners: [362, 263], lids: [[385, 380], [386, 374], [387, 373]] },
} as const;

/**
 * Eye aspect ratio: the mean lid gap over the corner-to-corner width, in the image plane, on
 * human's mesh with the iris model on, which redraws the eyelid points. Measured on
 * ../shared/liveness (mean of both eyes; a blink = a run of frames under 0.6 × the clip's median):
 *   blinks_man_glasses.mp4  iris on: open median 0.318, 15 dips, deepest frames 0.07–0.17
 *                           iris off: open 0.284, only 7 dips (0.13–0.16)
 *   blinks_pitch_woman.mp4  iris on: open 0.291, 6 dips (0.09–0.17); iris off: no dip
 *                           under 0.6 × median at all (blinks read 0.21, open 0.29)
 * Looking far down lowers the lids nearly shut and reads like a blink (0.11–0.15 at pitch +8–10°
 * on that clip), so a blink check should want a short dip and reopening near the frontal pitch.
 * The two eyes differ: on the man's closed frame the left reads 0.06, the right 0.18 (open 0.31,
 * 0.40), so compare each user with their own open level, not with a fixed value. The ratio rises
 * a little as the head turns (the width foreshortens) and is noisy on small faces (eyes < 30 px).
 */
export function eyeAspectRatio(mesh: Float32Array, eye: 'left' | 'right'): number {
  const { corners, lids } = EYES[eye];
  const width = distance2d(mesh, corners[0], corners[1]);
  if (width === 0) return 0;
  const gap = lids.reduce((sum, [upper, lower]) => sum + distance2d(mesh, upper, lower), 0) / lids.length;
  return gap / width;
}

function distance2d(mesh: Float32Array, a: number, b: number): number {
  const [ax, ay] = meshPoint(mesh, a);
  const [bx, by] = meshPoint(mesh, b);
  return Math.hypot(ax - bx, ay - by);
}
