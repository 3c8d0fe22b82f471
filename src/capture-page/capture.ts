import { type CaptureLink, CaptureRefused, readCaptureLink, readCaptureSettings, type RekognitionSettings, sessionEndpoint } from './capture-link.js';
import { CameraUnavailable, startCamera, stopCamera } from './camera.js';
import { type ChallengeEnd, runChallenge } from './challenge-loop.js';
import { CaptureView } from './capture-view.js';
import { FrameGrabber } from './frame-grabber.js';
import { postFrame } from './frames-client.js';
import { LightShow } from './light-show.js';
import { MESSAGES } from './messages.js';
import { outcomeProblem } from './rekognition/rekognition-outcome.js';

type RekognitionBundle = typeof import('./rekognition/rekognition-check.js');

/** Long enough to read "Done — thank you" before the caller's page replaces it. */
const REDIRECT_DELAY_MS = 1000;
/**
 * Time to read the light step's notice, and to leave, before the colours start. Shown whatever
 * prefers-reduced-motion says: the check needs the colours, and the notice says what comes.
 */
const LIGHT_NOTICE_MS = 1500;

/**
 * React and Amplify, for sessions in Rekognition mode only (scripts/build-capture-page.mjs).
 * Relative, like this script: behind API Gateway the page lives under the stage path.
 */
const REKOGNITION_BUNDLE = new URL('liveness/rekognition.js', document.baseURI);

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Asks the server which check this session takes, runs it, then says done and goes back to the caller. */
async function capture(view: CaptureView): Promise<void> {
  const link = readCaptureLink(window.location);
  if (!link) return view.showProblem(MESSAGES.incompleteLink);
  const settings = await readCaptureSettings(link, document);
  const end = settings.provider === 'rekognition' ? await rekognitionCheck(view, settings) : await embeddedCheck(view, link);
  if (end.kind === 'stopped') return view.showProblem(end.message, end.reference);
  view.showDone();
  const returnUrl = end.returnUrl === null ? null : safeReturnUrl(end.returnUrl);
  if (returnUrl) setTimeout(() => window.location.assign(returnUrl), REDIRECT_DELAY_MS);
}

/** Our own challenge: frames to the server, its instructions on screen. */
async function embeddedCheck(view: CaptureView, link: CaptureLink): Promise<ChallengeEnd> {
  const endpoint = sessionEndpoint(link, 'frames', document);
  const stream = await startCamera(view.preview);
  // Leaving the page must switch the camera light off at once, whatever the loop is doing.
  window.addEventListener('pagehide', () => stopCamera(stream));
  view.showAnswer({ instruction: 'center_face', progress: 0, hint: null, returnUrl: null, light: null });
  const grabber = new FrameGrabber(view.preview, stream);
  return runChallenge({
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
}

/** Amazon Rekognition Face Liveness in Amplify's detector; the returnUrl comes with the settings. */
async function rekognitionCheck(view: CaptureView, settings: RekognitionSettings): Promise<ChallengeEnd> {
  const { runRekognitionCheck } = (await import(REKOGNITION_BUNDLE.href)) as RekognitionBundle;
  const outcome = await runRekognitionCheck(view.showDetector(), settings);
  if (outcome.kind === 'complete') return { kind: 'done', returnUrl: settings.returnUrl };
  return { kind: 'stopped', message: outcomeProblem(outcome), reference: null };
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
  if (error instanceof CaptureRefused) return view.showProblem(error.message, error.reference);
  if (error instanceof CameraUnavailable) return view.showProblem(error.message);
  // For whoever opens the developer tools; the user gets the plain message.
  console.error(error);
  view.showProblem(MESSAGES.unexpected);
});
