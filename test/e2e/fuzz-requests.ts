import fc, { type Arbitrary } from 'fast-check';
import { TOKEN } from './harness.js';

/** One generated HTTP request. */
export interface FuzzRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
}

/** Encoded images to start from: some decode (and so reach the face engine), most are there to be broken. */
export interface FuzzImages {
  /** Small valid JPEGs and PNGs, one with a face. */
  readonly valid: readonly Buffer[];
  /** Refused by design: under 64×64, animated, declaring 50000×50000. */
  readonly refused: readonly Buffer[];
}

const PRINTABLE = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 40 });
const JPEG_MAGIC = Buffer.from([0xff, 0xd8, 0xff]);
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function flipBits(bytes: Buffer, flips: readonly { at: number; bit: number }[], headerOnly: boolean): Buffer {
  const out = Buffer.from(bytes);
  const span = headerOnly ? Math.min(out.length, 64) : out.length;
  for (const { at, bit } of flips) out[at % span] ^= 1 << bit;
  return out;
}

/**
 * Image bytes, weighted so that most fail fast (sniffing, header, truncation) and few reach the
 * engine: that keeps thousands of requests within the test's time.
 */
function imageBytes(images: FuzzImages, validWeight: number): Arbitrary<Buffer> {
  const valid = fc.constantFrom(...images.valid);
  const flips = fc.array(fc.record({ at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }), { minLength: 1, maxLength: 6 });
  return fc.oneof(
    { weight: validWeight, arbitrary: valid },
    { weight: 1, arbitrary: fc.tuple(valid, flips).map(([bytes, f]) => flipBits(bytes, f, false)) },
    { weight: 3, arbitrary: fc.tuple(valid, flips).map(([bytes, f]) => flipBits(bytes, f, true)) },
    { weight: 3, arbitrary: fc.tuple(valid, fc.double({ min: 0, max: 0.95, noNaN: true })).map(([bytes, cut]) => bytes.subarray(0, Math.floor(bytes.length * cut))) },
    { weight: 2, arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(JPEG_MAGIC, PNG_MAGIC), fc.uint8Array({ maxLength: 300 })).map(([magic, rest]) => Buffer.concat([magic, rest])) },
    { weight: 2, arbitrary: fc.constantFrom(...images.refused) },
  );
}

/** Base64 as a client might (mis)send it. */
function imagePayload(images: FuzzImages, validWeight: number): Arbitrary<unknown> {
  return fc.tuple(imageBytes(images, validWeight), fc.nat({ max: 19 })).map(([bytes, how]) => {
    const b64 = bytes.toString('base64');
    if (how < 12) return b64;
    if (how < 14) return `data:image/png;base64,${b64}`;
    if (how === 14) return b64.replace(/(.{76})/g, '$1\n');
    if (how === 15) return b64.replace(/\+/g, '-').replace(/\//g, '_');
    if (how === 16) return b64.replace(/=+$/, '');
    if (how === 17) return `${b64}=`;
    return how === 18 ? bytes.length : [b64];
  });
}

// A few tokens used again and again, so retries (201, same session) and conflicts (409) happen.
const requestToken = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('fuzz-a', 'fuzz-b', 'retry-1', 'retry-2', 'retry-3') },
  { weight: 2, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/) },
  { weight: 1, arbitrary: PRINTABLE },
);

type BodyShape = 'session' | 'compare';

/** A valid-shaped body of one POST route, then maybe mutated: a field dropped, added or given another type. */
function objectBody(images: FuzzImages, shape: BodyShape): Arbitrary<Record<string, unknown>> {
  // Storing a reference costs no engine time, so sessions get intact images more often than compares.
  const valid =
    shape === 'session'
      ? fc.record({ clientRequestToken: requestToken, referenceImage: imagePayload(images, 8) }, { requiredKeys: ['clientRequestToken'] })
      : fc.record({ source: imagePayload(images, 2), target: imagePayload(images, 2) });
  const mutation = fc.oneof(
    { weight: 8, arbitrary: fc.constant((body: Record<string, unknown>) => body) },
    fc.tuple(PRINTABLE, fc.jsonValue({ maxDepth: 2 })).map(([key, value]) => (body: Record<string, unknown>) => ({ ...body, [key]: value })),
    fc.constant((body: Record<string, unknown>) => Object.fromEntries(Object.entries(body).slice(1))),
    fc.jsonValue({ maxDepth: 2 }).map((value) => (body: Record<string, unknown>) => ({ ...body, [Object.keys(body)[0] ?? 'x']: value })),
  );
  return fc.tuple(valid, mutation, mutation).map(([body, first, second]) => second(first(body)));
}

