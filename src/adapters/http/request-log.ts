import type { Request } from 'express';
import type { Logger } from 'pino';
import { requestIdOf } from './request-id.middleware.js';
import type { RequestOutcome } from './request-outcome.js';

/**
 * One line per request. Only these fields are written: never headers (the Authorization token),
 * bodies (images), the URL (session ids, query strings) or anything a response carried.
 */
export function requestLogger(logger: Logger): (req: Request, outcome: RequestOutcome) => void {
  return (req, { method, route, status, seconds, aborted }) => {
    const line = { requestId: requestIdOf(req), method, route, status, durationMs: Math.round(seconds * 10_000) / 10, ...(aborted ? { aborted } : {}) };
    // A 500 is a bug; other 5xx are a dependency or the engine still loading, which health checks poll.
    if (status === 500) logger.error(line, 'request failed');
    else if (status >= 500) logger.warn(line, 'request refused');
    else logger.info(line, 'request');
  };
}
