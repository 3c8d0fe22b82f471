import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AUTH, type RunningApp, startApp } from '../e2e/harness.js';
import { SeededRandom } from '../fakes/seeded-random.js';
import { SyntheticFrames } from '../support/synthetic-frames.js';
import { launchChromium } from './browser.js';
import { type FollowerPictures, followingCameraScript, renderFollower } from './following-camera.js';
import { stillCameraArgs } from './still-camera.js';

const KIT = fileURLToPath(new URL('../fixtures/faces/kit_harington_1.jpg', import.meta.url));
const SCREENSHOT = fileURLToPath(new URL('../../docs/images/liveness-challenge.png', import.meta.url));
const PHONE = { viewport: { width: 412, height: 860 }, isMobile: true, hasTouch: true };
const DONE = 'Done — thank you';
const STEP = /^(turn_left|turn_right|look_up|blink)$/;

/** What GET /session/:id says of the outcome. */
interface SessionOutcome {
  readonly status: string;
  readonly reasons: readonly string[];
}

/**
 * Whole liveness sessions as a user runs them: the capture page in Chromium, the real frames route
 * and models, the real clock. Only the camera is the test's: a canvas stream that follows the
 * page's instructions, or Chromium's fake camera filming a still picture.
 */
describe('a liveness session run from the capture page', () => {
  let running: RunningApp;
  let origin: string;
  let workDir: string;
  let pictures: FollowerPictures;
  let followingBrowser: Browser;
  let stillBrowser: Browser;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'facecheck-liveness-flow-'));
    const frames = new SyntheticFrames();
    // Seeded steps, the same on every run: seed 28 asks the first session for turn_right, blink, look_up, each kind of move the follower makes.
    [running, pictures] = await Promise.all([startApp({}, { random: new SeededRandom(28) }), renderFollower(frames.person(KIT), 1).finally(() => frames.close())]);
    await running.app.listen(0, '127.0.0.1');
    origin = `http://127.0.0.1:${(running.app.getHttpServer().address() as AddressInfo).port}`;
    [followingBrowser, stillBrowser] = await Promise.all([launchChromium(), stillCameraArgs(pictures.frontal, workDir).then(launchChromium)]);
  }, 60_000);
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });
  afterAll(async () => {
    await Promise.all([followingBrowser?.close(), stillBrowser?.close()]);
    await running?.close();
    await rm(workDir, { recursive: true, force: true });
  });

  /** Creates a session and opens its captureUrl in `browser`; console errors and uncaught errors land in `problems`. */
  async function openCapture(browser: Browser, initScript?: string): Promise<{ id: string; page: Page; problems: string[] }> {
    const created = await running.http().post('/session').set(AUTH).send({ clientRequestToken: randomUUID() });
    expect(created.status).toBe(201);
    const { SessionId: id, captureUrl } = created.body as { SessionId: string; captureUrl: string };
    context = await browser.newContext({ ...PHONE, permissions: ['camera'] });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    if (initScript) await page.addInitScript({ content: initScript });
    await page.goto(`${origin}${captureUrl}`);
    return { id, page, problems };
  }

  async function outcome(id: string): Promise<SessionOutcome> {
    const response = await running.http().get(`/session/${id}`).set(AUTH);
    const { status, reasons } = response.body as SessionOutcome;
    return { status, reasons };
  }

  it('passes someone who follows each instruction: three steps, back to centre between them, then done', async () => {
    const { id, page, problems } = await openCapture(followingBrowser, followingCameraScript(pictures));
    const screenshot =
      process.env.SAVE_SCREENSHOTS === '1'
        ? page.locator('#instruction', { hasText: /^Turn your head/ }).waitFor().then(() => page.screenshot({ path: SCREENSHOT }))
        : Promise.resolve();
    // Handled here so a session that ends first leaves no stray rejection; awaited below.
    screenshot.catch(() => undefined);

    await page.locator('#instruction', { hasText: DONE }).waitFor();
    const seen = await page.evaluate<string[]>('window.__followingCamera.seen');

    // One object, so a failure shows the reasons and the instructions the camera followed together.
    expect({ ...(await outcome(id)), seen, problems }).toMatchObject({
      status: 'succeeded',
      reasons: [],
      seen: ['center_face', expect.stringMatching(STEP), 'center_face', expect.stringMatching(STEP), 'center_face', expect.stringMatching(STEP), 'done'],
      problems: [],
    });
    await screenshot;
  });

  it('fails a still photo filmed by the camera: the face never turns and the frames repeat', async () => {
    const { id, page, problems } = await openCapture(stillBrowser);

    await page.locator('#instruction', { hasText: DONE }).waitFor();

    // too_slow: no step is reached in its 5 s. planar_motion: nothing ever turns. replayed_frames:
    // Chromium's fake camera films the still without a camera's noise, so frames repeat.
    expect({ ...(await outcome(id)), problems }).toMatchObject({ status: 'failed', reasons: ['too_slow', 'planar_motion', 'replayed_frames'], problems: [] });
  });
});
