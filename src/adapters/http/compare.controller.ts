import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CompareFacesUseCase } from '../../application/compare-faces.use-case.js';
import { AppConfig } from '../../config/app-config.js';
import { AppMetrics } from '../metrics/app-metrics.js';
import { ApiErrors } from './api-errors.decorator.js';
import { imageFromPayload } from './base64-image.js';
import { CompareFacesDto } from './dto/compare-faces.dto.js';
import { CompareFacesResponse } from './dto/compare-faces.response.js';

@ApiTags('compare')
@ApiBearerAuth()
@Controller('compare')
export class CompareController {
  constructor(
    private readonly compareFaces: CompareFacesUseCase,
    private readonly config: AppConfig,
    private readonly metrics: AppMetrics,
  ) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Compare the largest face of source with every face of target.' })
  @ApiOkResponse({ type: CompareFacesResponse })
  @ApiErrors(400, 401, 413, 415, 422, 429, 502, 503)
  async compare(@Body() body: CompareFacesDto): Promise<CompareFacesResponse> {
    const source = imageFromPayload(body.source, 'source', this.config.maxImageBytes);
    const target = imageFromPayload(body.target, 'target', this.config.maxImageBytes);
    return CompareFacesResponse.from(await this.metrics.timeCompare(() => this.compareFaces.execute(source, target)));
  }
}
