import type { AnalyzedFace, FrameAnalysis } from './frame-analysis.js';
import { LIVENESS_THRESHOLDS, type Thresholds } from './liveness-thresholds.js';

export type FrameQualityReason = 'no_face' | 'multiple_faces' | 'move_closer' | 'off_centre' | 'too_dark' | 'too_blurry';

export type FrameQuality = { readonly ok: true; readonly face: AnalyzedFace } | { readonly ok: false; readonly reason: FrameQualityReason };

/**
 * Whether a frame is fit for the other checks: one face only (a second person could be the one
 * following the challenge), big enough for the eye and mesh measures to be reliable, inside the
 * guide, lit and sharp enough. The reason tells the capture page what to say. Darkness is judged
 * before blur because a dark face also has few edges.
 */
export function frameQuality(frame: FrameAnalysis, limits: Thresholds<'quality'> = LIVENESS_THRESHOLDS.quality): FrameQuality {
  if (frame.faces.length === 0) return { ok: false, reason: 'no_face' };
  if (frame.faces.length > 1) return { ok: false, reason: 'multiple_faces' };
  const [face] = frame.faces;
  const { left, top, width, height } = face.boundingBox;
  const faceSide = Math.max(width * frame.width, height * frame.height);
  if (faceSide < limits.minFaceSide * Math.min(frame.width, frame.height)) return { ok: false, reason: 'move_closer' };
  if (Math.hypot(left + width / 2 - 0.5, top + height / 2 - 0.5) > limits.maxCentreOffset) return { ok: false, reason: 'off_centre' };
  if (face.brightness < limits.minBrightness) return { ok: false, reason: 'too_dark' };
  if (face.sharpness < limits.minSharpness) return { ok: false, reason: 'too_blurry' };
  return { ok: true, face };
}
