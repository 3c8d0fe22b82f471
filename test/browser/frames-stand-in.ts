import type { Page } from 'playwright-core';

/** One answer of the stand-in frames route. */
export interface Reply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: object;
}

export const ok = (body: object): Reply => ({ status: 200, body });

/** An error answer in the service's one error shape. */
export const failure = (status: number, code: string, headers?: Record<string, string>): Reply => ({
  status,
  headers,
  body: { statusCode: status, code, message: `stand-in ${code}`, requestId: `req-${code.toLowerCase()}` },
});

export interface SentFrame {
  /** performance.now() when the frame arrived. */
  readonly at: number;
  readonly path: string;
  readonly authorization: string | undefined;
  readonly contentType: string | undefined;
  readonly body: Buffer | null;
  /** The page's instruction and hint when the frame arrived: its reading of the previous answer. */
  readonly shown: readonly [string, string];
  /** Earlier frames still unanswered when this one arrived: 0 for a page that waits for each answer. */
  readonly unansweredBefore: number;
  /** The X-Light-Time header, null without one. */
  readonly lightTime: number | null;
  /** The light screen's colour when the frame arrived, as rgb(r, g, b); '' while it is hidden. */
  readonly screen: string;
}

/** Picks the answer to each frame, given every frame so far, this one last. */
export type Script = (frames: readonly SentFrame[]) => Reply;

/** The light screen's computed colour, '' while hidden. A string: the tests have no DOM types. */
const SCREEN_COLOUR = "(() => { const s = document.getElementById('light-screen'); return !s || s.hidden ? '' : getComputedStyle(s).backgroundColor; })()";

/** How long the stand-in takes to answer a frame. */
export const ANSWER_DELAY_MS = 60;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The capture route's answer for a session that takes our own, embedded check. */
export const EMBEDDED = ok({ provider: 'embedded', returnUrl: null });

/** One request of the page to the stand-in capture route. */
export interface CaptureRequest {
  readonly path: string;
  readonly authorization: string | undefined;
}

/**
 * Answers the page's GET /session/:id/capture in place of the server with `reply`, and records
 * each request. Registered after standInForFrames, it overrides the embedded answer that one gives.
 */
export async function standInForCapture(page: Page, reply: Reply): Promise<CaptureRequest[]> {
  const requests: CaptureRequest[] = [];
  await page.route('**/session/*/capture', async (route) => {
    const request = route.request();
    requests.push({ path: new URL(request.url()).pathname, authorization: request.headers()['authorization'] });
    await route.fulfill({ status: reply.status, headers: reply.headers, contentType: 'application/json', body: JSON.stringify(reply.body) });
  });
  return requests;
}

/**
 * Answers the page's POST /session/:id/frames in place of the server, one scripted reply per frame
 * (the last one repeating) or the reply `replies` picks, and records every frame. The capture
 * route, which the page asks first, answers that the session takes the embedded check.
 */
export async function standInForFrames(page: Page, replies: readonly Reply[] | Script): Promise<SentFrame[]> {
  await standInForCapture(page, EMBEDDED);
  const script: Script = typeof replies === 'function' ? replies : (frames) => replies[Math.min(frames.length, replies.length) - 1];
  const frames: SentFrame[] = [];
  let inFlight = 0;
  await page.route('**/session/*/frames', async (route) => {
    const request = route.request();
    const text = async (selector: string) => (await request.frame().locator(selector).textContent()) ?? '';
    const lightTime = request.headers()['x-light-time'];
    const frame: SentFrame = {
      at: performance.now(),
      path: new URL(request.url()).pathname,
      authorization: request.headers()['authorization'],
      contentType: request.headers()['content-type'],
      body: request.postDataBuffer(),
      unansweredBefore: inFlight++,
      lightTime: lightTime === undefined ? null : Number(lightTime),
      screen: await request.frame().evaluate<string>(SCREEN_COLOUR),
      shown: [await text('#instruction'), await text('#hint')],
    };
    frames.push(frame);
    // A server takes a moment: the page must wait for the answer before it sends again.
    await sleep(ANSWER_DELAY_MS);
    const reply = script(frames);
    inFlight--;
    await route.fulfill({ status: reply.status, headers: reply.headers, contentType: 'application/json', body: JSON.stringify(reply.body) });
  });
  return frames;
}
