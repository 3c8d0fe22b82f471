import { jest } from '@jest/globals';
import { type ArgumentsHost, Logger } from '@nestjs/common';
import { CompareFacesCommand, InternalServerError, RekognitionClient, ThrottlingException } from '@aws-sdk/client-rekognition';
import { mockClient } from 'aws-sdk-client-mock';
import type { NextFunction, Request, Response } from 'express';
import { DomainErrorFilter } from '../../../src/adapters/http/domain-error.filter.js';
import { requestIdMiddleware } from '../../../src/adapters/http/request-id.middleware.js';
import { RekognitionFaceComparer } from '../../../src/adapters/rekognition/rekognition-face-comparer.js';
import { jpegImage } from '../../fakes/images.js';

const SDK_TEXT = 'Rekognition internal detail arn:aws:rekognition:eu-west-1:123456789012';

/** What the filter wrote: status, headers and JSON body. */
interface Sent {
  status?: number;
  headers: Record<string, string>;
  body?: Record<string, unknown>;
}

/** Runs the request-id middleware and the filter on minimal Express stand-ins, as Nest would. */
function respondTo(exception: unknown, requestId: string): Sent {
  const sent: Sent = { headers: {} };
  const res = {
    setHeader: (name: string, value: string) => void (sent.headers[name.toLowerCase()] = value),
    status(code: number) {
      sent.status = code;
      return this;
    },
    json: (body: Record<string, unknown>) => void (sent.body = body),
  } as unknown as Response;
  const req = { header: (name: string) => (name.toLowerCase() === 'x-request-id' ? requestId : undefined) } as unknown as Request;
  requestIdMiddleware(req, res, (() => undefined) as NextFunction);
  const host = { switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }) } as unknown as ArgumentsHost;
  new DomainErrorFilter().catch(exception, host);
  return sent;
}

describe('Rekognition errors over HTTP', () => {
  const rekognition = mockClient(RekognitionClient);
  const comparer = new RekognitionFaceComparer(new RekognitionClient({ region: 'eu-west-1' }));
  beforeAll(() => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined));
  afterAll(() => jest.restoreAllMocks());
  const failureOf = (sdkError: Error) => {
    rekognition.reset();
    rekognition.on(CompareFacesCommand).rejects(sdkError);
    return comparer.compare(jpegImage(1), jpegImage(2)).then(
      () => {
        throw new Error('compare resolved');
      },
      (e: unknown) => e,
    );
  };

  it('answers a throttled provider with 429, code PROVIDER_THROTTLED and a Retry-After header', async () => {
    const sent = respondTo(await failureOf(new ThrottlingException({ message: SDK_TEXT, $metadata: {} })), 'req-429');

    expect(sent.status).toBe(429);
    expect(sent.headers['retry-after']).toBe('1');
    expect(sent.body).toMatchObject({ statusCode: 429, code: 'PROVIDER_THROTTLED', requestId: 'req-429' });
  });

  it('answers any other provider failure with 502, the request id and a generic message without SDK text', async () => {
    const sent = respondTo(await failureOf(new InternalServerError({ message: SDK_TEXT, $metadata: { requestId: 'aws-1' } })), 'req-502');

    expect(sent.status).toBe(502);
    expect(sent.body).toMatchObject({ statusCode: 502, error: 'Bad Gateway', code: 'PROVIDER_FAILED', requestId: 'req-502' });
    expect(JSON.stringify(sent.body)).not.toContain('arn:aws');
    expect(JSON.stringify(sent.body)).not.toContain('aws-1');
    expect(sent.headers['retry-after']).toBeUndefined();
  });
});
