import { CompareFacesCommand, type CompareFacesResponse, RekognitionClient } from '@aws-sdk/client-rekognition';
import { mockClient } from 'aws-sdk-client-mock';
import { NoFaceFound } from '../../../src/domain/domain.errors.js';
import { RekognitionFaceComparer } from '../../../src/adapters/rekognition/rekognition-face-comparer.js';
import { jpegImage } from '../../fakes/images.js';

const face = (left: number, confidence: number) => ({
  BoundingBox: { Left: left, Top: 0.2, Width: 0.3, Height: 0.4 },
  Confidence: confidence,
});

describe('RekognitionFaceComparer', () => {
  const rekognition = mockClient(RekognitionClient);
  const source = jpegImage(1);
  const target = jpegImage(2);
  const comparer = (options?: ConstructorParameters<typeof RekognitionFaceComparer>[1]) =>
    new RekognitionFaceComparer(new RekognitionClient({ region: 'eu-west-1' }), options);
  const answer = (response: CompareFacesResponse) => rekognition.on(CompareFacesCommand).resolves(response);
  const sentInput = () => {
    const calls = rekognition.commandCalls(CompareFacesCommand);
    expect(calls).toHaveLength(1);
    return calls[0].args[0].input;
  };

  beforeEach(() => {
    rekognition.reset();
    answer({ SourceImageFace: face(0.1, 99), FaceMatches: [{ Similarity: 90, Face: face(0.5, 98) }] });
  });

  describe('request', () => {
    it('sends the source and target bytes as SourceImage.Bytes and TargetImage.Bytes', async () => {
      await comparer().compare(source, target);

      const input = sentInput();
      expect(input.SourceImage?.Bytes).toBe(source.bytes);
      expect(input.TargetImage?.Bytes).toBe(target.bytes);
      expect(input.SourceImage?.S3Object).toBeUndefined();
      expect(input.TargetImage?.S3Object).toBeUndefined();
    });

    it('asks with SimilarityThreshold 0 so every compared target face comes back scored', async () => {
      await comparer({ matchThreshold: 0.95 }).compare(source, target);

      expect(sentInput().SimilarityThreshold).toBe(0);
    });

    it('filters faces with QualityFilter AUTO by default', async () => {
      await comparer().compare(source, target);

      expect(sentInput().QualityFilter).toBe('AUTO');
    });

    it('sends the configured QualityFilter', async () => {
      await comparer({ qualityFilter: 'HIGH' }).compare(source, target);

      expect(sentInput().QualityFilter).toBe('HIGH');
    });
  });

  describe('match threshold', () => {
    it("defaults to 0.8, Rekognition's own 80", () => {
      expect(comparer().matchThreshold).toBe(0.8);
    });

    it('takes the configured threshold', () => {
      expect(comparer({ matchThreshold: 0.9 }).matchThreshold).toBe(0.9);
    });
  });

  describe('response', () => {
    it('maps the source face, its box and its confidence in [0, 1]', async () => {
      answer({ SourceImageFace: face(0.1, 99.5), FaceMatches: [{ Similarity: 90, Face: face(0.5, 98) }] });

      const { sourceFace } = await comparer().compare(source, target);

      expect(sourceFace).toEqual({ boundingBox: { left: 0.1, top: 0.2, width: 0.3, height: 0.4 }, confidence: 0.995 });
    });

    it('scores every matched target face with Similarity / 100, with its box and confidence', async () => {
      answer({
        SourceImageFace: face(0.1, 99),
        FaceMatches: [
          { Similarity: 97.5, Face: face(0.6, 99.5) },
          { Similarity: 12.25, Face: face(0.3, 88) },
        ],
      });

      const { targetFaces } = await comparer().compare(source, target);

      expect(targetFaces).toEqual([
        { boundingBox: { left: 0.6, top: 0.2, width: 0.3, height: 0.4 }, confidence: 0.995, similarity: 0.975 },
        { boundingBox: { left: 0.3, top: 0.2, width: 0.3, height: 0.4 }, confidence: 0.88, similarity: 0.1225 },
      ]);
    });

    it('keeps unmatched target faces, unscored by Rekognition, with similarity 0', async () => {
      answer({
        SourceImageFace: face(0.1, 99),
        FaceMatches: [{ Similarity: 85, Face: face(0.6, 99) }],
        UnmatchedFaces: [face(0.2, 70)],
      });

      const { targetFaces } = await comparer().compare(source, target);

      expect(targetFaces).toHaveLength(2);
      expect(targetFaces[1]).toEqual({ boundingBox: { left: 0.2, top: 0.2, width: 0.3, height: 0.4 }, confidence: 0.7, similarity: 0 });
    });

    it('rejects a target with no face (no matched nor unmatched face) with NoFaceFound naming the target', async () => {
      answer({ SourceImageFace: face(0.1, 99), FaceMatches: [], UnmatchedFaces: [] });

      const error = await comparer().compare(source, target).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(NoFaceFound);
      expect((error as NoFaceFound).field).toBe('target');
    });

    it('rejects an answer without a source face with NoFaceFound naming the source', async () => {
      answer({ FaceMatches: [{ Similarity: 90, Face: face(0.5, 98) }] });

      const error = await comparer().compare(source, target).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(NoFaceFound);
      expect((error as NoFaceFound).field).toBe('source');
    });
  });
});
