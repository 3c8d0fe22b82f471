import type { FaceResult } from '@vladmandic/human';
import type { BoundingBox } from '../../../domain/face.js';
import { decodeImage, type DecodedImage } from '../image-decoder.js';
import { eyeAspectRatio } from './eye-openness.js';
import { faceColours } from './face-colour.js';
import { faceRegionStats } from './face-region-stats.js';
import { MESH_POINTS, type AnalyzedFace, type FrameAnalysis } from '../../../domain/liveness/frame-analysis.js';
import { loadHuman, type Human } from './load-human.js';

export interface FrameAnalyzerOptions {
  /** Frames declaring more pixels are refused with ImageTooLarge before decoding. */
  readonly maxPixels: number;
}

/** human's face-mesh model input side: its mesh z comes in these units. */
const MESH_INPUT_SIDE = 192;

const DEGREES_PER_RADIAN = 180 / Math.PI;

/**
 * The face data the liveness checks need from one video frame, from @vladmandic/human (BlazeFace,
 * face mesh with iris refinement, passive anti-spoof and liveness scores) on the wasm backend.
 * Load it once (~0.4 s with warm-up) and reuse it; it runs on the calling thread, so the service runs it in a
 * worker. It shares tfjs-core with face-api's FaceEngine, so both may live in one worker.
 */
export class FrameAnalyzer {
  private constructor(
    private readonly human: Human,
    private readonly options: FrameAnalyzerOptions,
  ) {}

  static async load(options: FrameAnalyzerOptions): Promise<FrameAnalyzer> {
    return new FrameAnalyzer(await loadHuman(), options);
  }

  /**
   * Every face of a JPEG or PNG frame, largest first.
   * @param field names the input in error messages.
   * @throws InvalidImage, ImageTooLarge
   */
  async analyze(bytes: Uint8Array, field = 'frame'): Promise<FrameAnalysis> {
    const image = await decodeImage(bytes, field, this.options.maxPixels);
    const { tf } = this.human;
    const tensor = tf.tensor3d(image.data, [image.height, image.width, 3], 'int32');
    let faces: FaceResult[];
    try {
      const result = await this.human.detect(tensor);
      // human reports some failures (backend lost, bad input) in `error` instead of throwing.
      if (result.error) throw new Error(`human failed to analyse the ${field}: ${result.error}`);
      faces = result.face;
    } finally {
      tensor.dispose();
    }
    const analyzed = faces.filter((face) => face.mesh.length >= MESH_POINTS).map((face) => analyzeFace(face, image));
    analyzed.sort((a, b) => area(b.boundingBox) - area(a.boundingBox));
    return { width: image.width, height: image.height, faces: analyzed };
  }
}

function analyzeFace(face: FaceResult, image: DecodedImage): AnalyzedFace {
  const boundingBox = toFractions(face.box, image);
  const mesh = scaledMesh(face, image);
  const angle = face.rotation?.angle ?? { yaw: NaN, pitch: NaN, roll: NaN };
  return {
    boundingBox,
    detectorScore: face.boxScore,
    meshScore: face.faceScore,
    mesh,
    pose: {
      yaw: angle.yaw * DEGREES_PER_RADIAN,
      pitch: angle.pitch * DEGREES_PER_RADIAN,
      roll: angle.roll * DEGREES_PER_RADIAN,
    },
    eyeOpenness: { left: eyeAspectRatio(mesh, 'left'), right: eyeAspectRatio(mesh, 'right') },
    ...faceRegionStats(image, boundingBox),
    ...faceColours(image, mesh),
    real: face.real ?? NaN,
    live: face.live ?? NaN,
  };
}

/**
 * The first MESH_POINTS points (iris centres and rims dropped), z rescaled to pixels. human maps the
 * model's x, y from its 192-px square crop back to the picture but leaves z in crop units. Its
 * face box is that crop re-centred on the mesh; `boxRaw` is that box unclamped (as fractions), so
 * it gives the crop side even for a face the picture's edge cuts (where `box` is clamped).
 */
function scaledMesh(face: FaceResult, image: DecodedImage): Float32Array {
  const scale = (face.boxRaw[2] * image.width) / MESH_INPUT_SIDE;
  const mesh = new Float32Array(MESH_POINTS * 3);
  for (let i = 0; i < MESH_POINTS; i++) {
    const [x, y, z = 0] = face.mesh[i];
    mesh.set([x, y, z * scale], 3 * i);
  }
  return mesh;
}

/** human's box is [x, y, width, height] in pixels, already clamped to the picture. */
function toFractions([x, y, width, height]: readonly number[], image: DecodedImage): BoundingBox {
  return { left: x / image.width, top: y / image.height, width: width / image.width, height: height / image.height };
}

function area(box: BoundingBox): number {
  return box.width * box.height;
}
