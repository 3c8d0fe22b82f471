import { jest } from '@jest/globals';
import { CreateSessionUseCase } from '../../src/application/create-session.use-case.js';
import { DeleteSessionUseCase } from '../../src/application/delete-session.use-case.js';
import { GetSessionUseCase } from '../../src/application/get-session.use-case.js';
import { IdempotencyConflict, SessionNotFound } from '../../src/domain/domain.errors.js';
import { TEST_CAPTURE } from '../fakes/capture-settings.js';
import { FixedClock } from '../fakes/fixed-clock.js';
import { InMemoryImageStore } from '../fakes/in-memory-image-store.js';
import { InMemorySessionRepository } from '../fakes/in-memory-session-repository.js';
import { jpegImage } from '../fakes/images.js';

const LIFETIME_SECONDS = 600;

function setUp() {
  const sessions = new InMemorySessionRepository();
  const images = new InMemoryImageStore();
  const clock = new FixedClock(new Date('2026-01-01T10:00:00Z'));
  return {
    sessions,
    images,
    clock,
    create: new CreateSessionUseCase(sessions, images, clock, LIFETIME_SECONDS, TEST_CAPTURE),
    get: new GetSessionUseCase(sessions, clock),
    remove: new DeleteSessionUseCase(sessions, images),
  };
}

describe('CreateSessionUseCase', () => {
  it('creates a session in status created that expires after its lifetime', async () => {
    const { create } = setUp();

    const created = await create.execute({ clientRequestToken: 'abc' });

    expect(created.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.status).toBe('created');
    expect(created.expiresAt.toISOString()).toBe('2026-01-01T10:10:00.000Z');
  });

  it('returns the same session for a retry with the same token and body', async () => {
    const { create } = setUp();

    const first = await create.execute({ clientRequestToken: 'abc', referenceImage: jpegImage(1) });
    const retry = await create.execute({ clientRequestToken: 'abc', referenceImage: jpegImage(1) });

    expect(retry.sessionId).toBe(first.sessionId);
  });

  it('rejects the same token with a different body with IdempotencyConflict, leaving no orphan image', async () => {
    const { create, images } = setUp();
    const deletes = jest.spyOn(images, 'delete');
    await create.execute({ clientRequestToken: 'abc' });

    await expect(create.execute({ clientRequestToken: 'abc', referenceImage: jpegImage(2) })).rejects.toThrow(IdempotencyConflict);
    expect(deletes).toHaveBeenCalledTimes(1);
    expect(await images.get(deletes.mock.calls[0][0])).toBeNull();
  });

  it('gives an expired session\'s token to a new session', async () => {
    const { create, clock } = setUp();
    const first = await create.execute({ clientRequestToken: 'abc' });

    clock.advance(LIFETIME_SECONDS * 1000);
    const second = await create.execute({ clientRequestToken: 'abc' });

    expect(second.sessionId).not.toBe(first.sessionId);
  });

  it('stores the reference image under the session', async () => {
    const { create, images } = setUp();
    const puts = jest.spyOn(images, 'put');

    const created = await create.execute({ clientRequestToken: 'abc', referenceImage: jpegImage(7) });

    expect(puts.mock.calls[0][0]).toBe(`sessions/${created.sessionId}/reference.jpeg`);
    expect(await images.get(`sessions/${created.sessionId}/reference.jpeg`)).toEqual(jpegImage(7).bytes);
  });
});

describe('GetSessionUseCase', () => {
  it('reads a new session with null results', async () => {
    const { create, get } = setUp();
    const { sessionId } = await create.execute({ clientRequestToken: 'abc' });

    const view = await get.execute(sessionId);

    expect(view).toMatchObject({ clientRequestToken: 'abc', status: 'created', comparisonResult: null, confidence: null });
  });

  it('reads an unfinished session past its expiry as expired', async () => {
    const { create, get, clock } = setUp();
    const { sessionId } = await create.execute({ clientRequestToken: 'abc' });

    clock.advance(LIFETIME_SECONDS * 1000 - 1);
    expect((await get.execute(sessionId)).status).toBe('created');
    clock.advance(1);
    expect((await get.execute(sessionId)).status).toBe('expired');
  });

  it('throws SessionNotFound for an unknown id', async () => {
    const { get } = setUp();

    await expect(get.execute('0f8e2a9c-4b7d-4a55-9d1e-6f0c3b2a1e90')).rejects.toThrow(SessionNotFound);
  });
});

describe('DeleteSessionUseCase', () => {
  it('erases the session and its reference image at once', async () => {
    const { create, get, remove, images } = setUp();
    const { sessionId } = await create.execute({ clientRequestToken: 'abc', referenceImage: jpegImage(3) });

    await remove.execute(sessionId);

    await expect(get.execute(sessionId)).rejects.toThrow(SessionNotFound);
    expect(await images.get(`sessions/${sessionId}/reference.jpeg`)).toBeNull();
  });

  it('throws SessionNotFound for an unknown id', async () => {
    const { remove } = setUp();

    await expect(remove.execute('0f8e2a9c-4b7d-4a55-9d1e-6f0c3b2a1e90')).rejects.toThrow(SessionNotFound);
  });

  it('lets a retry with the deleted session\'s clientRequestToken create a new session', async () => {
    const { create, get, remove } = setUp();
    const first = await create.execute({ clientRequestToken: 'abc' });
    await remove.execute(first.sessionId);

    const retry = await create.execute({ clientRequestToken: 'abc' });

    expect(retry.sessionId).not.toBe(first.sessionId);
    expect((await get.execute(retry.sessionId)).status).toBe('created');
  });

  it('deletes the image before the record, so a delete that failed half-way can be retried to the end', async () => {
    const { create, get, remove, sessions, images } = setUp();
    const { sessionId } = await create.execute({ clientRequestToken: 'abc', referenceImage: jpegImage(4) });
    jest.spyOn(sessions, 'delete').mockRejectedValueOnce(new Error('disk gone'));

    await expect(remove.execute(sessionId)).rejects.toThrow('disk gone');
    expect(await images.get(`sessions/${sessionId}/reference.jpeg`)).toBeNull();
    await remove.execute(sessionId);

    await expect(get.execute(sessionId)).rejects.toThrow(SessionNotFound);
  });
});
