import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { SeededRandom } from '../fakes/seeded-random.js';
import { SyntheticFrames } from '../support/synthetic-frames.js';
import { launchChromium, type ServedApp, serveApp } from './browser.js';
import { CaptureSessions, DONE, type SessionOutcome } from './capture-sessions.js';
import { type FollowerPictures, followingCameraScript, NEAR_SCREEN, renderFollower } from './following-camera.js';

const KIT = fileURLToPath(new URL('../fixtures/faces/kit_harington_1.jpg', import.meta.url));

/**
 * Whole movement-and-light sessions from the capture page in Chromium, on the real routes and
 * models: a canvas camera that follows the instructions and whose face takes the light screen's
 * colours, and the same follower with no light on its face, as a replay of someone following.
 */
describe('a movement-and-light session run from the capture page', () => {
  let served: ServedApp;
  let sessions: CaptureSessions;
  let pictures: FollowerPictures;
  let browser: Browser;

  beforeAll(async () => {
    const frames = new SyntheticFrames();
    [served, pictures, browser] = await Promise.all([
      serveApp({ LIVENESS_CHALLENGE: 'movementAndLight' }, { random: new SeededRandom(28) }),
      renderFollower(frames.person(KIT), 1).finally(() => frames.close()),
      launchChromium(),
    ]);
    sessions = new CaptureSessions(served);
  }, 60_000);
  afterEach(() => sessions.closePage());
  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  /** Runs a session to its end; `seen` lists the instructions the camera followed, `sawLight` whether one was `light`. */
  async function runToEnd(initScript: string): Promise<SessionOutcome & { seen: string[]; sawLight: boolean; problems: string[] }> {
    const { id, page, problems } = await sessions.open(browser, initScript);
    await page.locator('#instruction', { hasText: DONE }).waitFor();
    const seen = await page.evaluate<string[]>('window.__followingCamera.seen');
    return { ...(await sessions.outcome(id)), seen, sawLight: seen.includes('light'), problems };
  }

  it('passes a follower whose face takes the colours the page shows', async () => {
    // One object, so a failure shows the reasons and the instructions the camera followed together.
    expect(await runToEnd(followingCameraScript(pictures, NEAR_SCREEN))).toMatchObject({
      status: 'succeeded',
      reasons: [],
      sawLight: true,
      problems: [],
    });
  });

  it('fails the same follower with no light on its face, as a replay of someone following', async () => {
    expect(await runToEnd(followingCameraScript(pictures))).toMatchObject({
      // The movements were right: the light alone gives it away.
      status: 'failed',
      reasons: ['light_mismatch'],
      sawLight: true,
      problems: [],
    });
  });
});
