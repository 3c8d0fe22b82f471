import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Runs Express middleware one after the other as a single one. Express walks its list of
 * middleware and routes for every request, matching each entry's path; middleware that applies to
 * every path gains nothing from that walk, and six separate entries cost a status poll measurably
 * more here. An error (`next(error)`, a throw or a rejected promise) skips the rest, as in Express.
 */
export function inSequence(...handlers: RequestHandler[]): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    let index = 0;
    const proceed = (error?: unknown): void => {
      const handler = handlers[index++];
      if (error !== undefined || handler === undefined) return next(error);
      try {
        const pending: unknown = handler(req, res, proceed);
        if (pending instanceof Promise) pending.catch(next);
      } catch (thrown) {
        next(thrown);
      }
    };
    proceed();
  };
}
