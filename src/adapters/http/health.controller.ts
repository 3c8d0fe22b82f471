import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { FaceComparer } from '../../domain/ports/face-comparer.port.js';
import { Public } from './public.decorator.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly comparer: FaceComparer) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Ready once the face models are loaded. No token needed.' })
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  @ApiServiceUnavailableResponse({ description: 'The face engine is still loading its models.' })
  check(): { status: 'ok' } {
    if (!this.comparer.isReady()) throw new ServiceUnavailableException('The face engine is still loading its models.');
    return { status: 'ok' };
  }
}
