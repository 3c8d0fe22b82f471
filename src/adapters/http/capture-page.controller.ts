import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Controller, Get, Header, NotFoundException, Param, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from './public.decorator.js';

/**
 * Where the built page may be, first found first served: a capture-page/ directory beside the
 * running bundle, where the Lambda artefact carries it, then the project's dist/capture-page, where
 * `npm run build` puts it. Three levels up from this file is the project root both from
 * dist/adapters/http (npm start) and from src/adapters/http (Jest).
 */
const BUNDLES = [new URL('./capture-page/', import.meta.url), new URL('../../../dist/capture-page/', import.meta.url)];

const JAVASCRIPT = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';
/** WebAssembly.instantiateStreaming() refuses a binary served under any other type. */
const WASM = 'application/wasm';

/**
 * The page's assets by name (scripts/build-capture-page.mjs): the embedded check's script and
 * styles, and what the page loads only in Rekognition mode.
 */
const ASSET_TYPES: ReadonlyMap<string, string> = new Map([
  ['capture.js', JAVASCRIPT],
  ['capture.css', CSS],
  ['rekognition.js', JAVASCRIPT],
  ['rekognition.css', CSS],
  ['tfjs-backend-wasm.wasm', WASM],
  ['tfjs-backend-wasm-simd.wasm', WASM],
]);

/**
 * The liveness capture page, opened by the person being checked through the link
 * `/liveness?session=<id>#token=<capture token>`. No API token: the page itself holds no secret,
 * and the capture token it reads from the link authorizes its frames. Public also exempts these
 * static files from the rate limit.
 */
@ApiExcludeController()
@Public()
@Controller('liveness')
export class CapturePageController {
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async page(): Promise<string> {
    return (await bundleFile('index.html')).toString('utf8');
  }

  // The assets have no content hash in their names: revalidate (ETag) so a new build shows at once.
  // Sent rather than returned, since Nest would serialize a returned Buffer as JSON; Express's
  // send() answers 304 when the ETag matches the browser's.
  @Get(':file')
  @Header('Cache-Control', 'no-cache')
  async asset(@Param('file') file: string, @Res() response: Response): Promise<void> {
    const type = ASSET_TYPES.get(file);
    if (type === undefined) throw new NotFoundException('The liveness page has no such file.');
    const bytes = await bundleFile(file);
    response.type(type).setHeader('ETag', `"${createHash('sha256').update(bytes).digest('base64url')}"`);
    response.send(bytes);
  }
}

async function bundleFile(name: string): Promise<Buffer> {
  for (const bundle of BUNDLES) {
    try {
      return await readFile(new URL(name, bundle));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  throw new ServiceUnavailableException('The liveness page is not built: run `npm run build`.');
}
