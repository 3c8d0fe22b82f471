import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { RetentionSweeper } from '../../src/adapters/system/retention-sweeper.js';
import { FixedClock } from '../fakes/fixed-clock.js';
import { type RunningApp, AUTH, photo, startApp } from './harness.js';

const HOUR_MS = 3_600_000;
const OWNER = 'Jane Q. Public, 51.5N 0.1W';

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/** Biometric data hygiene: what is stored carries no metadata, and nothing outlives RETENTION_HOURS. */
describe('stored biometric data', () => {
  let running: RunningApp;
  // The fs image store dates files by the machine's clock, so the app's clock starts there.
  const clock = new FixedClock(new Date());
  const sessionFile = (id: string) => join(running.dataDir, 'sessions', `${id}.json`);
  const imagesDir = () => join(running.dataDir, 'images');

  beforeAll(async () => {
    running = await startApp({ STORE_COMPARE_IMAGES: 'true', RETENTION_HOURS: '24' }, { clock });
  });
  afterAll(async () => {
    await running.close();
  });

  it('stores a reference JPEG without its EXIF (GPS, owner), with the same pixels and orientation as sent', async () => {
    const sent = await sharp(Buffer.from(await photo('kit_harington_1.jpg'), 'base64'))
      .jpeg()
      .withExif({ IFD0: { Copyright: OWNER }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1' } })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect(sent.includes(OWNER)).toBe(true);

    const created = await running.http().post('/session').set(AUTH).send({ clientRequestToken: 'exif-gps', referenceImage: sent.toString('base64') });
    const stored = await readFile(join(imagesDir(), 'sessions', created.body.SessionId, 'reference.jpeg'));
    const metadata = await sharp(stored).metadata();

    expect(created.status).toBe(201);
    expect(stored.includes(OWNER)).toBe(false);
    expect(metadata.exif?.length).toBe('Exif\0\0'.length + 26); // IFD0 with Orientation alone: no GPS IFD
    expect(metadata.orientation).toBe(6);
    expect(await sharp(stored).rotate().raw().toBuffer()).toEqual(await sharp(sent).rotate().raw().toBuffer());
  });

  it('keeps sessions and images for RETENTION_HOURS, then the sweep deletes them all', async () => {
    const face = await photo('kit_harington_1.jpg');
    const created = await running.http().post('/session').set(AUTH).send({ clientRequestToken: 'retained', referenceImage: face });
    const compared = await running.http().post('/compare').set(AUTH).send({ source: face, target: await photo('kit_harington_2.jpg') });
    expect([created.status, compared.status]).toEqual([201, 200]);
    const sweeper = running.app.get(RetentionSweeper);

    clock.advance(23 * HOUR_MS);
    await sweeper.sweep();
    expect((await running.http().get(`/session/${created.body.SessionId}`).set(AUTH)).status).toBe(200);
    expect((await filesUnder(imagesDir())).filter((path) => path.includes('/compares/'))).toHaveLength(2);

    clock.advance(2 * HOUR_MS);
    await sweeper.sweep();
    expect((await running.http().get(`/session/${created.body.SessionId}`).set(AUTH)).status).toBe(404);
    await expect(readFile(sessionFile(created.body.SessionId))).rejects.toThrow(/ENOENT/);
    expect(await filesUnder(imagesDir())).toEqual([]);
  });
});
