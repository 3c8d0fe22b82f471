import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchChromium, type ServedApp, serveApp } from './browser.js';
import { newWatchedPage, type WatchedPage } from './capture-sessions.js';
import { fakeCameraArgs } from './fake-camera.js';

export interface StandInCapture {
  /** The app serving the page (and its headers) for the spec; the stand-in answers the page's API calls. */
  served(): ServedApp;
  /** A fresh watched page in its own context, closed after the test. */
  newPage(permissions?: readonly string[]): Promise<WatchedPage>;
}

/**
 * The Jest hooks of a spec whose page talks to a stand-in (frames-stand-in.ts): the app served
 * with `env`, Chromium whose fake camera shows `photo`, and one page context per test, closed after
 * it. Call at describe level.
 */
export function useStandInCapture(photo: string, env: Record<string, string> = {}): StandInCapture {
  let served: ServedApp | undefined;
  let browser: Browser | undefined;
  let workDir: string;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'facecheck-browser-'));
    [served, browser] = await Promise.all([serveApp(env), fakeCameraArgs(photo, workDir).then(launchChromium)]);
  });
  afterEach(async () => {
    // The page may be mid-frame: its route handlers must not answer into a closed context.
    await Promise.all(context?.pages().map((page) => page.unrouteAll({ behavior: 'ignoreErrors' })) ?? []);
    await context?.close();
    context = undefined;
  });
  afterAll(async () => {
    await browser?.close();
    await served?.close();
    await rm(workDir, { recursive: true, force: true });
  });

  return {
    served: () => served as ServedApp,
    async newPage(permissions) {
      const watched = await newWatchedPage(browser as Browser, permissions);
      context = watched.context;
      return watched;
    },
  };
}
