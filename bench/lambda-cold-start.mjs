// Child process of bench:lambda: a fresh Node process, as a Lambda container's first invocation.
// performance.now() counts from process start. argv: <bundle path> <session id>.
const [bundle, sessionId] = process.argv.slice(2);
const imported = await import(bundle);
const importMs = performance.now();

const event = {
  httpMethod: 'GET',
  path: `/session/${sessionId}`,
  resource: '/{proxy+}',
  headers: { Authorization: `Bearer ${process.env.API_TOKEN}` },
  multiValueHeaders: { Authorization: [`Bearer ${process.env.API_TOKEN}`] },
  queryStringParameters: null,
  multiValueQueryStringParameters: null,
  pathParameters: { proxy: `session/${sessionId}` },
  body: null,
  isBase64Encoded: false,
  requestContext: { httpMethod: 'GET', path: `/prod/session/${sessionId}`, stage: 'prod', requestId: 'bench', identity: { sourceIp: '127.0.0.1' } },
};
const context = { awsRequestId: 'bench', getRemainingTimeInMillis: () => 15_000 };

const answers = [];
for (let i = 1; i <= 10; i++) {
  const started = performance.now();
  const result = await imported.handler(event, context);
  answers.push({ status: result.statusCode, doneAt: performance.now(), took: performance.now() - started });
}
// On a line of its own, marked: the app's log lines share stdout.
process.stdout.write(`\ncold-start ${JSON.stringify({ importMs, answers })}\n`);
process.exit(0);
