import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { CAMERA_HEIGHT, CAMERA_WIDTH, distanceFromPhoto } from './fake-camera.js';
import { ANSWER_DELAY_MS, failure, ok, type Reply, standInForFrames } from './frames-stand-in.js';
import { useStandInCapture } from './stand-in-capture.js';

const PHOTO = fileURLToPath(new URL('../fixtures/liveness/headturn_woman_turned_left.jpg', import.meta.url));
const SESSION_ID = '5f0c8a52-3f4e-4c1b-9a57-2d1e6b7c8f90';
const CAPTURE_TOKEN = 'capture-token-0123456789abcdef';
const CENTRE = ok({ instruction: 'center_face', progress: 0, hint: null });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the liveness capture page (GET /liveness)', () => {
  const standIn = useStandInCapture(PHOTO);
  const captureLink = (fragment = `#token=${CAPTURE_TOKEN}`) => `${standIn.served().origin}/liveness?session=${SESSION_ID}${fragment}`;

  /** A fresh phone-sized page whose console errors, CSP violations included, and uncaught errors land in `problems`. */
  async function newPage(camera: 'granted' | 'refused'): Promise<{ page: Page; problems: string[] }> {
    return standIn.newPage(camera === 'granted' ? ['camera'] : []);
  }

  /** Opens the capture link against the scripted replies; resolves once `text` shows in `selector`. */
  async function runUntil(replies: readonly Reply[], selector: string, text: string) {
    const { page } = await newPage('granted');
    const frames = await standInForFrames(page, replies);
    await page.goto(captureLink());
    await page.locator(selector, { hasText: text }).waitFor();
    return { page, frames };
  }

  it('serves the page and its assets without an API token, with no inline code for the policy to refuse', async () => {
    const page = await standIn.served().http().get('/liveness');
    const script = await standIn.served().http().get('/liveness/capture.js');
    const styles = await standIn.served().http().get('/liveness/capture.css');

    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain('frame-ancestors *');
    expect(page.headers['x-frame-options']).toBeUndefined();
    expect(page.text).toContain('<script src="liveness/capture.js" defer></script>');
    expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)|<style|\sstyle=|\son[a-z]+=/);
    expect([script.status, script.headers['content-type']]).toEqual([200, 'text/javascript; charset=utf-8']);
    expect([styles.status, styles.headers['content-type']]).toEqual([200, 'text/css; charset=utf-8']);
    expect((await standIn.served().http().get('/health')).headers['x-frame-options']).toBe('DENY');
  });

  it('starts the camera and shows the first instruction with no console error or CSP violation', async () => {
    const { page, problems } = await newPage('granted');
    const frames = await standInForFrames(page, [CENTRE]);

    await page.goto(captureLink());
    await page.locator('#instruction', { hasText: 'Look straight at the camera' }).waitFor();
    while (frames.length < 2) await sleep(50);

    expect(problems).toEqual([]);
  });

  it('says camera access was denied when the camera permission is refused, and sends nothing', async () => {
    const { page } = await newPage('refused');
    const frames = await standInForFrames(page, [CENTRE]);

    await page.goto(captureLink());

    await page.locator('#problem-message', { hasText: 'Camera access was denied. Allow the camera for this page and reload.' }).waitFor();
    expect(frames).toEqual([]);
  });

  it('says the link is incomplete when it lacks the token or the session', async () => {
    const { page } = await newPage('granted');
    for (const link of [captureLink(''), `${standIn.served().origin}/liveness#token=${CAPTURE_TOKEN}`]) {
      await page.goto(link);
      await page.locator('#problem-message', { hasText: 'This link is incomplete. Open the full link you were given.' }).waitFor();
    }
  });

  it('follows the server\'s instructions frame by frame, then says done and returns to returnUrl', async () => {
    const returnUrl = `${standIn.served().origin}/back-at-the-caller?step=liveness`;
    const { page, problems } = await newPage('granted');
    let returnedAt = NaN;
    await page.route('**/back-at-the-caller*', async (route) => {
      returnedAt = performance.now();
      await route.fulfill({ contentType: 'text/html', body: '<p>Welcome back</p>' });
    });
    const frames = await standInForFrames(page, [
      ...Array<Reply>(3).fill(ok({ instruction: 'center_face', progress: 0, hint: 'too_dark' })),
      ...Array<Reply>(3).fill(ok({ instruction: 'turn_left', progress: 0.5, hint: null })),
      ok({ instruction: 'done', progress: 1, hint: null, returnUrl }),
    ]);

    await page.goto(captureLink());
    await page.locator('#instruction', { hasText: 'Done — thank you' }).waitFor();
    const cameraOff = await page.evaluate<boolean>("document.getElementById('preview').srcObject.getTracks().every((track) => track.readyState === 'ended')");
    await page.waitForURL(returnUrl);

    expect(frames.map((frame) => frame.shown)).toEqual([
      ['Look straight at the camera', ''],
      ...Array.from({ length: 3 }, () => ['Look straight at the camera', "It's too dark — find more light"]),
      ...Array.from({ length: 3 }, () => ['Turn your head to your left', '']),
    ]);
    expect(cameraOff).toBe(true);
    // "Done" stays up for a second before the page leaves.
    expect(returnedAt - frames[frames.length - 1].at).toBeGreaterThanOrEqual(ANSWER_DELAY_MS + 900);
    expect(problems).toEqual([]);
    for (const frame of frames) {
      expect([frame.path, frame.authorization, frame.contentType, frame.unansweredBefore]).toEqual([`/session/${SESSION_ID}/frames`, `Bearer ${CAPTURE_TOKEN}`, 'image/jpeg', 0]);
    }
    const gaps = frames.slice(1).map((frame, i) => frame.at - frames[i].at);
    // The page aims at 200 ms; the server refuses frames under 100 ms apart. Timestamps here are
    // taken where the test answers each request, which adds its own jitter to the page's pace.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(100);
  });

  it('sends the camera\'s own picture as a JPEG of at most 640×480, not the mirrored preview', async () => {
    const { page } = await newPage('granted');
    const frames = await standInForFrames(page, [CENTRE]);

    await page.goto(captureLink());
    while (frames.length < 1) await sleep(50);
    const jpeg = frames[0].body ?? Buffer.alloc(0);
    const { format, width, height } = await sharp(jpeg).metadata();
    const distance = await distanceFromPhoto(jpeg, PHOTO);

    expect([format, width, height]).toEqual(['jpeg', CAMERA_WIDTH, CAMERA_HEIGHT]);
    expect(distance.asFilmed).toBeLessThan(distance.mirrored / 2);
  });

  it('retries through a server error, waits out Retry-After, and stops on an expired link with its reference', async () => {
    const { page, frames } = await runUntil(
      [failure(503, 'SERVICE_UNAVAILABLE'), failure(429, 'TOO_MANY_FRAMES', { 'Retry-After': '1' }), CENTRE, failure(401, 'CAPTURE_TOKEN_INVALID')],
      '#problem-message',
      'This link has expired. Ask for a new one.',
    );
    const gaps = frames.slice(1).map((frame, i) => frame.at - frames[i].at);

    expect(frames).toHaveLength(4);
    expect(gaps[0]).toBeGreaterThanOrEqual(500);
    expect(gaps[1]).toBeGreaterThanOrEqual(1000);
    expect(await page.locator('#problem-reference').textContent()).toBe('Reference: req-capture_token_invalid');
  });

  it.each([
    ['a finished challenge (409) as done', failure(409, 'CHALLENGE_FINISHED'), '#instruction', 'Done — thank you'],
    ['a 409 that is not a finished challenge as a problem', failure(409, 'LIVENESS_UNAVAILABLE'), '#problem-message', 'Face checks are not available here.'],
    ['the frame cap (429 with no Retry-After) as the end', failure(429, 'TOO_MANY_FRAMES'), '#problem-message', 'This check took too long and has ended.'],
    ['an unknown session (404)', failure(404, 'SESSION_NOT_FOUND'), '#problem-message', 'This check does not exist any more.'],
  ])('treats %s', async (_case, reply, selector, text) => {
    const { frames } = await runUntil([reply], selector, text);

    expect(frames).toHaveLength(1);
  });

  it('runs in another site\'s iframe that allows the camera', async () => {
    // A real server: Chromium refuses a public page (which a route-fulfilled one is) framing a loopback address.
    const embedder = createServer((_request, response) => {
      response.setHeader('Content-Type', 'text/html');
      response.end(`<iframe src="${captureLink()}" allow="camera" width="400" height="700"></iframe>`);
    });
    await new Promise<void>((resolve) => embedder.listen(0, resolve));
    try {
      const { page, problems } = await newPage('granted');
      await standInForFrames(page, [ok({ instruction: 'turn_right', progress: 0.25, hint: null })]);

      await page.goto(`http://localhost:${(embedder.address() as AddressInfo).port}/`);

      await page.frameLocator('iframe').locator('#instruction', { hasText: 'Turn your head to your right' }).waitFor();
      expect(problems).toEqual([]);
    } finally {
      embedder.close();
    }
  });
});
