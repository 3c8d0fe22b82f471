import type { AddressInfo } from 'node:net';
import { type Browser, chromium } from 'playwright-core';
import { type RunningApp, type StartOptions, startApp } from '../e2e/harness.js';

/** Debian's chromium package; playwright-core drives it but downloads no browser of its own. */
const CHROMIUM = '/usr/bin/chromium';

/** Headless in a container: no sandbox, no GPU, and nothing that calls home or updates itself mid-test. */
const QUIET_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: [...QUIET_ARGS, ...extraArgs] });
}

export interface ServedApp extends RunningApp {
  /** Where a browser reaches the app, e.g. http://127.0.0.1:41234. A secure context, as the camera needs. */
  readonly origin: string;
}

/** The real app (harness.ts' startApp) listening on a free loopback port, for a browser to load. */
export async function serveApp(env: Record<string, string> = {}, options: StartOptions = {}): Promise<ServedApp> {
  const running = await startApp(env, options);
  await running.app.listen(0, '127.0.0.1');
  const { port } = running.app.getHttpServer().address() as AddressInfo;
  return { ...running, origin: `http://127.0.0.1:${port}` };
}