function body(images: FuzzImages, shape: BodyShape): Arbitrary<string | Buffer | undefined> {
  const json = objectBody(images, shape).map((value) => JSON.stringify(value));
  return fc.oneof(
    { weight: 12, arbitrary: json },
    { weight: 1, arbitrary: fc.tuple(json, fc.nat()).map(([text, cut]) => text.slice(0, cut % (text.length + 1))) },
    { weight: 1, arbitrary: fc.json({ maxDepth: 3 }) },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

function sessionPath(sessionIds: readonly string[]): Arbitrary<string> {
  const id = fc.oneof(
    fc.constantFrom(...sessionIds),
    fc.uuid(),
    fc.constantFrom('..%2F..%2Fetc%2Fpasswd', '%2e%2e', '..', '%00', 'a%00b', '%', '%zz', '00000000-0000-0000-0000-000000000000'),
    fc.string({ maxLength: 40 }).map(encodeURIComponent),
  );
  return id.map((s) => `/session/${s}`);
}

function path(sessionIds: readonly string[]): Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('/session', '/compare') },
    { weight: 6, arbitrary: sessionPath(sessionIds) },
    { weight: 2, arbitrary: fc.constantFrom('/health', '/metrics', '/openapi.json', '/docs', '/', '/session/', '/compare/x', '/%', '/%zz', '/liveness', '/liveness/capture.js', '/liveness/x') },
    { weight: 2, arbitrary: fc.webPath().map((p) => (p.startsWith('/') ? p : `/${p}`)) },
  );
}

function headers(): Arbitrary<Record<string, string>> {
  const authorization = fc.oneof(
    { weight: 12, arbitrary: fc.constant(`Bearer ${TOKEN}`) },
    { weight: 1, arbitrary: fc.constantFrom('Bearer', 'Bearer ', `bearer ${TOKEN}`, `Bearer  ${TOKEN}`, `Bearer ${TOKEN} `, `Bearer ${TOKEN.slice(0, -1)}`, `Basic ${TOKEN}`, `Bearer ${'a'.repeat(4000)}`) },
    { weight: 1, arbitrary: PRINTABLE },
  );
  const contentType = fc.oneof(
    { weight: 10, arbitrary: fc.constant('application/json') },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'application/json; charset=utf-8', 'application/json; charset=utf-16', 'application/json; charset=latin1', 'text/plain',
        'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/octet-stream', 'application/merge-patch+json', 'nonsense',
      ),
    },
  );
  // Each header is sent or not, in the given proportion.
  const sent = <T>(arbitrary: Arbitrary<T>, present: number, absent: number) =>
    fc.oneof({ weight: present, arbitrary }, { weight: absent, arbitrary: fc.constant(undefined) });
  return fc
    .record({
      Authorization: sent(authorization, 9, 1),
      'Content-Type': sent(contentType, 15, 1),
      'Content-Encoding': sent(fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x-unknown'), 1, 9),
      'X-Request-Id': sent(fc.oneof(fc.uuid(), PRINTABLE), 1, 3),
      Origin: sent(fc.constantFrom('https://evil.example', 'null', 'http://localhost:5173'), 1, 3),
      Accept: sent(fc.constantFrom('*/*', 'application/json', 'text/html'), 1, 3),
    })
    .map((h) => Object.fromEntries(Object.entries(h).filter(([, value]) => value !== undefined)) as Record<string, string>);
}

/** A session the fuzzer can send liveness frames to, and its capture token. */
export interface FuzzCapture {
  readonly sessionId: string;
  readonly token: string;
}

/** The liveness routes below a session: frames (capture token) and the kept pictures (API token). */
function livenessPath(sessionIds: readonly string[]): Arbitrary<string> {
  const below = fc.oneof(
    fc.constant('/frames'),
    fc.constant('/reference-image'),
    fc.oneof(fc.nat({ max: 5 }).map(String), fc.constantFrom('-1', '1.5', '99999999999999999999', '%00'), PRINTABLE.map(encodeURIComponent)).map((n) => `/audit-images/${n}`),
  );
  return fc.tuple(sessionPath(sessionIds), below).map(([session, rest]) => `${session}${rest}`);
}

