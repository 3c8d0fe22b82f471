import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AUTH } from '../e2e/harness.js';
import type { ServedApp } from './browser.js';

/** A phone-sized page: the capture page is meant for phones first. */
export const PHONE = { viewport: { width: 412, height: 860 }, isMobile: true, hasTouch: true };

/** What the page shows once the server says `done`. */
export const DONE = 'Done — thank you';

/** What GET /session/:id says of the outcome. */
export interface SessionOutcome {
  readonly status: string;
  readonly reasons: readonly string[];
}

export interface WatchedPage {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors (CSP violations included) and uncaught errors of the page. */
  readonly problems: string[];
}

/** A fresh phone-sized page in its own context, its console errors and uncaught errors collected. */
export async function newWatchedPage(browser: Browser, permissions: readonly string[] = ['camera']): Promise<WatchedPage> {
  const context = await browser.newContext({ ...PHONE, permissions: [...permissions] });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return { context, page, problems };
}

export interface OpenCapture {
  readonly id: string;
  readonly page: Page;
  /** Console errors and uncaught errors of the page. */
  readonly problems: string[];
}

/** Creates sessions on the served app, opens their captureUrl in a browser, and reads their outcome. */
export class CaptureSessions {
  private context: BrowserContext | undefined;

  constructor(private readonly served: ServedApp) {}

  async open(browser: Browser, initScript?: string): Promise<OpenCapture> {
    const created = await this.served.http().post('/session').set(AUTH).send({ clientRequestToken: randomUUID() });
    if (created.status !== 201) throw new Error(`POST /session answered ${created.status}.`);
    const { SessionId: id, captureUrl } = created.body as { SessionId: string; captureUrl: string };
    const { context, page, problems } = await newWatchedPage(browser);
    this.context = context;
    if (initScript) await page.addInitScript({ content: initScript });
    await page.goto(`${this.served.origin}${captureUrl}`);
    return { id, page, problems };
  }

  async outcome(id: string): Promise<SessionOutcome> {
    const response = await this.served.http().get(`/session/${id}`).set(AUTH);
    const { status, reasons } = response.body as SessionOutcome;
    return { status, reasons };
  }

  /** Closes the last page's browser context (call after each test). */
  async closePage(): Promise<void> {
    await this.context?.close();
    this.context = undefined;
  }
}
