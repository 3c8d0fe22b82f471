import { frameQuality } from '../../../src/domain/liveness/frame-quality.js';
import { analyzedFace, frame } from './analyzed-face.js';

describe('frameQuality', () => {
  it('accepts one large, centred, lit and sharp face and hands it back', () => {
    const face = analyzedFace();
    expect(frameQuality(frame(face))).toEqual({ ok: true, face });
  });

  it('asks for a face when there is none', () => {
    expect(frameQuality(frame())).toEqual({ ok: false, reason: 'no_face' });
  });

  it('refuses a frame with a second face, however small', () => {
    const small = analyzedFace({ boundingBox: { left: 0.05, top: 0.05, width: 0.05, height: 0.08 } });
    expect(frameQuality(frame(analyzedFace(), small))).toEqual({ ok: false, reason: 'multiple_faces' });
  });

  it('asks a face smaller than the minimum side to move closer, judged on the frame short side', () => {
    // 0.2 × 640 = 128 px wide, 0.25 × 480 = 120 px tall: under 0.3 × 480 = 144 px.
    const far = analyzedFace({ boundingBox: { left: 0.4, top: 0.375, width: 0.2, height: 0.25 } });
    expect(frameQuality(frame(far))).toEqual({ ok: false, reason: 'move_closer' });
    const portrait = { width: 480, height: 640, faces: [analyzedFace({ boundingBox: { left: 0.34, top: 0.39, width: 0.32, height: 0.22 } })] };
    expect(frameQuality(portrait).ok).toBe(true);
  });

  it('refuses a big face whose centre is far from the frame centre', () => {
    const corner = analyzedFace({ boundingBox: { left: 0.6, top: 0.45, width: 0.35, height: 0.5 } });
    expect(frameQuality(frame(corner))).toEqual({ ok: false, reason: 'off_centre' });
  });

  it('says too dark before too blurry, since a dark face also has few edges', () => {
    expect(frameQuality(frame(analyzedFace({ brightness: 30, sharpness: 5 })))).toEqual({ ok: false, reason: 'too_dark' });
    expect(frameQuality(frame(analyzedFace({ sharpness: 5 })))).toEqual({ ok: false, reason: 'too_blurry' });
  });

  it('takes other limits when given them', () => {
    const limits = { minFaceSide: 0.3, maxCentreOffset: 0.2, minBrightness: 50, minSharpness: 500 };
    expect(frameQuality(frame(analyzedFace()), limits)).toEqual({ ok: false, reason: 'too_blurry' });
  });
});
