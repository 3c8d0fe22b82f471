import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AUTH, type RunningApp, startApp } from '../e2e/harness.js';
import { SeededRandom } from '../fakes/seeded-random.js';
import { SyntheticFrames } from '../support/synthetic-frames.js';
import { launchChromium } from './browser.js';
import { type FollowerPictures, followingCameraScript, NEAR_SCREEN, renderFollower } from './following-camera.js';

const KIT = fileURLToPath(new URL('../fixtures/faces/kit_harington_1.jpg', import.meta.url));
const PHONE = { viewport: { width: 412, height: 860 }, isMobile: true, hasTouch: true };
const DONE = 'Done — thank you';

/** What GET /session/:id says of the outcome. */
interface SessionOutcome {
  readonly status: string;
  readonly reasons: readonly string[];
}

/**
 * Whole movement-and-light sessions from the capture page in Chromium, on the real routes and
 * models: a canvas camera that follows the instructions and whose face takes the light screen's
 * colours, and the same follower with no light on its face, as a replay of someone following.
 */
describe('a movement-and-light session run from the capture page', () => {
  let running: RunningApp;
  let origin: string;
  let pictures: FollowerPictures;
  let browser: Browser;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    const frames = new SyntheticFrames();
    [running, pictures, browser] = await Promise.all([
      startApp({ LIVENESS_CHALLENGE: 'movementAndLight' }, { random: new SeededRandom(28) }),
      renderFollower(frames.person(KIT), 1).finally(() => frames.close()),
      launchChromium(),
    ]);
    await running.app.listen(0, '127.0.0.1');
    origin = `http://127.0.0.1:${(running.app.getHttpServer().address() as AddressInfo).port}`;
  }, 60_000);
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });
  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  async function openCapture(initScript: string): Promise<{ id: string; page: Page; problems: string[] }> {
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
    await page.addInitScript({ content: initScript });
    await page.goto(`${origin}${captureUrl}`);
    return { id, page, problems };
  }

  /** Runs a session to its end; `seen` lists the instructions the camera followed, `sawLight` whether one was `light`. */
  async function runToEnd(initScript: string): Promise<SessionOutcome & { seen: string[]; sawLight: boolean; problems: string[] }> {
    const { id, page, problems } = await openCapture(initScript);
    await page.locator('#instruction', { hasText: DONE }).waitFor();
    const seen = await page.evaluate<string[]>('window.__followingCamera.seen');
    const response = await running.http().get(`/session/${id}`).set(AUTH);
    const { status, reasons } = response.body as SessionOutcome;
    return { status, reasons, seen, sawLight: seen.includes('light'), problems };
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
