import { Controller, Headers, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Req, UnsupportedMediaTypeException } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { SubmitFrameUseCase } from '../../application/submit-frame.use-case.js';
import { AppConfig } from '../../config/app-config.js';
import { Image } from '../../domain/image.js';
import { AppMetrics } from '../metrics/app-metrics.js';
import { ApiErrors } from './api-errors.decorator.js';
import { CaptureTokenAuth, captureTokenOf } from './capture-token-auth.decorator.js';
import { FrameAnswerResponse } from './dto/frame-answer.response.js';

/** The media types a frame may come as; the body parser reads exactly these as raw bytes. */
export const FRAME_MEDIA_TYPES = ['image/jpeg', 'image/png'];

@ApiTags('liveness')
@Controller('session')
export class FramesController {
  constructor(
    private readonly submitFrame: SubmitFrameUseCase,
    private readonly metrics: AppMetrics,
    private readonly config: AppConfig,
  ) {}

  @Post(':sessionId/frames')
  @HttpCode(HttpStatus.OK)
  @CaptureTokenAuth()
  @ApiOperation({
    summary: 'One camera frame of the liveness challenge, from the capture page; the answer says what to show next.',
    description:
      'Authenticated by the session\'s capture token (from captureUrl), not the API token. About 640×480, a few frames per second, one at a time. ' +
      'During the light step (instruction `light`) about 10 frames per second, each with X-Light-Time.',
  })
  @ApiHeader({
    name: 'X-Light-Time',
    required: false,
    description:
      'Light step only, and required then: the frame\'s capture time in ms from the first flash\'s start on the page\'s clock (negative during the lead-in neutral screen), in −2000…20000, increasing.',
  })
  @ApiConsumes(...FRAME_MEDIA_TYPES)
  @ApiBody({ description: 'The frame as JPEG or PNG bytes.', schema: { type: 'string', format: 'binary' } })
  @ApiOkResponse({ type: FrameAnswerResponse })
  @ApiErrors(400, 401, 403, 404, 409, 413, 415, 429, 503)
  async frame(
    @Param('sessionId', new ParseUUIDPipe()) sessionId: string,
    @Headers('authorization') authorization: string | undefined,
    @Headers('x-light-time') lightTime: string | undefined,
    @Req() request: Request,
  ): Promise<FrameAnswerResponse> {
    const captureToken = captureTokenOf(authorization);
    // Checked before the body: body-parser leaves other media types unread (body {}), not a Buffer.
    if (!request.is(FRAME_MEDIA_TYPES) || !Buffer.isBuffer(request.body)) {
      throw new UnsupportedMediaTypeException(`Send the frame as ${FRAME_MEDIA_TYPES.join(' or ')}.`);
    }
    const frame = Image.fromBytes(request.body, 'frame', this.config.liveness.maxFrameBytes);
    const lightTimeMs = lightTime === undefined ? null : lightTime.trim() === '' ? Number.NaN : Number(lightTime);
    const answer = await this.metrics.timeLivenessFrame(() => this.submitFrame.execute({ sessionId, captureToken, frame, lightTimeMs }));
    return {
      instruction: answer.instruction,
      progress: answer.progress,
      hint: answer.hint,
      ...(answer.light && { light: { flashes: answer.light.flashes.map((flash) => ({ ...flash })), neutralMs: answer.light.neutralMs } }),
      ...(answer.returnUrl && { returnUrl: answer.returnUrl }),
    };
  }
}
