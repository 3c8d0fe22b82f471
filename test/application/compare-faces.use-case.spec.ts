import { jest } from '@jest/globals';
import { CompareFacesUseCase } from '../../src/application/compare-faces.use-case.js';
import { NoFaceFound } from '../../src/domain/domain.errors.js';
import type { FaceComparison } from '../../src/domain/face.js';
import { InMemoryImageStore } from '../fakes/in-memory-image-store.js';
import { jpegImage } from '../fakes/images.js';
import { ScriptedFaceComparer } from '../fakes/scripted-face-comparer.js';

const box = { left: 0.1, top: 0.1, width: 0.2, height: 0.2 };
const threeFaces: FaceComparison = {
  sourceFace: { boundingBox: box, confidence: 0.99 },
  targetFaces: [
    { boundingBox: box, confidence: 0.9, similarity: 0.3 },
    { boundingBox: box, confidence: 0.9, similarity: 0.8 },
    { boundingBox: box, confidence: 0.9, similarity: 0.6 },
  ],
};

describe('CompareFacesUseCase', () => {
  it('reports the best similarity and splits target faces at the threshold, most similar first', async () => {
    const useCase = new CompareFacesUseCase(new ScriptedFaceComparer(0.5, threeFaces), new InMemoryImageStore(), false);

    const result = await useCase.execute(jpegImage(1), jpegImage(2));

    expect(result.comparisonResult).toBe(0.8);
    expect(result.match).toBe(true);
    expect(result.threshold).toBe(0.5);
    expect(result.faceMatches.map((f) => f.similarity)).toEqual([0.8, 0.6]);
    expect(result.unmatchedFaces.map((f) => f.similarity)).toEqual([0.3]);
  });

  it('says no match when every face is below the threshold', async () => {
    const useCase = new CompareFacesUseCase(new ScriptedFaceComparer(0.9, threeFaces), new InMemoryImageStore(), false);

    const result = await useCase.execute(jpegImage(1), jpegImage(2));

    expect(result.match).toBe(false);
    expect(result.faceMatches).toHaveLength(0);
    expect(result.unmatchedFaces).toHaveLength(3);
  });

  it('lets NoFaceFound from the engine through untouched', async () => {
    const useCase = new CompareFacesUseCase(new ScriptedFaceComparer(0.5, new NoFaceFound('target')), new InMemoryImageStore(), false);

    await expect(useCase.execute(jpegImage(1), jpegImage(2))).rejects.toThrow(new NoFaceFound('target'));
  });

  it('stores both images only when asked to', async () => {
    const keeping = new InMemoryImageStore();
    const discarding = new InMemoryImageStore();
    const keptPuts = jest.spyOn(keeping, 'put');
    const discardedPuts = jest.spyOn(discarding, 'put');

    await new CompareFacesUseCase(new ScriptedFaceComparer(0.5, threeFaces), keeping, true).execute(jpegImage(1), jpegImage(2));
    await new CompareFacesUseCase(new ScriptedFaceComparer(0.5, threeFaces), discarding, false).execute(jpegImage(1), jpegImage(2));

    expect(keptPuts.mock.calls.map(([key]) => key)).toEqual([expect.stringMatching(/^compares\/[0-9a-f-]{36}\/source\.jpeg$/), expect.stringMatching(/\/target\.jpeg$/)]);
    expect(await keeping.get(keptPuts.mock.calls[0][0])).toEqual(jpegImage(1).bytes);
    expect(discardedPuts).not.toHaveBeenCalled();
  });
});
