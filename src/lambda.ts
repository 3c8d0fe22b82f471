import { configure as serverlessExpress } from '@vendia/serverless-express';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context, Handler } from 'aws-lambda';
import { createApp } from './app.js';
import { loadConfig } from './config/app-config.js';

type ApiHandler = Handler<APIGatewayProxyEvent, APIGatewayProxyResult>;

const BINARY_CONTENT_TYPES = ['image/*', 'application/wasm'];

let ready: Promise<ApiHandler> | undefined;

/** Built once per container, on the first event; warm invocations reuse the app and its clients. */
async function bootstrap(): Promise<ApiHandler> {
  const app = await createApp(loadConfig(process.env), { swaggerUi: false, retentionSweep: false });
  app.enableShutdownHooks();
  // API Gateway carries bodies as text: binary ones go base64-encoded, which serverless-express does
  // only for these types (images alone by default; the capture page's WebAssembly too).
  return serverlessExpress({ app: app.getHttpAdapter().getInstance(), binarySettings: { contentTypes: BINARY_CONTENT_TYPES } });
}

/** The Lambda entry behind API Gateway (REST API, proxy integration). */
export async function handler(event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> {
  ready ??= bootstrap().catch((error: unknown) => {
    // A failed start must not be cached: the next event tries again.
    ready = undefined;
    throw error;
  });
  const serve = await ready;
  return (await serve(event, context, () => undefined)) as APIGatewayProxyResult;
}
