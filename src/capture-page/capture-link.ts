import { LINK_REFUSALS, MESSAGES } from './messages.js';

/** What the capture link carries: `/liveness?session=<id>#token=<capture token>`. */
export interface CaptureLink {
  readonly sessionId: string;
  /** In the fragment, which the browser never sends: it stays out of server logs and Referer headers. */
  readonly token: string;
}

export function readCaptureLink(location: Location): CaptureLink | null {
  const sessionId = new URLSearchParams(location.search).get('session');
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  return sessionId && token ? { sessionId, token } : null;
}

/**
 * One of the session's capture-token routes, resolved against the page's own address rather than
 * the host root: behind API Gateway everything lives under the stage path (…/v1/liveness, …/v1/session/…).
 */
export function sessionEndpoint(link: CaptureLink, route: 'frames' | 'capture', document: Document): URL {
  return new URL(`session/${encodeURIComponent(link.sessionId)}/${route}`, document.baseURI);
}

/** What the page reads of an error body: the code, and the requestId that support can look up in the logs. */
export interface ErrorBody {
  readonly code: string | null;
  readonly requestId: string | null;
}

export function errorBody(body: unknown): ErrorBody {
  const { code, requestId } = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  return { code: typeof code === 'string' ? code : null, requestId: typeof requestId === 'string' ? requestId : null };
}

/** What the capture route says about the session: which check the page runs. */
export type CaptureSettings =
  | { readonly provider: 'embedded'; readonly returnUrl: string | null }
  | RekognitionSettings;

/** Amazon Rekognition Face Liveness, run in the browser with guest credentials of a Cognito identity pool. */
export interface RekognitionSettings {
  readonly provider: 'rekognition';
  readonly livenessSessionId: string;
  readonly region: string;
  readonly identityPoolId: string;
  readonly returnUrl: string | null;
}

/** The link cannot be used; `message` says what the user can do about it. */
export class CaptureRefused extends Error {
  constructor(
    message: string,
    /** The server's requestId, for support. */
    readonly reference: string | null = null,
  ) {
    super(message);
  }
}

/** GETs the session's capture route with the capture token; throws CaptureRefused when the page cannot go on. */
export async function readCaptureSettings(link: CaptureLink, document: Document): Promise<CaptureSettings> {
  const endpoint = sessionEndpoint(link, 'capture', document);
  let response: Response;
  try {
    response = await fetch(endpoint, { headers: { Authorization: `Bearer ${link.token}` }, cache: 'no-store' });
  } catch {
    throw new CaptureRefused(MESSAGES.offline);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new CaptureRefused(refusalMessage(response.status), errorBody(body).requestId);
  const settings = parseSettings(body);
  if (!settings) throw new CaptureRefused(MESSAGES.unexpected);
  return settings;
}

function refusalMessage(status: number): string {
  if (status === 429 || status >= 500) return MESSAGES.serviceBusy;
  return LINK_REFUSALS[status] ?? MESSAGES.unexpected;
}

function parseSettings(body: unknown): CaptureSettings | null {
  if (typeof body !== 'object' || body === null) return null;
  const { provider, returnUrl = null, livenessSessionId, region, identityPoolId } = body as Record<string, unknown>;
  if (returnUrl !== null && typeof returnUrl !== 'string') return null;
  if (provider === 'embedded') return { provider, returnUrl };
  if (provider !== 'rekognition' || !isText(livenessSessionId) || !isText(region) || !isText(identityPoolId)) return null;
  return { provider, livenessSessionId, region, identityPoolId, returnUrl };
}

const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';
