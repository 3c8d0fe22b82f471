import type { NextFunction, Request, Response } from 'express';

/** What one request came to, as the request log and the metrics record it. */
export interface RequestOutcome {
  readonly method: string;
  /** The route pattern (`/session/:sessionId`), never the URL: ids would flood metric labels and logs. */
  readonly route: string;
  readonly status: number;
  readonly seconds: number;
  /** The client went away before the response was complete. */
  readonly aborted: boolean;
}

/** The route of requests that matched none: 404s, CORS preflights, Swagger UI's static files. */
export const UNMATCHED_ROUTE = '(unmatched)';

/**
 * Express middleware that reports each request once its response is done. It listens for both
 * `finish` and `close`: a dropped connection only closes, and a Lambda response object only finishes.
 */
export function onRequestDone(report: (req: Request, outcome: RequestOutcome) => void) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    let reported = false;
    const done = () => {
      if (reported) return;
      reported = true;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      report(req, { method: req.method, route: routeOf(req), status: res.statusCode, seconds, aborted: !res.writableFinished });
    };
    res.once('finish', done);
    res.once('close', done);
    next();
  };
}

function routeOf(req: Request): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? `${req.baseUrl}${path}` : UNMATCHED_ROUTE;
}
