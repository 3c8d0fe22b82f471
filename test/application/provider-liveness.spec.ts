import { jest } from '@jest/globals';
import { CreateSessionUseCase } from '../../src/application/create-session.use-case.js';
import { GetSessionImageUseCase } from '../../src/application/get-session-image.use-case.js';
import { GetSessionUseCase } from '../../src/application/get-session.use-case.js';
import { PROVIDER_DECISION_LINE, ProviderLiveness } from '../../src/application/provider-liveness.js';
import { NoFaceFound, ProviderFailed, ProviderThrottled, SessionImageNotFound } from '../../src/domain/domain.errors.js';
import type { FaceComparison } from '../../src/domain/face.js';
import type { LivenessResults } from '../../src/domain/ports/liveness-provider.port.js';
import { TEST_CAPTURE } from '../fakes/capture-settings.js';
import { FixedClock } from '../fakes/fixed-clock.js';
import { InMemoryImageStore } from '../fakes/in-memory-image-store.js';
import { InMemorySessionRepository } from '../fakes/in-memory-session-repository.js';
import { jpegImage } from '../fakes/images.js';
import { ScriptedFaceComparer } from '../fakes/scripted-face-comparer.js';
import { ScriptedLivenessProvider } from '../fakes/scripted-liveness-provider.js';

const LIFETIME_SECONDS = 600;
const box = { left: 0.25, top: 0.125, width: 0.5, height: 0.625 };
const COMPARISON: FaceComparison = {
  sourceFace: { boundingBox: box, confidence: 0.99 },
  targetFaces: [
    { boundingBox: box, confidence: 0.99, similarity: 0.42 },
    { boundingBox: box, confidence: 0.98, similarity: 0.93 },
  ],
};

function setUp({ comparison = COMPARISON, decisionLine }: { comparison?: FaceComparison | Error; decisionLine?: number } = {}) {
  const sessions = new InMemorySessionRepository();
  const images = new InMemoryImageStore();
  const clock = new FixedClock(new Date('2026-01-01T10:00:00Z'));
  const provider = new ScriptedLivenessProvider();
  const comparer = new ScriptedFaceComparer(0.5, comparison);
  const liveness = new ProviderLiveness({ provider, sessions, images, comparer }, decisionLine);
  return {
    sessions,
    images,
    clock,
    provider,
    comparer,
    create: new CreateSessionUseCase(sessions, images, clock, LIFETIME_SECONDS, TEST_CAPTURE, liveness),
    get: new GetSessionUseCase(sessions, clock, liveness),
    image: new GetSessionImageUseCase(sessions, images, clock, liveness),
  };
}

/** The pictures the provider kept, put in the store as the provider would, and its answer naming them. */
async function providerKept(images: InMemoryImageStore, sessionId: string, results: Partial<LivenessResults>): Promise<LivenessResults> {
  const reference = { key: `liveness/${sessionId}/reference.jpg`, boundingBox: box };
  const audit = [0, 1].map((n) => ({ key: `liveness/${sessionId}/audit_images/${n}.jpg`, boundingBox: box }));
  await images.put(reference.key, jpegImage(20).bytes);
  for (const [n, face] of audit.entries()) await images.put(face.key, jpegImage(21 + n).bytes);
  return { status: 'succeeded', confidence: 0.97, referenceImage: reference, auditImages: audit, ...results };
}

/** A provider that answers `results` for any session. */
function answering(results: LivenessResults): ScriptedLivenessProvider {
  const provider = new ScriptedLivenessProvider();
  provider.answers(results);
  return provider;
}

describe('CreateSessionUseCase with a liveness provider', () => {
  it('opens one provider session for the new session and keeps its id', async () => {
    const { create, provider, sessions } = setUp();

    const { sessionId } = await create.execute({ clientRequestToken: 'abc' });

    expect(provider.opens).toEqual([{ sessionId, clientRequestToken: 'abc' }]);
    expect((await sessions.findById(sessionId))?.providerSessionId).toBe('00000000-0000-4000-8000-000000000001');
  });

  it('gives a retry with the same token the same session and provider session, opening nothing new', async () => {
    const { create, provider, sessions } = setUp();

    const first = await create.execute({ clientRequestToken: 'abc' });
    const retry = await create.execute({ clientRequestToken: 'abc' });

    expect(retry.sessionId).toBe(first.sessionId);
    expect(provider.opens).toHaveLength(1);
    expect((await sessions.findById(first.sessionId))?.providerSessionId).toBe('00000000-0000-4000-8000-000000000001');
  });

  it('lets a retry finish a creation whose provider session failed to open', async () => {
    const { create, provider, sessions } = setUp();
    provider.failNextOpen(new ProviderThrottled(2));

    await expect(create.execute({ clientRequestToken: 'abc' })).rejects.toThrow(ProviderThrottled);
    const retry = await create.execute({ clientRequestToken: 'abc' });

    expect(provider.opens.map((open) => open.sessionId)).toEqual([retry.sessionId, retry.sessionId]);
    expect((await sessions.findById(retry.sessionId))?.providerSessionId).toBe('00000000-0000-4000-8000-000000000001');
  });
});

