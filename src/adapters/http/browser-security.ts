import cors from 'cors';
import type { Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/** The liveness capture page's own address (CapturePageController); its script and stylesheet are never framed. */
const CAPTURE_PAGE = /^\/liveness\/?(?:\?|$)/;
/** What browsers render as pages: Swagger UI and the capture page, with their scripts and stylesheets. */
const PAGES = /^\/(?:docs|liveness)(?:[/?]|$)/;

/**
 * helmet's headers on every response, in three sets.
 *
 * Pages get helmet's defaults. Its default Content-Security-Policy already suits Swagger UI at
 * /docs (scripts only from this origin, which is all Nest's page loads; inline styles and data:
 * images, which the UI uses) and the capture page (its script, stylesheet and frame uploads are all
 * same-origin; a camera MediaStream in a <video> is no fetch, so no media-src is needed). Only
 * `upgrade-insecure-requests` goes: a local run serves plain http, and the browser would send
 * /docs' scripts to an https port nobody listens on.
 *
 * One relaxation, for the capture page alone: any site may show it in an iframe (frame-ancestors *,
 * no X-Frame-Options), because integrators embed it in their own pages. Framing protects pages
 * whose clicks a hidden frame could steal; this one has no button, no secret and no verdict, the
 * capture token in its link is the only authority, and the camera in a frame needs the embedder's
 * own `allow="camera"` and the user's consent to the embedding site.
 *
 * Everything else is an API answer: see apiHeaders.
 */
export function securityHeaders(rekognitionCapture: RekognitionCapture | null): RequestHandler {
  const directives = { 'upgrade-insecure-requests': null };
  const pages = headersSetBy(helmet({ contentSecurityPolicy: { directives } }));
  const pageDirectives = { ...directives, 'frame-ancestors': ['*'], ...(rekognitionCapture ? detectorDirectives(rekognitionCapture) : {}) };
  const capturePage = headersSetBy(helmet({ contentSecurityPolicy: { directives: pageDirectives }, xFrameOptions: false }));
  const api = apiHeaders();
  return (req, res, next) => {
    const url = req.url ?? '';
    const headers = CAPTURE_PAGE.test(url) ? capturePage : PAGES.test(url) ? pages : api;
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  };
}

type HeaderList = ReadonlyArray<readonly [string, string]>;

/**
 * The headers of OWASP's REST Security Cheat Sheet for answers that are data, never a document:
 * a browser that opens one may load nothing, frame it or sniff it, and no cache may keep it (they
 * carry personal data). helmet's headers that only concern documents (cross-origin opener policy,
 * origin-agent cluster, DNS prefetch, IE's download and XSS switches, Flash's cross-domain
 * policies) are left out: they were a third of every answer's bytes, on each status poll.
 */
function apiHeaders(): HeaderList {
  const helmetHeaders = headersSetBy(helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { 'default-src': ["'none'"], 'frame-ancestors': ["'none'"] } },
    crossOriginOpenerPolicy: false,
    originAgentCluster: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xFrameOptions: { action: 'deny' },
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
  }));
  return [['Cache-Control', 'no-store'], ...helmetHeaders];
}

/**
 * The headers `middleware` sets, read once by running it on a stand-in response: helmet's answer
 * does not depend on the request (our directives are fixed at start-up), and replaying it skips its
 * chain of middleware on each response. What it removes (X-Powered-By) Express never sets here.
 */
function headersSetBy(middleware: RequestHandler): HeaderList {
  const headers = new Map<string, string>();
  const response = {
    setHeader: (name: string, value: string) => headers.set(name, value),
    removeHeader: (name: string) => headers.delete(name),
  };
  let done = false;
  middleware({} as Request, response as unknown as Response, () => (done = true));
  if (!done) throw new Error('The security headers middleware did not finish synchronously.');
  return [...headers];
}

/** Where the capture page's Face Liveness client goes in Rekognition mode (AppConfig's rekognition.capture). */
interface RekognitionCapture {
  readonly region: string;
  readonly identityPoolId: string;
}

/**
 * Rekognition mode: Amplify's FaceLivenessDetector on the capture page gets guest credentials from
 * the identity pool's Cognito (its region is the id's prefix), streams the video to Rekognition
 * over a WebSocket, fetches its face model from Rekognition's CDN, and runs TensorFlow.js from
 * WebAssembly, which a script-src without 'wasm-unsafe-eval' does not let the page compile.
 */
function detectorDirectives({ region, identityPoolId }: RekognitionCapture): Record<string, string[]> {
  const poolRegion = identityPoolId.split(':')[0];
  return {
    'connect-src': [
      "'self'",
      `https://cognito-identity.${poolRegion}.amazonaws.com`,
      `wss://streaming-rekognition.${region}.amazonaws.com`,
      'https://cdn.liveness.rekognition.amazonaws.com',
    ],
    'script-src': ["'self'", "'wasm-unsafe-eval'"],
  };
}

/**
 * Lets browser apps on `origins` call the API: no middleware (CORS off) when the list is empty. No
 * credentials: the token travels in a header the app sets, never in a cookie.
 */
export function corsFor(origins: readonly string[]): RequestHandler[] {
  if (origins.length === 0) return [];
  return [
    cors({
      origin: [...origins],
      methods: ['GET', 'POST', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id', 'X-Light-Time'],
      exposedHeaders: ['X-Request-Id', 'Retry-After'],
      maxAge: 600,
    }),
  ];
}
