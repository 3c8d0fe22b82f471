import sharp from 'sharp';
import { withDeclaredSize } from '../adapters/embedded/png-header.js';
import { animatedPng } from '../fakes/animated-png.js';
import { type RunningApp, AUTH, photo, startApp } from './harness.js';

/** Hostile and unusual images over HTTP, through the real engine: every one refused clearly or compared correctly. */
describe('image input filters', () => {
  let running: RunningApp;
  let source: Buffer;
  let target: string;
  const compare = (sourceBytes: Uint8Array) =>
    running.http().post('/compare').set(AUTH).send({ source: Buffer.from(sourceBytes).toString('base64'), target });
  const createSession = (reference: Uint8Array) =>
    running.http().post('/session').set(AUTH).send({ clientRequestToken: `filters-${Math.random().toString(36).slice(2)}`, referenceImage: Buffer.from(reference).toString('base64') });

  beforeAll(async () => {
    running = await startApp();
    source = Buffer.from(await photo('kit_harington_1.jpg'), 'base64');
    target = await photo('kit_harington_2.jpg');
  });
  afterAll(async () => {
    await running.close();
  });

  it.each([
    ['application/json', 400, 'The request body is not valid JSON.'],
    ['application/json; charset=utf-16', 400, 'The request body is not valid JSON.'],
    ['application/json; charset=latin1', 415, 'The request body has an unsupported charset.'],
  ])('answers a body it cannot parse as %s with a fixed message that quotes nothing of the body', async (contentType, status, message) => {
    const res = await running.http().post('/compare').set(AUTH).set('Content-Type', contentType).send('{"source":"secret-bytes');

    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ statusCode: status, message });
  });

  it('answers 415 ANIMATED_IMAGE for an animated PNG, on /compare and /session alike', async () => {
    const apng = animatedPng(await sharp(source).png().toBuffer());

    const compared = await compare(apng);
    const created = await createSession(apng);

    expect(compared.status).toBe(415);
    expect(compared.body).toMatchObject({ statusCode: 415, code: 'ANIMATED_IMAGE', message: expect.stringMatching(/^source is an animated image/) });
    expect(created.status).toBe(415);
    expect(created.body).toMatchObject({ code: 'ANIMATED_IMAGE', message: expect.stringMatching(/^referenceImage/) });
  });

  it('answers 400 for an image under 64×64 pixels', async () => {
    const res = await compare(await sharp(source).resize(63, 63).jpeg().toBuffer());

    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'INVALID_IMAGE', message: 'source is 63×63 pixels; both sides must be at least 64 pixels.' });
  });

  it('answers 413 at once for a ~100-byte PNG declaring 50000×50000 pixels, allocating nothing', async () => {
    const bomb = withDeclaredSize(await sharp({ create: { width: 64, height: 64, channels: 3, background: '#000' } }).png().toBuffer(), 50_000, 50_000);
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();

    const res = await compare(bomb);

    expect(bomb.length).toBeLessThan(200);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'IMAGE_TOO_LARGE', message: 'source is 50000×50000 pixels; the limit is 25000000 pixels.' });
    // 7.5 GB of RGB had it been decoded; the worker shares this process's RSS.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * 1024 * 1024);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it.each([
    ['a truncated JPEG', (jpeg: Buffer) => jpeg.subarray(0, Math.floor(jpeg.length / 2))],
    ['a JPEG with a corrupt frame header', (jpeg: Buffer) => corruptFrameHeader(jpeg)],
  ])('answers 400 INVALID_IMAGE for %s', async (_name, damage) => {
    const res = await compare(damage(source));

    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'INVALID_IMAGE', message: expect.stringMatching(/^source/) });
  });

  it('answers 400 INVALID_IMAGE for a truncated session reference, which is stored only once its metadata is stripped', async () => {
    const res = await createSession(source.subarray(0, Math.floor(source.length / 2)));

    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'INVALID_IMAGE', message: expect.stringMatching(/^referenceImage/) });
  });

  it('answers 400 INVALID_IMAGE for a truncated PNG and for a PNG whose header checksum is wrong', async () => {
    const png = await sharp(source).resize(200).png().toBuffer();
    const badCrc = Buffer.from(png);
    badCrc[29] ^= 0xff; // IHDR's CRC

    for (const damaged of [png.subarray(0, png.length - 100), badCrc]) {
      const res = await compare(damaged);
      expect([res.status, res.body.code]).toEqual([400, 'INVALID_IMAGE']);
    }
    expect((await createSession(png.subarray(0, png.length - 100))).status).toBe(400);
  });

  it.each([
    ['a CMYK JPEG', () => sharp(source).toColourspace('cmyk').jpeg().toBuffer(), 'cmyk'],
    ['a 16-bit PNG', () => sharp(source).toColourspace('rgb16').png().toBuffer(), 'rgb16'],
  ])('converts %s to 8-bit sRGB and compares it as the original', async (_name, make, space) => {
    const converted = await make();
    expect((await sharp(converted).metadata()).space).toBe(space);

    const [original, res] = [await compare(source), await compare(converted)];

    expect(res.status).toBe(200);
    expect(res.body.match).toBe(true);
    expect(Math.abs(res.body.comparisonResult - original.body.comparisonResult)).toBeLessThan(0.05);
  });
});

/** Zeroes the width and height in a JPEG's SOF0/SOF2 segment: the markers stay, the frame makes no sense. */
function corruptFrameHeader(jpeg: Buffer): Buffer {
  const damaged = Buffer.from(jpeg);
  for (let i = 2; i + 1 < damaged.length; i++) {
    if (damaged[i] === 0xff && (damaged[i + 1] === 0xc0 || damaged[i + 1] === 0xc2)) {
      damaged.fill(0, i + 5, i + 9); // height (2 bytes), width (2 bytes)
      return damaged;
    }
  }
  throw new Error('no SOF segment');
}
