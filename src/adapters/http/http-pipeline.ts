import type { NestExpressApplication } from '@nestjs/platform-express';
import { json, raw } from 'express';
import type { Logger } from 'pino';
import type { AppConfig } from '../../config/app-config.js';
import { AppMetrics } from '../metrics/app-metrics.js';
import { corsFor, securityHeaders } from './browser-security.js';
import { FRAME_MEDIA_TYPES } from './frames.controller.js';
import { inSequence } from './middleware-sequence.js';
import { requestLogger } from './request-log.js';
import { onRequestDone } from './request-outcome.js';
import { requestIdMiddleware } from './request-id.middleware.js';

/** The Express middleware in front of Nest's routes, in the one order that works. */
export function useHttpPipeline(app: NestExpressApplication, config: AppConfig, logger: Logger): void {
  const metrics = app.get(AppMetrics);
  const logRequest = requestLogger(logger);
  app.use(
    inSequence(
      // The id first: every later step, log line and error body can then name the request.
      requestIdMiddleware,
      onRequestDone((req, outcome) => {
        logRequest(req, outcome);
        metrics.observeRequest(outcome);
      }),
      // Before anything that can fail, so that error responses carry the headers too; CORS before the
      // guards, so a preflight (which has no token) is answered rather than refused with 401.
      securityHeaders(config.rekognition.capture),
      ...corsFor(config.corsOrigins),
      json({ limit: config.bodyLimitBytes }),
      // Liveness frames come as raw image bytes (see FramesController); other routes then refuse a Buffer body.
      raw({ type: FRAME_MEDIA_TYPES, limit: config.liveness.maxFrameBytes }),
    ),
  );
  app.disable('x-powered-by');
  // No ETag on every answer: API answers are personal data that nobody revalidates, and hashing each
  // body took a tenth of the CPU time of a GET /session/:id here. The capture page's files set their own.
  app.set('etag', false);
}
