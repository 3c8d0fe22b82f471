import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

const DESCRIPTION = `Face liveness sessions and face comparison, running on local models by default.

Every route except \`/health\`, \`/docs\` and \`/openapi.json\` needs \`Authorization: Bearer <API_TOKEN>\`.
Errors share one body: \`{ statusCode, error, message, code?, requestId }\`.

**Similarity.** The embedded engine describes each face with face-api's 128-d descriptor and maps
the Euclidean distance *d* between two descriptors to a similarity in [0, 1]; \`match\` is
\`comparisonResult >= threshold\`. See the README ("How to read the results") for the mapping, the
default threshold and the measurements it was chosen from.`;

/**
 * Serves the OpenAPI document at /openapi.json and, with `swaggerUi`, Swagger UI at /docs, both
 * without a token. Swagger UI's files come from the swagger-ui-dist package directory, which a
 * bundled Lambda does not have.
 */
export function setupOpenApi(app: INestApplication, swaggerUi: boolean): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle('facecheck').setDescription(DESCRIPTION).setVersion('0.1.0').addBearerAuth().build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json', swaggerUiEnabled: swaggerUi });
}
