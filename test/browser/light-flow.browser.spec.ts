import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { SeededRandom } from '../fakes/seeded-random.js';
import { SyntheticFrames } from '../support/synthetic-frames.js';
import { launchChromium, type ServedApp, serveApp } from './browser.js';
import { CaptureSessions, DONE, type SessionOutcome } from './capture-sessions.js';
import { type FollowerPictures, followingCameraScript, NEAR_SCREEN, renderFollower } from './following-camera.js';

const KIT = fileURLToPath(new URL('../fixtures/faces/kit_harington_1.jpg', import.meta.url));

/** Frames a second over the light step, from their X-Light-Time: the page's capture rate. */
function lightRate(times: readonly number[]): number {
  return ((times.length - 1) * 1000) / (times[times.length - 1] - times[0]);
}

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

  /**
   * Runs a session to its end; `seen` lists the instructions the camera followed, `sawLight` whether
   * one was `light`, `lightTimes` the X-Light-Time of each frame in sending order.
   */
  async function runToEnd(initScript: string): Promise<SessionOutcome & { seen: string[]; sawLight: boolean; lightTimes: number[]; problems: string[] }> {
    const { id, page, problems } = await sessions.open(browser, initScript);
    await page.locator('#instruction', { hasText: DONE }).waitFor();
    const { seen, lightTimes } = await page.evaluate<{ seen: string[]; lightTimes: number[] }>('window.__followingCamera');
    if (process.env.REPORT_LIGHT_RATE === '1') console.log(`light step: ${lightTimes.length} frames, ${lightRate(lightTimes).toFixed(1)} frames/s`);
    return { ...(await sessions.outcome(id)), seen, sawLight: seen.includes('light'), lightTimes, problems };
  }

  it('passes a follower whose face takes the colours the page shows', async () => {
    const run = await runToEnd(followingCameraScript(pictures, NEAR_SCREEN));
    // One object, so a failure shows the reasons and the instructions the camera followed together.
    expect(run).toMatchObject({ status: 'succeeded', reasons: [], sawLight: true, problems: [] });
    // Sent in capture order, though several may be under way at once: the server refuses a time not after the last.
    expect(run.lightTimes.every((time, i) => i === 0 || time > run.lightTimes[i - 1])).toBe(true);
  });

  it('fails the same follower with no light on its face, as a replay of someone following', async () => {
    const run = await runToEnd(followingCameraScript(pictures));

    expect(run).toMatchObject({ status: 'failed', sawLight: true, problems: [] });
    // The movements were right: the light gives it away. The replay check may also flag this
    // follower's unlit, unchanging pictures (replayed_frames), as it did once on a loaded machine.
    expect(run.reasons).toContain('light_mismatch');
  });
});
