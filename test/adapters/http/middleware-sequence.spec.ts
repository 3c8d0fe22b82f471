import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { inSequence } from '../../../src/adapters/http/middleware-sequence.js';

const req = {} as Request;
const res = {} as Response;

/** Runs `handlers` as one middleware and returns what reached Express's `next`, and each call made. */
function run(...handlers: RequestHandler[]): { nextCalls: unknown[][] } {
  const nextCalls: unknown[][] = [];
  inSequence(...handlers)(req, res, ((...args: unknown[]) => void nextCalls.push(args)) as NextFunction);
  return { nextCalls };
}

describe('inSequence', () => {
  it('runs the middleware in order with the same request and response, then calls next once, without an error', () => {
    const seen: string[] = [];
    const step = (name: string): RequestHandler => (request, response, next) => {
      seen.push(request === req && response === res ? name : `${name} on another request`);
      next();
    };

    const { nextCalls } = run(step('a'), step('b'), step('c'));

    expect(seen).toEqual(['a', 'b', 'c']);
    expect(nextCalls).toEqual([[undefined]]);
  });

  it('waits for a middleware that calls next later (a body parser reading the body)', async () => {
    const seen: string[] = [];
    const later: RequestHandler = (_request, _response, next) => void setImmediate(() => next());
    const nextCalls: unknown[][] = [];
    const finished = new Promise<void>((resolve) => {
      inSequence(later, (_request, _response, next) => {
        seen.push('after');
        next();
      })(req, res, ((...args: unknown[]) => {
        nextCalls.push(args);
        resolve();
      }) as NextFunction);
    });

    expect(seen).toEqual([]);
    await finished;
    expect(seen).toEqual(['after']);
    expect(nextCalls).toEqual([[undefined]]);
  });

  it('skips the rest and hands Express the error a middleware passed to next', () => {
    const failure = new Error('body too large');
    let reachedAfter = false;

    const { nextCalls } = run(
      (_request, _response, next) => next(failure),
      () => {
        reachedAfter = true;
      },
    );

    expect(reachedAfter).toBe(false);
    expect(nextCalls).toEqual([[failure]]);
  });

  it('hands Express what a middleware threw, as Express does', () => {
    const failure = new Error('bad header');
    let reachedAfter = false;

    const { nextCalls } = run(
      () => {
        throw failure;
      },
      () => {
        reachedAfter = true;
      },
    );

    expect(reachedAfter).toBe(false);
    expect(nextCalls).toEqual([[failure]]);
  });

  it('hands Express the rejection of an async middleware', async () => {
    const failure = new Error('lookup failed');
    const nextCalls: unknown[][] = [];
    const handed = new Promise<void>((resolve) => {
      inSequence(async () => {
        throw failure;
      })(req, res, ((...args: unknown[]) => {
        nextCalls.push(args);
        resolve();
      }) as NextFunction);
    });

    await handed;
    expect(nextCalls).toEqual([[failure]]);
  });

  it('with no middleware, only calls next', () => {
    expect(run().nextCalls).toEqual([[undefined]]);
  });
});
