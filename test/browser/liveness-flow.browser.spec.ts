import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { SeededRandom } from '../fakes/seeded-random.js';
import { SyntheticFrames } from '../support/synthetic-frames.js';
import { launchChromium, type ServedApp, serveApp } from './browser.js';
import { CaptureSessions, DONE } from './capture-sessions.js';
import { type FollowerPictures, followingCameraScript, renderFollower } from './following-camera.js';
import { stillCameraArgs } from './still-camera.js';

const KIT = fileURLToPath(new URL('../fixtures/faces/kit_harington_1.jpg', import.meta.url));
const SCREENSHOT = fileURLToPath(new URL('../../docs/images/liveness-challenge.png', import.meta.url));
const STEP = /^(turn_left|turn_right|look_up|blink)$/;

/**
 * Whole liveness sessions as a user runs them: the capture page in Chromium, the real frames route
 * and models, the real clock. Only the camera is the test's: a canvas stream that follows the
 * page's instructions, or Chromium's fake camera filming a still picture.
 */
describe('a liveness session run from the capture page', () => {
  let served: ServedApp;
  let sessions: CaptureSessions;
  let workDir: string;
  let pictures: FollowerPictures;
  let followingBrowser: Browser;
  let stillBrowser: Browser;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'facecheck-liveness-flow-'));
    const frames = new SyntheticFrames();
    // Seeded steps, the same on every run: seed 28 asks the first session for turn_right, blink, look_up, each kind of move the follower makes.
    [served, pictures] = await Promise.all([serveApp({}, { random: new SeededRandom(28) }), renderFollower(frames.person(KIT), 1).finally(() => frames.close())]);
    sessions = new CaptureSessions(served);
    [followingBrowser, stillBrowser] = await Promise.all([launchChromium(), stillCameraArgs(pictures.frontal, workDir).then(launchChromium)]);
  }, 60_000);
  afterEach(() => sessions.closePage());
  afterAll(async () => {
    await Promise.all([followingBrowser?.close(), stillBrowser?.close()]);
    await served?.close();
    await rm(workDir, { recursive: true, force: true });
  });

  it('passes someone who follows each instruction: three steps, back to centre between them, then done', async () => {
    const { id, page, problems } = await sessions.open(followingBrowser, followingCameraScript(pictures));
    const screenshot =
      process.env.SAVE_SCREENSHOTS === '1'
        ? page.locator('#instruction', { hasText: /^Turn your head/ }).waitFor().then(() => page.screenshot({ path: SCREENSHOT }))
        : Promise.resolve();
    // Handled here so a session that ends first leaves no stray rejection; awaited below.
    screenshot.catch(() => undefined);

    await page.locator('#instruction', { hasText: DONE }).waitFor();
    const seen = await page.evaluate<string[]>('window.__followingCamera.seen');

    // One object, so a failure shows the reasons and the instructions the camera followed together.
    expect({ ...(await sessions.outcome(id)), seen, problems }).toMatchObject({
      status: 'succeeded',
      reasons: [],
      seen: ['center_face', expect.stringMatching(STEP), 'center_face', expect.stringMatching(STEP), 'center_face', expect.stringMatching(STEP), 'done'],
      problems: [],
    });
    await screenshot;
  });

  it('fails a still photo filmed by the camera: the face never turns and the frames repeat', async () => {
    const { id, page, problems } = await sessions.open(stillBrowser);

    await page.locator('#instruction', { hasText: DONE }).waitFor();

    // too_slow: no step is reached in its 5 s. planar_motion: nothing ever turns. replayed_frames:
    // Chromium's fake camera films the still without a camera's noise, so frames repeat.
    expect({ ...(await sessions.outcome(id)), problems }).toMatchObject({ status: 'failed', reasons: ['too_slow', 'planar_motion', 'replayed_frames'], problems: [] });
  });
});
