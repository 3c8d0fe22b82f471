import { framesEndpoint, readCaptureLink } from './capture-link.js';
import { CameraUnavailable, startCamera, stopCamera } from './camera.js';
import { runChallenge } from './challenge-loop.js';
import { CaptureView } from './capture-view.js';
import { FrameGrabber } from './frame-grabber.js';
import { postFrame } from './frames-client.js';
import { LightShow } from './light-show.js';
import { MESSAGES } from './messages.js';

/** Long enough to read "Done — thank you" before the caller's page replaces it. */
const REDIRECT_DELAY_MS = 1000;
/**
 * Time to read the light step's notice, and to leave, before the colours start. Shown whatever
 * prefers-reduced-motion says: the check needs the colours, and the notice says what comes.
 */
const LIGHT_NOTICE_MS = 1500;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function capture(view: CaptureView): Promise<void> {
  const link = readCaptureLink(window.location);
  if (!link) return view.showProblem(MESSAGES.incompleteLink);
  const endpoint = framesEndpoint(link, document);
  const stream = await startCamera(view.preview);
  // Leaving the page must switch the camera light off at once, whatever the loop is doing.
  window.addEventListener('pagehide', () => stopCamera(stream));
  view.showAnswer({ instruction: 'center_face', progress: 0, hint: null, returnUrl: null, light: null });
  const grabber = new FrameGrabber(view.preview, stream);
  const end = await runChallenge({
    grabFrame: () => grabber.grab(),
    sendFrame: (frame, lightTime) => postFrame(endpoint, link.token, frame, lightTime),
    showAnswer: (answer) => view.showAnswer(answer),
    showHint: (text) => view.showHint(text),
    startLight: async (sequence) => {
      view.showLightNotice();
      await sleep(LIGHT_NOTICE_MS);
      view.showLighting();
      const show = new LightShow(view.lightScreen, sequence);
      await show.start();
      return show;
    },
  }).finally(() => stopCamera(stream));
  if (end.kind === 'stopped') return view.showProblem(end.message, end.reference);
  view.showDone();
  const returnUrl = end.returnUrl === null ? null : safeReturnUrl(end.returnUrl);
  if (returnUrl) setTimeout(() => window.location.assign(returnUrl), REDIRECT_DELAY_MS);
}

/** Only web addresses: a `javascript:` returnUrl would run script in this page. */
function safeReturnUrl(candidate: string): URL | null {
  try {
    const url = new URL(candidate, window.location.href);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

const view = new CaptureView(document);
capture(view).catch((error: unknown) => {
  if (error instanceof CameraUnavailable) return view.showProblem(error.message);
  // For whoever opens the developer tools; the user gets the plain message.
  console.error(error);
  view.showProblem(MESSAGES.unexpected);
});
