import { readFile } from 'node:fs/promises';
import { Controller, Get, Header, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from './public.decorator.js';

/**
 * The project's dist/capture-page, where `npm run build` bundles the page. Three levels up from
 * this file is the project root both from dist/adapters/http (npm start) and from src/adapters/http
 * (Jest). The Lambda bundle does not carry the page, so there the routes answer 503.
 */
const BUNDLE = new URL('../../../dist/capture-page/', import.meta.url);

type BundleFile = 'index.html' | 'capture.js' | 'capture.css';

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
  page(): Promise<string> {
    return bundleFile('index.html');
  }

  // The assets have no content hash in their names: revalidate (ETag) so a new build shows at once.
  @Get('capture.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  script(): Promise<string> {
    return bundleFile('capture.js');
  }

  @Get('capture.css')
  @Header('Content-Type', 'text/css; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  styles(): Promise<string> {
    return bundleFile('capture.css');
  }
}

async function bundleFile(name: BundleFile): Promise<string> {
  try {
    return await readFile(new URL(name, BUNDLE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new ServiceUnavailableException('The liveness page is not built: run `npm run build`.');
  }
}
