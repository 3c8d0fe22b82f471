import { AUTH, type RunningApp, startApp } from './harness.js';

const UNKNOWN_SESSION = '/session/0f8e2a9c-4b7d-4a55-9d1e-6f0c3b2a1e90';
const APP_ORIGIN = 'https://app.example';

function preflight(running: RunningApp, origin: string) {
  return running
    .http()
    .options('/session')
    .set('Origin', origin)
    .set('Access-Control-Request-Method', 'POST')
    .set('Access-Control-Request-Headers', 'authorization,content-type');
}

/** What every answer carries, page or data. */
function expectCommonHeaders(headers: Record<string, string>): void {
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['strict-transport-security']).toMatch(/max-age=\d+/);
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['cross-origin-resource-policy']).toBe('same-origin');
  expect(headers['x-powered-by']).toBeUndefined();
}

/** An API answer is data: nothing loads from it, nothing frames it, nothing keeps it. */
function expectApiHeaders(headers: Record<string, string>): void {
  expectCommonHeaders(headers);
  expect(headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['cache-control']).toBe('no-store');
}

describe('security headers and CORS, by default', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp();
  });
  afterAll(async () => {
    await running.close();
  });

  it('sets the API security headers on a success, an error and an unknown route', async () => {
    const ok = await running.http().get('/health');
    const unauthorized = await running.http().get(UNKNOWN_SESSION);
    const unknown = await running.http().get('/nowhere');

    expect(ok.status).toBe(200);
    expectApiHeaders(ok.headers);
    expect(unauthorized.status).toBe(401);
    expectApiHeaders(unauthorized.headers);
    expect(unknown.status).toBe(404);
    expectApiHeaders(unknown.headers);
  });

  it('leaves out the headers that only concern documents from API answers', async () => {
    const { headers } = await running.http().get('/health');

    for (const name of ['cross-origin-opener-policy', 'origin-agent-cluster', 'x-dns-prefetch-control', 'x-download-options', 'x-permitted-cross-domain-policies', 'x-xss-protection']) {
      expect([name, headers[name]]).toEqual([name, undefined]);
    }
  });

  it('serves Swagger UI whose scripts and styles the policy admits and that all load', async () => {
    const page = await running.http().get('/docs');
    const policy = page.headers['content-security-policy'];
    const assets = [...page.text.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="([^"]+)"/g)].map((m) => new URL(m[1], 'http://local/docs').pathname);
    const inlineScripts = page.text.match(/<script(?![^>]*\bsrc=)[^>]*>/g) ?? [];

    expect(page.status).toBe(200);
    expectCommonHeaders(page.headers);
    expect(page.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).toMatch(/style-src [^;]*'unsafe-inline'/);
    expect(policy).not.toContain('upgrade-insecure-requests');
    expect(inlineScripts).toEqual([]);
    expect(assets).toEqual(expect.arrayContaining(['/docs/swagger-ui.css', '/docs/swagger-ui-bundle.js', '/docs/swagger-ui-init.js']));
    for (const asset of assets) {
      const res = await running.http().get(asset);
      expect([asset, res.status]).toEqual([asset, 200]);
    }
  });

  it('answers no CORS headers to a browser on another origin', async () => {
    const options = await preflight(running, APP_ORIGIN);
    const get = await running.http().get(UNKNOWN_SESSION).set(AUTH).set('Origin', APP_ORIGIN);

    expect(options.headers['access-control-allow-origin']).toBeUndefined();
    expect(get.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('CORS with CORS_ORIGINS set', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp({ CORS_ORIGINS: `${APP_ORIGIN}, https://admin.example:8443` });
  });
  afterAll(async () => {
    await running.close();
  });

  it('allows a preflight from a listed origin, with the token header, before any authentication', async () => {
    const res = await preflight(running, APP_ORIGIN);

    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(APP_ORIGIN);
    expect(res.headers['access-control-allow-methods']).toContain('POST');
    expect(res.headers['access-control-allow-headers']).toMatch(/authorization/i);
  });

  it('lets the browser read X-Request-Id from a listed origin\'s responses', async () => {
    const res = await running.http().get(UNKNOWN_SESSION).set(AUTH).set('Origin', 'https://admin.example:8443');

    expect(res.status).toBe(404);
    expect(res.headers['access-control-allow-origin']).toBe('https://admin.example:8443');
    expect(res.headers['access-control-expose-headers']).toContain('X-Request-Id');
  });

  it('does not allow a preflight from an origin that is not listed', async () => {
    const res = await preflight(running, 'https://evil.example');

    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});
