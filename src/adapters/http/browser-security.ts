import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';

/**
 * helmet's headers on every response. Its default Content-Security-Policy already suits Swagger UI
 * at /docs (scripts only from this origin, which is all Nest's page loads; inline styles and data:
 * images, which the UI uses). Only `upgrade-insecure-requests` goes: a local run serves plain http,
 * and the browser would send /docs' scripts to an https port nobody listens on.
 */
export function securityHeaders(): ReturnType<typeof helmet> {
  return helmet({ contentSecurityPolicy: { directives: { 'upgrade-insecure-requests': null } } });
}

/**
 * Lets browser apps on `origins` call the API (CORS stays off when the list is empty). No
 * credentials: the token travels in a header the app sets, never in a cookie.
 */
export function enableCors(app: NestExpressApplication, origins: readonly string[]): void {
  if (origins.length === 0) return;
  app.enableCors({
    origin: [...origins],
    methods: ['GET', 'POST', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
    exposedHeaders: ['X-Request-Id', 'Retry-After'],
    maxAge: 600,
  });
}
