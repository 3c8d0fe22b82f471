import { fileURLToPath } from 'node:url';
import type { Page, WebSocketRoute } from 'playwright-core';
import { failure, ok, standInForCapture } from './frames-stand-in.js';
import { useStandInCapture } from './stand-in-capture.js';

const PHOTO = fileURLToPath(new URL('../fixtures/liveness/headturn_woman_turned_left.jpg', import.meta.url));
const SESSION_ID = '5f0c8a52-3f4e-4c1b-9a57-2d1e6b7c8f90';
const CAPTURE_TOKEN = 'capture-token-0123456789abcdef';
const REGION = 'eu-west-1';
const IDENTITY_POOL_ID = `${REGION}:7d9e4b1a-2c3f-4a5b-8c6d-0e1f2a3b4c5d`;
/** What the capture route answers for a session in Rekognition mode. */
const REKOGNITION = ok({ provider: 'rekognition', livenessSessionId: '3c5d2f4e-8a1b-4c6d-9e0f-1a2b3c4d5e6f', region: REGION, identityPoolId: IDENTITY_POOL_ID, returnUrl: null });
/** The app as deployed in Rekognition mode: its capture page's policy names the region's AWS hosts. */
const REKOGNITION_ENV = { FACE_PROVIDER: 'rekognition', AWS_REGION: REGION, COGNITO_IDENTITY_POOL_ID: IDENTITY_POOL_ID };
/** Where Amplify asks for guest credentials of the identity pool, and where it streams the video. */
const COGNITO = `https://cognito-identity.${REGION}.amazonaws.com/`;
const STREAMING = `wss://streaming-rekognition.${REGION}.amazonaws.com/`;
const GUEST_KEY_ID = 'ASIASTANDINGUESTKEY';
const UNREACHABLE = "We can't reach the service. Check your connection and reload the page.";

