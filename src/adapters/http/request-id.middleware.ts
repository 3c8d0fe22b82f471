import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const REQUEST_ID = Symbol('requestId');
// A caller's id is kept only when it is short and plain, so it cannot inject into logs or headers.
const ACCEPTABLE_ID = /^[A-Za-z0-9._-]{1,64}$/;

type WithRequestId = Request & { [REQUEST_ID]?: string };

/** The rest of the request runs inside its id, so a line logged below the HTTP layer can name it. */
const served = new AsyncLocalStorage<string>();

/**
 * Off until code that logs below the HTTP layer asks for it (see `loggerInsideRequests`): on Node 20
 * the context runs a hook for every promise, a tenth of the CPU time of a GET /session/:id here,
 * and the HTTP layer's own lines name the request without it.
 */
let propagating = false;

/** From now on, each request runs inside its id. */
export function propagateRequestIds(): void {
  propagating = true;
}

/** Gives every request an id, echoed in `X-Request-Id` and in error bodies, for support and logs. */
export function requestIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  const incoming = req.header('x-request-id');
  const id = incoming && ACCEPTABLE_ID.test(incoming) ? incoming : randomUUID();
  (req as WithRequestId)[REQUEST_ID] = id;
  res.setHeader('X-Request-Id', id);
  if (propagating) served.run(id, next);
  else next();
}

export function requestIdOf(req: Request): string {
  return (req as WithRequestId)[REQUEST_ID] ?? 'unknown';
}

/** The id of the request being served, or undefined outside any request or while ids do not propagate: log lines read it. */
export function currentRequestId(): string | undefined {
  return served.getStore();
}
