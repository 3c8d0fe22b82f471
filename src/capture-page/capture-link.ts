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
 * The session's frames route, resolved against the page's own address rather than the host root:
 * behind API Gateway everything lives under the stage path (…/v1/liveness, …/v1/session/…).
 */
export function framesEndpoint(link: CaptureLink, document: Document): URL {
  return new URL(`session/${encodeURIComponent(link.sessionId)}/frames`, document.baseURI);
}
