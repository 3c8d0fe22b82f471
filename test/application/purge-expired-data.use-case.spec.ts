import { CreateSessionUseCase } from '../../src/application/create-session.use-case.js';
import { PurgeExpiredDataUseCase } from '../../src/application/purge-expired-data.use-case.js';
import { TEST_CAPTURE } from '../fakes/capture-settings.js';
import { FixedClock } from '../fakes/fixed-clock.js';
import { InMemoryImageStore } from '../fakes/in-memory-image-store.js';
import { InMemorySessionRepository } from '../fakes/in-memory-session-repository.js';
import { jpegImage } from '../fakes/images.js';

const HOUR_MS = 3_600_000;

describe('PurgeExpiredDataUseCase', () => {
  // The image store dates images by the machine's clock, so the fixed clock starts there.
  const clock = new FixedClock(new Date());
  const sessions = new InMemorySessionRepository();
  const images = new InMemoryImageStore();
  const create = new CreateSessionUseCase(sessions, images, clock, 600, TEST_CAPTURE);
  const purge = new PurgeExpiredDataUseCase(sessions, images, clock, 24);

  it('keeps everything younger than the retention period, then deletes sessions, their images and loose images', async () => {
    const { sessionId } = await create.execute({ clientRequestToken: 'kept-a-day', referenceImage: jpegImage(1) });
    await images.put('compares/c1/source.jpeg', jpegImage(2).bytes);

    clock.advance(23 * HOUR_MS);
    expect(await purge.execute()).toEqual({ sessions: 0, images: 0 });
    expect(await sessions.findById(sessionId)).not.toBeNull();

    clock.advance(2 * HOUR_MS);
    expect(await purge.execute()).toEqual({ sessions: 1, images: 1 });
    expect(await sessions.findById(sessionId)).toBeNull();
    expect(await images.get(`sessions/${sessionId}/reference.jpeg`)).toBeNull();
    expect(await images.get('compares/c1/source.jpeg')).toBeNull();
  });
});
