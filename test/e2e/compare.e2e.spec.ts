import sharp from 'sharp';
import { type RunningApp, AUTH, photo, startApp } from './harness.js';

describe('POST /compare', () => {
  let running: RunningApp;
  const compare = (body: object) => running.http().post('/compare').set(AUTH).send(body);

  beforeAll(async () => {
    running = await startApp();
  });
  afterAll(async () => {
    await running.close();
  });

  it('matches two photographs of the same person', async () => {
    const res = await compare({ source: await photo('kit_harington_1.jpg'), target: await photo('kit_harington_2.jpg') });

    expect(res.status).toBe(200);
    expect(res.body.match).toBe(true);
    expect(res.body.comparisonResult).toBeGreaterThanOrEqual(res.body.threshold);
    expect(res.body.comparisonResult).toBeLessThanOrEqual(1);
    expect(res.body.faceMatches).toHaveLength(1);
    expect(res.body.unmatchedFaces).toHaveLength(0);
    expect(res.body.sourceFace.boundingBox).toEqual({ left: expect.any(Number), top: expect.any(Number), width: expect.any(Number), height: expect.any(Number) });
  });

  it('does not match photographs of two different people', async () => {
    const res = await compare({ source: await photo('kit_harington_1.jpg'), target: await photo('rose_leslie_1.jpg') });

    expect(res.status).toBe(200);
    expect(res.body.match).toBe(false);
    expect(res.body.comparisonResult).toBeLessThan(res.body.threshold);
    expect(res.body.comparisonResult).toBeGreaterThanOrEqual(0);
    expect(res.body.faceMatches).toHaveLength(0);
  });

  it('finds the source person among the faces of a group photo', async () => {
    const res = await compare({ source: await photo('rose_leslie_1.jpg'), target: await photo('multi_kit_with_rose.jpg') });

    expect(res.status).toBe(200);
    expect(res.body.match).toBe(true);
    expect(res.body.faceMatches).toHaveLength(1);
    expect(res.body.unmatchedFaces.length).toBeGreaterThanOrEqual(1);
  });

  it('accepts a data URL prefix and a 32-bit RGBA PNG', async () => {
    const rgba = await sharp(Buffer.from(await photo('kit_harington_1.jpg'), 'base64')).ensureAlpha(0.8).png().toBuffer();
    const res = await compare({ source: `data:image/png;base64,${rgba.toString('base64')}`, target: await photo('kit_harington_2.jpg') });

    expect(res.status).toBe(200);
    expect(res.body.match).toBe(true);
  });

  it('answers /health while a compare is still running', async () => {
    const finished: string[] = [];
    const comparing = compare({ source: await photo('kit_harington_1.jpg'), target: await photo('multi_kit_with_rose.jpg') }).then((res) => {
      finished.push('compare');
      return res;
    });
    const health = await running.http().get('/health');
    finished.push('health');

    expect(health.status).toBe(200);
    expect((await comparing).status).toBe(200);
    expect(finished).toEqual(['health', 'compare']);
  });

  it('answers 422 naming the image without a face', async () => {
    const noFaceTarget = await compare({ source: await photo('kit_harington_1.jpg'), target: await photo('noface_background.jpg') });
    const noFaceSource = await compare({ source: await photo('noface_background.jpg'), target: await photo('kit_harington_1.jpg') });

    expect(noFaceTarget.status).toBe(422);
    expect(noFaceTarget.body).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity', code: 'NO_FACE_FOUND' });
    expect(noFaceTarget.body.message).toMatch(/target/);
    expect(noFaceSource.status).toBe(422);
    expect(noFaceSource.body.message).toMatch(/source/);
  });

  it('answers 415 for bytes that are neither JPEG nor PNG, whatever the data URL claims', async () => {
    const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64').toString('base64');
    const res = await compare({ source: `data:image/jpeg;base64,${gif}`, target: await photo('kit_harington_1.jpg') });

    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ statusCode: 415, code: 'UNSUPPORTED_IMAGE_FORMAT' });
    expect(res.body.message).toMatch(/source/);
  });

  it('answers 400 for a JPEG signature followed by garbage', async () => {
    const broken = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]).toString('base64');
    const res = await compare({ source: await photo('kit_harington_1.jpg'), target: broken });

    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'INVALID_IMAGE' });
  });

  it('answers 413 for an image over the decoded size limit', async () => {
    const huge = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(5 * 1024 * 1024, 1)]).toString('base64');
    const res = await compare({ source: huge, target: await photo('kit_harington_1.jpg') });

    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ statusCode: 413, code: 'IMAGE_TOO_LARGE' });
  });

  it.each([
    ['a missing field', async () => ({ source: await photo('kit_harington_1.jpg') }), /target/],
    ['an unknown field', async () => ({ source: 'AAAA', target: 'AAAA', extra: 1 }), /extra/],
    ['a number instead of a string', async () => ({ source: 42, target: 'AAAA' }), /source/],
    ['base64 with whitespace', async () => ({ source: 'AAAA AAAA', target: 'AAAA' }), /source/],
    ['base64 with the URL-safe alphabet', async () => ({ source: '_-_-', target: 'AAAA' }), /source/],
    ['base64 with bad padding', async () => ({ source: 'AAAAA', target: 'AAAA' }), /source/],
  ])('answers 400 for %s', async (_name, makeBody, mentions) => {
    const res = await compare(await makeBody());

    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(res.body.message).toMatch(mentions);
  });

  it('answers 400 with a JSON body for malformed JSON', async () => {
    const res = await running.http().post('/compare').set(AUTH).set('Content-Type', 'application/json').send('{"source": ');

    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', message: expect.stringMatching(/JSON/) });
  });

  it('answers 413 with a JSON body for a request body over the limit', async () => {
    const res = await running.http().post('/compare').set(AUTH).set('Content-Type', 'application/json').send(`{"source":"${'A'.repeat(15 * 1024 * 1024)}"}`);

    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
  });
});