/** A frame as the capture page sends it, or not quite: raw image bytes, a capture token, maybe a light time. */
function frameRequest(images: FuzzImages, sessionIds: readonly string[], captures: readonly FuzzCapture[]): Arbitrary<{ path: string; body: Buffer; frameHeaders: Record<string, string> }> {
  const capture = fc.constantFrom(...captures);
  const path = fc.oneof({ weight: 4, arbitrary: capture.map(({ sessionId }) => `/session/${sessionId}/frames`) }, { weight: 1, arbitrary: livenessPath(sessionIds) });
  const authorization = fc.oneof(
    { weight: 6, arbitrary: capture.map(({ token }) => `Bearer ${token}`) },
    { weight: 1, arbitrary: capture.map(({ token }) => `Bearer ${token.slice(0, -1)}x`) },
    { weight: 1, arbitrary: capture.map(({ sessionId }) => `Bearer ${sessionId}.${'A'.repeat(43)}`) },
    { weight: 1, arbitrary: fc.constantFrom(`Bearer ${TOKEN}`, 'Bearer', 'Bearer .', `Basic ${TOKEN}`) },
    { weight: 1, arbitrary: PRINTABLE },
  );
  const contentType = fc.constantFrom('image/jpeg', 'image/jpeg', 'image/png', 'application/octet-stream', 'text/plain', 'image/gif');
  const lightTime = fc.oneof(fc.integer({ min: -5000, max: 30_000 }).map(String), fc.constantFrom('', 'NaN', 'Infinity', '1e308', '-0'), PRINTABLE);
  const frameHeaders = fc
    .record({ Authorization: authorization, 'Content-Type': contentType, 'X-Light-Time': lightTime }, { requiredKeys: ['Authorization', 'Content-Type'] })
    .map((h) => h as Record<string, string>);
  // Frames go through the engine when they decode: valid images stay rare so thousands fit in the test's time.
  return fc.record({ path, body: imageBytes(images, 1), frameHeaders });
}

/** A request to any route, with any method, headers and body; well-aimed ones common enough to go deep. */
export function fuzzRequest(images: FuzzImages, sessionIds: readonly string[], captures: readonly FuzzCapture[]): Arbitrary<FuzzRequest> {
  const anyMethod = fc.constantFrom('GET' as const, 'POST' as const, 'PUT' as const, 'PATCH' as const, 'DELETE' as const, 'HEAD' as const, 'OPTIONS' as const);
  const aimed = fc.oneof(
    fc.record({ method: fc.constant('POST' as const), path: fc.constant('/session'), body: body(images, 'session') }),
    fc.record({ method: fc.constant('POST' as const), path: fc.constant('/compare'), body: body(images, 'compare') }),
    fc.record({ method: fc.constantFrom('GET' as const, 'DELETE' as const), path: sessionPath(sessionIds), body: fc.constant(undefined) }),
    fc.record({ method: fc.constant('GET' as const), path: fc.constantFrom('/health', '/metrics'), body: fc.constant(undefined) }),
    fc.record({ method: fc.constant('GET' as const), path: livenessPath(sessionIds), body: fc.constant(undefined) }),
    frameRequest(images, sessionIds, captures).map(({ path, body, frameHeaders }) => ({ method: 'POST' as const, path, body, frameHeaders })),
  );
  const anywhere = fc.record({ method: anyMethod, path: path(sessionIds), body: fc.oneof(body(images, 'session'), body(images, 'compare')) });
  return fc
    .record({ target: fc.oneof({ weight: 3, arbitrary: aimed }, { weight: 1, arbitrary: anywhere }), headers: headers() })
    .map(({ target, headers }) => {
      // A frame carries its own Authorization (the capture token) and Content-Type over the generic ones.
      const own = 'frameHeaders' in target ? target.frameHeaders : {};
      return {
        method: target.method,
        path: target.path,
        headers: { ...headers, ...own },
        body: target.method === 'GET' || target.method === 'HEAD' ? undefined : target.body,
      };
    });
}
