import { readFile } from 'node:fs/promises';
import { FaceEngine } from '../../../../src/adapters/embedded/face-engine.js';
import { FrameAnalyzer } from '../../../../src/adapters/embedded/liveness/frame-analyzer.js';
import { descriptorDistance, distanceToSimilarity } from '../../../../src/adapters/embedded/similarity.js';
import { hasBlinked, openLevels } from '../../../../src/domain/liveness/blink.js';
import type { AnalyzedFace, FrameAnalysis, HeadPose } from '../../../../src/domain/liveness/frame-analysis.js';
import { frameQuality } from '../../../../src/domain/liveness/frame-quality.js';
import { LIVENESS_THRESHOLDS } from '../../../../src/domain/liveness/liveness-thresholds.js';
import { homographyResidual } from '../../../../src/domain/liveness/planarity.js';
import { poseBaseline, reached, wrongMove, type PoseStep } from '../../../../src/domain/liveness/pose.js';
import { renderFlatPhoto, type FlatPhotoWarp } from '../../../support/flat-photo.js';
import { POSES, SyntheticHead } from '../../../support/synthetic-head.js';

const FACES = new URL('../../../fixtures/faces/', import.meta.url);

/** Five people, two men and three women, each from one photograph. */
const PEOPLE = ['kit_harington_1', 'rose_leslie_1', 'alex_lacamoire_1', 'celeste_1', 'tetiana_1'] as const;

const STEPS: readonly PoseStep[] = ['turn_left', 'turn_right', 'look_up'];
const OPPOSITE = { turn_left: 'turn_right', turn_right: 'turn_left', look_up: 'look_up' } as const;

/** A printed photo held tilted and swayed by hand, well past what a hand does while playing along. */
const HELD_PHOTO: readonly FlatPhotoWarp[] = [
  { tiltDeg: 15, swayDeg: 20, rollDeg: 5 },
  { tiltDeg: -20, swayDeg: -25 },
];

/** A frame with exactly one face, and that face. */
type OneFace = FrameAnalysis & { readonly face: AnalyzedFace };

interface Person {
  readonly name: string;
  readonly frontal: readonly OneFace[];
  readonly frontalBytes: readonly Uint8Array[];
  readonly baseline: HeadPose;
  readonly posed: Readonly<Record<PoseStep | 'blink', OneFace>>;
  /** The head's frontal frame printed and held flat to the camera, then tilted and swayed. */
  readonly print: { readonly flat: OneFace; readonly held: readonly OneFace[] };
  readonly descriptors: { readonly frontal: Float32Array; readonly turns: readonly Float32Array[] };
}