describe('GetSessionUseCase with a liveness provider', () => {
  it('reads created while the provider session has not started', async () => {
    const { create, get, provider } = setUp();
    const { sessionId } = await create.execute({ clientRequestToken: 'abc' });

    expect((await get.execute(sessionId)).status).toBe('created');
    expect(provider.asked).toEqual(['00000000-0000-4000-8000-000000000001']);
  });

  it('mirrors a capture under way as processing, without storing it', async () => {
    const { create, get, provider, sessions } = setUp();
    const { sessionId } = await create.execute({ clientRequestToken: 'abc' });
    provider.answers({ status: 'processing', confidence: null, referenceImage: null, auditImages: [] });

    expect((await get.execute(sessionId)).status).toBe('processing');
    expect((await sessions.findById(sessionId))?.toRecord().status).toBe('created');
  });

  it('records a succeeded check: confidence, the comparison with the reference image, the pictures; and asks no more', async () => {
    const { create, get, image, provider, images, comparer } = setUp();
    const { sessionId } = await create.execute({ clientRequestToken: 'abc', referenceImage: jpegImage(7) });
    provider.answers(await providerKept(images, sessionId, {}));

    const view = await get.execute(sessionId);
    const again = await get.execute(sessionId);

    expect(view).toMatchObject({ status: 'succeeded', confidence: 0.97, comparisonResult: 0.93, reasons: [], referenceImage: { boundingBox: box } });
    expect(view.auditImages).toEqual([{ boundingBox: box }, { boundingBox: box }]);
    expect(comparer.calls).toHaveLength(1);
    expect(comparer.calls[0].source.bytes).toEqual(jpegImage(7).bytes);
    expect(comparer.calls[0].target.bytes).toEqual(jpegImage(20).bytes);
    expect(again).toEqual(view);
    expect(provider.asked).toHaveLength(1);
    expect((await image.execute(sessionId, 'reference')).bytes).toEqual(jpegImage(20).bytes);
    expect((await image.execute(sessionId, 1)).bytes).toEqual(jpegImage(22).bytes);
  });

  it('serves the pictures of a check no status read has seen decided yet, asking the provider first', async () => {
    const { create, get, image, provider, images } = setUp();
    const { sessionId } = await create.execute({ clientRequestToken: 'abc' });
    provider.answers(await providerKept(images, sessionId, {}));

    expect((await image.execute(sessionId, 'reference')).bytes).toEqual(jpegImage(20).bytes);
    expect((await get.execute(sessionId)).status).toBe('succeeded');
    expect(provider.asked).toHaveLength(1);
  });

  it('leaves comparisonResult null for a session created without a reference image', async () => {
    const { create, get, provider, images, comparer } = setUp();
    const { sessionId } = await create.execute({ clientRequestToken: 'abc' });
    provider.answers(await providerKept(images, sessionId, {}));

    expect(await get.execute(sessionId)).toMatchObject({ status: 'succeeded', comparisonResult: null });
    expect(comparer.calls).toHaveLength(0);
  });

  it('scores a reference image without a face as matching nothing: 0', async () => {
    const { create, get, provider, images } = setUp({ comparison: new NoFaceFound('source') });
    const { sessionId } = await create.execute({ clientRequestToken: 'abc', referenceImage: jpegImage(7) });
    provider.answers(await providerKept(images, sessionId, {}));

    expect(await get.execute(sessionId)).toMatchObject({ status: 'succeeded', comparisonResult: 0 });
  });

  it.each<[string, Partial<LivenessResults>]>([
    ['failed', { status: 'failed', confidence: null }],
    ['succeeded below the decision line', { confidence: PROVIDER_DECISION_LINE - 0.01 }],
    ['succeeded without a reference image', { referenceImage: null }],
  ])('records a check the provider %s as failed, keeping none of its pictures', async (_, results) => {
    const { create, get, image, provider, images } = setUp();
    const { sessionId } = await create.execute({ clientRequestToken: 'abc', referenceImage: jpegImage(7) });
    const answer = await providerKept(images, sessionId, results);
    provider.answers(answer);

    const view = await get.execute(sessionId);

    expect(view).toMatchObject({ status: 'failed', comparisonResult: null, referenceImage: null, auditImages: [] });
    expect(view.confidence).toBe(answer.confidence ?? 0);
    await expect(image.execute(sessionId, 'reference')).rejects.toThrow(SessionImageNotFound);
    for (const face of answer.auditImages) expect(await images.get(face.key)).toBeNull();
    await get.execute(sessionId);
    expect(provider.asked).toHaveLength(1);
  });

  it.each([
    [0.9, 'succeeded'],
    [0.95, 'failed'],
  ])('holds a check scoring 0.93 to the configured decision line %p (REKOGNITION_LIVENESS_THRESHOLD): %s', async (decisionLine, status) => {
    const { create, get, provider, images } = setUp({ decisionLine });
    const { sessionId } = await create.execute({ clientRequestToken: 'abc' });
    provider.answers(await providerKept(images, sessionId, { confidence: 0.93 }));

    expect((await get.execute(sessionId)).status).toBe(status);
  });

  it('reads expired once the provider session expired, freeing the token for a new session', async () => {
    const { create, get, provider } = setUp();
    const first = await create.execute({ clientRequestToken: 'abc' });
    provider.answers({ status: 'expired', confidence: null, referenceImage: null, auditImages: [] });

    expect((await get.execute(first.sessionId)).status).toBe('expired');
    expect((await get.execute(first.sessionId)).status).toBe('expired');
    expect(provider.asked).toHaveLength(1);
    const second = await create.execute({ clientRequestToken: 'abc' });
    expect(second.sessionId).not.toBe(first.sessionId);
  });

  it('does not ask about a session past its own expiry', async () => {
    const { create, get, provider, clock } = setUp();
    const { sessionId } = await create.execute({ clientRequestToken: 'abc' });
    clock.advance(LIFETIME_SECONDS * 1000);

    expect((await get.execute(sessionId)).status).toBe('expired');
    expect(provider.asked).toEqual([]);
  });

  it.each([new ProviderThrottled(3), new ProviderFailed()])('passes %p on and stores nothing', async (error) => {
    const { create, get, provider, sessions } = setUp();
    const { sessionId } = await create.execute({ clientRequestToken: 'abc' });
    const before = (await sessions.findById(sessionId))?.toRecord();
    provider.answers(error);

    await expect(get.execute(sessionId)).rejects.toBe(error);
    expect((await sessions.findById(sessionId))?.toRecord()).toEqual(before);
  });

  it('keeps an outcome another instance stored while the provider was asked over its own late answer', async () => {
    const { create, get, provider, images, sessions } = setUp();
    const { sessionId } = await create.execute({ clientRequestToken: 'abc' });
    const decided = await providerKept(images, sessionId, {});
    provider.answers({ status: 'expired', confidence: null, referenceImage: null, auditImages: [] });
    // Another instance (its own repository view, the same storage) decides while this one waits for the provider.
    const results = provider.results.bind(provider);
    jest.spyOn(provider, 'results').mockImplementationOnce(async (id) => {
      const answer = await results(id);
      const other = new GetSessionUseCase(sessions, new FixedClock(new Date('2026-01-01T10:00:00Z')), new ProviderLiveness({ provider: answering(decided), sessions, images, comparer: new ScriptedFaceComparer(0.5, COMPARISON) }));
      await other.execute(sessionId);
      return answer;
    });

    expect((await get.execute(sessionId)).status).toBe('succeeded');
    expect((await get.execute(sessionId)).status).toBe('succeeded');
  });

  it('asks once for concurrent reads of one session: the later ones find the stored outcome', async () => {
    const { create, get, provider, images, sessions } = setUp();
    const { sessionId } = await create.execute({ clientRequestToken: 'abc', referenceImage: jpegImage(7) });
    provider.answers(await providerKept(images, sessionId, {}));
    const updates = jest.spyOn(sessions, 'update');

    const views = await Promise.all([get.execute(sessionId), get.execute(sessionId), get.execute(sessionId)]);

    expect(views.map((view) => view.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(provider.asked).toHaveLength(1);
    expect(updates).toHaveBeenCalledTimes(1);
  });
});
