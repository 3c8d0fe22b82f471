import type { AnalyzedFace, FrameAnalysis } from '../../../src/domain/liveness/frame-analysis.js';
import { syntheticHead, toMesh } from './synthetic-face.js';

/** A good frontal face, centred in a 640 × 480 frame, with any field overridden. */
export function analyzedFace(overrides: Partial<AnalyzedFace> = {}): AnalyzedFace {
  return {
    boundingBox: { left: 0.35, top: 0.25, width: 0.3, height: 0.5 },
    detectorScore: 0.9,
    meshScore: 0.9,
    mesh: toMesh(syntheticHead()),
    pose: { yaw: 0, pitch: 0, roll: 0 },
    eyeOpenness: { left: 0.32, right: 0.36 },
    sharpness: 300,
    brightness: 130,
    faceColour: { r: 90, g: 60, b: 45 },
    backgroundColour: { r: 120, g: 120, b: 110 },
    real: 0.5,
    live: 0.5,
    ...overrides,
  };
}

export function frame(...faces: AnalyzedFace[]): FrameAnalysis {
  return { width: 640, height: 480, faces };
}