describe('the capture page in Rekognition mode', () => {
  const standIn = useStandInCapture(PHOTO, REKOGNITION_ENV);
  const captureLink = () => `${standIn.served().origin}/liveness?session=${SESSION_ID}#token=${CAPTURE_TOKEN}`;

  /** A fresh page with the camera allowed; `problems` gets its console errors and uncaught errors, `uncaught` the latter only. */
  async function newPage(): Promise<{ page: Page; problems: string[]; uncaught: string[]; loaded: string[] }> {
    const watched = await standIn.newPage();
    const uncaught: string[] = [];
    const loaded: string[] = [];
    watched.page.on('pageerror', (error) => uncaught.push(error.message));
    watched.page.on('request', (request) => loaded.push(request.url()));
    return { ...watched, uncaught, loaded };
  }

  /**
   * Cognito's side of guest credentials, in place of AWS: an identity, then a key for it. Records
   * each call as its X-Amz-Target and body.
   */
  async function standInForCognito(page: Page): Promise<{ target: string | undefined; body: unknown }[]> {
    const calls: { target: string | undefined; body: unknown }[] = [];
    await page.route(`${COGNITO}**`, async (route) => {
      const target = route.request().headers()['x-amz-target'];
      calls.push({ target, body: route.request().postDataJSON() });
      const identity = { IdentityId: `${REGION}:guest` };
      const credentials = { AccessKeyId: GUEST_KEY_ID, SecretKey: 'stand-in-secret', SessionToken: 'stand-in-token', Expiration: Date.now() / 1000 + 3600 };
      const body = target?.endsWith('.GetId') ? identity : { ...identity, Credentials: credentials };
      await route.fulfill({ contentType: 'application/x-amz-json-1.1', headers: { 'Access-Control-Allow-Origin': '*' }, body: JSON.stringify(body) });
    });
    return calls;
  }

  it('serves the Rekognition bundle, its styles and the detector\'s WebAssembly, each with its type, and nothing else', async () => {
    const expected = [
      ['/liveness/rekognition.js', 'text/javascript; charset=utf-8'],
      ['/liveness/rekognition.css', 'text/css; charset=utf-8'],
      ['/liveness/tfjs-backend-wasm.wasm', 'application/wasm'],
      ['/liveness/tfjs-backend-wasm-simd.wasm', 'application/wasm'],
    ];
    for (const [path, type] of expected) {
      const response = await standIn.served().http().get(path);
      expect([path, response.status, response.headers['content-type'], response.headers['cache-control']]).toEqual([path, 200, type, 'no-cache']);
      expect(response.headers['etag']).toMatch(/^"[\w-]{43}"$/);
      expect((await standIn.served().http().get(path).set('If-None-Match', response.headers['etag'])).status).toBe(304);
    }
    const wasm = (await standIn.served().http().get('/liveness/tfjs-backend-wasm.wasm').responseType('arraybuffer')).body as Buffer;
    expect(wasm.subarray(0, 4)).toEqual(Buffer.from('\0asm', 'latin1'));
    for (const path of ['/liveness/index.html', '/liveness/..%2Fmain.js', '/liveness/constructor']) {
      expect([path, (await standIn.served().http().get(path)).status]).toEqual([path, 404]);
    }
  });

  it('lets the page reach Cognito and Rekognition in the configured region, and compile the detector\'s WebAssembly', async () => {
    const policy = (await standIn.served().http().get('/liveness')).headers['content-security-policy'] ?? '';
    const directive = (name: string) => policy.split(';').find((entry) => entry.trim().startsWith(`${name} `))?.trim().split(/\s+/).slice(1) ?? [];
    const { page } = await newPage();
    // Refused, the link runs no check: the page is only the place to compile from.
    await standInForCapture(page, failure(401, 'CAPTURE_TOKEN_EXPIRED'));
    await page.goto(captureLink());

    expect(directive('connect-src')).toEqual(expect.arrayContaining(["'self'", COGNITO.slice(0, -1), STREAMING.slice(0, -1)]));
    const compiled = page.evaluate<string>("WebAssembly.compileStreaming(fetch('liveness/tfjs-backend-wasm-simd.wasm')).then(() => 'compiled', (error) => error.message)");
    await expect(compiled).resolves.toBe('compiled');
  });

  it('loads the Rekognition bundle, shows Amplify\'s detector, and streams to Rekognition with guest credentials of the given pool', async () => {
    const { page, problems, loaded } = await newPage();
    const capture = await standInForCapture(page, REKOGNITION);
    const cognito = await standInForCognito(page);
    // Rekognition's end of the stream never answers: the detector stays on "Connecting...". Should
    // the page give up instead (a policy that blocks AWS, say), the test says why.
    let opened: (stream: WebSocketRoute) => void = () => undefined;
    const streamOpened = new Promise<WebSocketRoute>((resolve) => (opened = resolve));
    await page.routeWebSocket(`${STREAMING}**`, (stream) => opened(stream));
    const gaveUp = page
      .locator('#problem-message')
      .filter({ hasText: /./ })
      .waitFor()
      .then(() => Promise.reject(new Error(`The page gave up before streaming; its console: ${problems.join(' | ')}`)));

    await page.goto(captureLink());
    const stream = await Promise.race([streamOpened, gaveUp]);
    await page.getByText('Connecting...').waitFor();

    expect(await page.getByLabel('Webcam for liveness check').isVisible()).toBe(true);
    expect(await page.locator('#stage').isVisible()).toBe(false);
    expect(capture).toEqual([{ path: `/session/${SESSION_ID}/capture`, authorization: `Bearer ${CAPTURE_TOKEN}` }]);
    expect(cognito).toEqual([
      { target: 'AWSCognitoIdentityService.GetId', body: { IdentityPoolId: IDENTITY_POOL_ID, Logins: {} } },
      { target: 'AWSCognitoIdentityService.GetCredentialsForIdentity', body: { IdentityId: `${REGION}:guest` } },
    ]);
    const streamUrl = new URL(stream.url());
    expect(streamUrl.pathname).toBe('/start-face-liveness-session-websocket');
    expect(streamUrl.searchParams.get('X-Amz-Credential')).toMatch(new RegExp(`^${GUEST_KEY_ID}/\\d{8}/${REGION}/rekognition/aws4_request$`));
    const ownLoads = loaded.filter((url) => url.startsWith(standIn.served().origin)).map((url) => new URL(url).pathname);
    expect(ownLoads).toEqual(expect.arrayContaining(['/liveness/capture.js', '/liveness/rekognition.js', '/liveness/rekognition.css']));
    expect(ownLoads.some((path) => path.endsWith('/frames'))).toBe(false);
    expect(problems).toEqual([]);
  });

  it('says the service cannot be reached when the stream to Rekognition fails, with the detector gone and no uncaught error', async () => {
    const { page, uncaught } = await newPage();
    await standInForCapture(page, REKOGNITION);
    await standInForCognito(page);
    await page.routeWebSocket(`${STREAMING}**`, (route) => route.close({ code: 1011, reason: 'stand-in failure' }));

    await page.goto(captureLink());
    await page.locator('#problem-message', { hasText: UNREACHABLE }).waitFor();

    expect(await page.locator('#detector').isVisible()).toBe(false);
    // The detector is unmounted, its video (and so its camera) with it: only the page's idle preview is left.
    expect(await page.locator('video').count()).toBe(1);
    expect(uncaught).toEqual([]);
  });

  it('says the service cannot be reached when no guest credentials come', async () => {
    const { page, uncaught } = await newPage();
    await standInForCapture(page, REKOGNITION);
    await page.route(`${COGNITO}**`, (route) => route.abort('internetdisconnected'));

    await page.goto(captureLink());
    await page.locator('#problem-message', { hasText: UNREACHABLE }).waitFor();

    expect(uncaught).toEqual([]);
  });

  it('says the link has expired when the capture route refuses the token, and loads no check', async () => {
    const { page, loaded } = await newPage();
    await standInForCapture(page, failure(401, 'CAPTURE_TOKEN_EXPIRED'));

    await page.goto(captureLink());
    await page.locator('#problem-message', { hasText: 'This link has expired. Ask for a new one.' }).waitFor();

    expect(await page.locator('#problem-reference').textContent()).toBe('Reference: req-capture_token_expired');
    expect(loaded.some((url) => url.endsWith('/rekognition.js') || url.endsWith('/frames'))).toBe(false);
  });
});