/** SyntheticHead's frames through the real FrameAnalyzer and FaceEngine: the poses the liveness challenge asks for. */
describe('SyntheticHead', () => {
  let analyzer: FrameAnalyzer;
  let engine: FaceEngine;
  const people: Person[] = [];

  const onlyFace = async (frame: Uint8Array): Promise<OneFace> => {
    const analysis = await analyzer.analyze(frame);
    if (analysis.faces.length !== 1) throw new Error(`expected one face, human found ${analysis.faces.length}`);
    return { ...analysis, face: analysis.faces[0] };
  };
  const descriptor = async (frame: Uint8Array): Promise<Float32Array> => {
    const faces = await engine.describe(frame, 'frame');
    if (faces.length !== 1) throw new Error(`expected one face, face-api found ${faces.length}`);
    return faces[0].descriptor;
  };

  async function person(name: string, seed: number): Promise<Person> {
    const head = await SyntheticHead.fromPhoto(await readFile(new URL(`${name}.jpg`, FACES)), analyzer);
    const frontalBytes = await Promise.all([0, 1, 2, 3, 4].map((i) => head.render(POSES.frontal, seed + i)));
    const frontal = await Promise.all(frontalBytes.map(onlyFace));
    const turns = await Promise.all([POSES.turn_left, POSES.turn_right].map((pose, i) => head.render(pose, seed + 10 + i)));
    const [lookUp, blink] = await Promise.all([head.render(POSES.look_up, seed + 12), head.render(POSES.blink, seed + 13)]);
    const [left, right] = await Promise.all(turns.map(onlyFace));
    const flatPrint = await renderFlatPhoto(frontalBytes[0], { tiltDeg: 0, swayDeg: 0 }, seed + 20);
    return {
      name,
      frontal,
      frontalBytes,
      baseline: poseBaseline(frontal.map(({ face }) => face.pose))!,
      posed: { turn_left: left, turn_right: right, look_up: await onlyFace(lookUp), blink: await onlyFace(blink) },
      print: {
        flat: await onlyFace(flatPrint),
        held: await Promise.all(HELD_PHOTO.map(async (warp, i) => onlyFace(await renderFlatPhoto(frontalBytes[0], warp, seed + 21 + i)))),
      },
      descriptors: { frontal: await descriptor(frontalBytes[0]), turns: await Promise.all(turns.map(descriptor)) },
    };
  }

  beforeAll(async () => {
    analyzer = await FrameAnalyzer.load({ maxPixels: 25_000_000 });
    engine = await FaceEngine.load({ maxPixels: 25_000_000 });
    // One at a time: both engines run on this thread, so parallel renders would only interleave.
    for (const [i, name] of PEOPLE.entries()) people.push(await person(name, 1000 * (i + 1)));
  }, 180_000);

  it('renders frontal frames that pass the quality check, the same for a seed and never twice the same', async () => {
    for (const { name, frontal, frontalBytes } of people) {
      const verdicts = frontal.map((frame) => frameQuality(frame).ok);
      expect({ name, verdicts }).toEqual({ name, verdicts: [true, true, true, true, true] });
      expect(new Set(frontalBytes.map((bytes) => Buffer.from(bytes).toString('base64'))).size).toBe(frontalBytes.length);
    }
    const head = await SyntheticHead.fromPhoto(await readFile(new URL('rose_leslie_1.jpg', FACES)), analyzer);
    expect(Buffer.from(await head.render(POSES.turn_left, 7)).equals(Buffer.from(await head.render(POSES.turn_left, 7)))).toBe(true);
  });

  it('turns each head and tilts it up far enough for the challenge against its own frontal baseline, never the wrong way', () => {
    for (const { name, posed, baseline, frontal } of people) {
      const verdicts = STEPS.map((step) => ({
        step,
        reached: reached(step, posed[step].face.pose, baseline),
        wrongMove: wrongMove(step, posed[step].face.pose, baseline),
        oppositeReached: step !== 'look_up' && reached(OPPOSITE[step], posed[step].face.pose, baseline),
      }));
      expect({ name, verdicts }).toEqual({ name, verdicts: STEPS.map((step) => ({ step, reached: true, wrongMove: false, oppositeReached: false })) });
      const reachedStill = STEPS.filter((step) => frontal.some(({ face }) => reached(step, face.pose, baseline)));
      expect({ name, reachedStill }).toEqual({ name, reachedStill: [] });
      expect({ name, quality: STEPS.map((step) => frameQuality(posed[step]).ok) }).toEqual({ name, quality: [true, true, true] });
    }
  });

  it('closes both eyes under 0.6 of their open level, so open, closed, open frames make a blink', () => {
    const { closedFraction } = LIVENESS_THRESHOLDS.blink;
    for (const { name, posed, frontal, baseline } of people) {
      const open = openLevels(frontal.map(({ face }) => face.eyeOpenness));
      const closed = posed.blink.face.eyeOpenness;
      expect({ name, left: closed.left < closedFraction * open.left, right: closed.right < closedFraction * open.right }).toEqual({ name, left: true, right: true });
      const samples = [frontal[0], posed.blink, frontal[1]].map(({ face }, i) => ({ timeMs: 200 * i, ...face.eyeOpenness, pitch: face.pose.pitch }));
      expect({ name, blinked: hasBlinked(samples, open, baseline.pitch) }).toEqual({ name, blinked: true });
      expect({ name, blinkedWithoutClosing: hasBlinked([samples[0], samples[2]], open, baseline.pitch) }).toEqual({ name, blinkedWithoutClosing: false });
    }
  });

  it('moves a turned head off a homography of its frontal mesh, and a tilted, swayed printed photo not', () => {
    const { minResidual } = LIVENESS_THRESHOLDS.planarity;
    for (const { name, frontal, posed, print } of people) {
      const turns = [posed.turn_left, posed.turn_right].map(({ face }) => homographyResidual(frontal[0].face.mesh, face.mesh));
      expect({ name, turnsOverThreshold: turns.map((residual) => residual > minResidual) }).toEqual({ name, turnsOverThreshold: [true, true] });
      const held = print.held.map(({ face }) => homographyResidual(print.flat.face.mesh, face.mesh));
      expect({ name, heldUnderThreshold: held.map((residual) => residual < minResidual) }).toEqual({ name, heldUnderThreshold: [true, true] });
    }
  });

  it("keeps each person's turned frames matching their frontal one, and no two people matching", () => {
    const similarity = (a: Float32Array, b: Float32Array) => distanceToSimilarity(descriptorDistance(a, b));
    const threshold = LIVENESS_THRESHOLDS.samePerson.minSimilarity;
    for (const { name, descriptors } of people) {
      const matches = descriptors.turns.map((turn) => similarity(descriptors.frontal, turn) >= threshold);
      expect({ name, matches }).toEqual({ name, matches: [true, true] });
    }
    const impostors = people.flatMap((a, i) => people.slice(i + 1).map((b) => ({ pair: `${a.name}/${b.name}`, match: similarity(a.descriptors.frontal, b.descriptors.frontal) >= threshold })));
    expect(impostors.filter(({ match }) => match)).toEqual([]);
  });
});
