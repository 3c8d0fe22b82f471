import type { APIGatewayProxyEvent, Context } from 'aws-lambda';

/** An API Gateway REST API (v1) proxy event, as the Lambda integration delivers it. */
export function apiGatewayEvent(method: string, path: string, options: { headers?: Record<string, string>; body?: unknown; base64?: boolean } = {}): APIGatewayProxyEvent {
  const json = options.body === undefined ? null : JSON.stringify(options.body);
  const headers = { 'Content-Type': 'application/json', ...options.headers };
  return {
    httpMethod: method,
    path,
    resource: '/{proxy+}',
    pathParameters: { proxy: path.slice(1) },
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    body: json === null ? null : options.base64 ? Buffer.from(json).toString('base64') : json,
    isBase64Encoded: Boolean(options.base64),
    stageVariables: null,
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      httpMethod: method,
      path: `/prod${path}`,
      protocol: 'HTTP/1.1',
      requestId: 'gateway-request-id',
      requestTimeEpoch: Date.now(),
      resourceId: 'res',
      resourcePath: '/{proxy+}',
      stage: 'prod',
      authorizer: null,
      identity: { sourceIp: '203.0.113.7', userAgent: 'jest' } as APIGatewayProxyEvent['requestContext']['identity'],
    },
  };
}

export const lambdaContext = { awsRequestId: 'lambda-request-id', getRemainingTimeInMillis: () => 30_000 } as unknown as Context;
