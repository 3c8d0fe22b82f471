import { framesEndpoint, readCaptureLink } from './capture-link.js';
import { CameraUnavailable, startCamera, stopCamera } from './camera.js';
import { runChallenge } from './challenge-loop.js';
import { CaptureView } from './capture-view.js';
import { FrameGrabber } from './frame-grabber.js';
import { postFrame } from './frames-client.js';
import { MESSAGES } from './messages.js';

/** Long enough to read "Done — thank you" before the caller's page replaces it. */
const REDIRECT_DELAY_MS = 1000;

async function capture(view: CaptureView): Promise<void> {
  const link = readCaptureLink(window.location);
  if (!link) return view.showProblem(MESSAGES.incompleteLink);
  const endpoint = framesEndpoint(link, document);
  const stream = await startCamera(view.preview);
  // Leaving the page must switch the camera light off at once, whatever the loop is doing.
  window.addEventListener('pagehide', () => stopCamera(stream));
  view.showAnswer({ instruction: 'center_face', progress: 0, hint: null, returnUrl: null });
  const grabber = new FrameGrabber(view.preview, stream);
  const end = await runChallenge({
    grabFrame: () => grabber.grab(),
    sendFrame: (frame) => postFrame(endpoint, link.token, frame),
    showAnswer: (answer) => view.showAnswer(answer),
    showHint: (text) => view.showHint(text),
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
