import { Body, Controller, Delete, Get, Headers, HttpCode, HttpStatus, Param, ParseIntPipe, ParseUUIDPipe, Post, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CreateSessionUseCase } from '../../application/create-session.use-case.js';
import { DeleteSessionUseCase } from '../../application/delete-session.use-case.js';
import { GetCaptureSetupUseCase } from '../../application/get-capture-setup.use-case.js';
import { GetSessionImageUseCase, type SessionImageName } from '../../application/get-session-image.use-case.js';
import { GetSessionUseCase } from '../../application/get-session.use-case.js';
import { AppConfig } from '../../config/app-config.js';
import { ApiErrors } from './api-errors.decorator.js';
import { imageFromPayload } from './base64-image.js';
import { CaptureTokenAuth, captureTokenOf } from './capture-token-auth.decorator.js';
import { CaptureSetupResponse } from './dto/capture-setup.response.js';
import { CreateSessionDto } from './dto/create-session.dto.js';
import { CreatedSessionResponse, SessionResponse } from './dto/session.response.js';

/** The API token guards every route here but the capture page's (`capture`): each says which token it takes. */
@ApiTags('session')
@Controller('session')
export class SessionController {
  constructor(
    private readonly createSession: CreateSessionUseCase,
    private readonly getSession: GetSessionUseCase,
    private readonly deleteSession: DeleteSessionUseCase,
    private readonly getSessionImage: GetSessionImageUseCase,
    private readonly getCaptureSetup: GetCaptureSetupUseCase,
    private readonly config: AppConfig,
  ) {}

  @Post()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Create a session; idempotent on clientRequestToken while the session lives.' })
  @ApiCreatedResponse({ type: CreatedSessionResponse })
  @ApiErrors(400, 401, 409, 413, 415, 429, 502, 503)
  async create(@Body() body: CreateSessionDto): Promise<CreatedSessionResponse> {
    const referenceImage = body.referenceImage ? imageFromPayload(body.referenceImage, 'referenceImage', this.config.maxImageBytes) : undefined;
    const created = await this.createSession.execute({ clientRequestToken: body.clientRequestToken, referenceImage, returnUrl: body.returnUrl });
    return {
      SessionId: created.sessionId,
      status: created.status,
      expiresAt: created.expiresAt.toISOString(),
      captureUrl: this.captureUrl(created.sessionId, created.captureToken),
    };
  }

  @Get(':sessionId')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Read a session\'s status and results.' })
  @ApiOkResponse({ type: SessionResponse })
  @ApiErrors(400, 401, 404, 429, 502, 503)
  async get(@Param('sessionId', new ParseUUIDPipe()) sessionId: string): Promise<SessionResponse> {
    return SessionResponse.from(sessionId, await this.getSession.execute(sessionId));
  }

  @Get(':sessionId/capture')
  @CaptureTokenAuth()
  @ApiOperation({
    summary: 'What the capture page runs for this session: the embedded challenge, or Rekognition Face Liveness with what its browser client needs.',
    description: 'Authenticated by the session\'s capture token (from captureUrl), not the API token, like the frames.',
  })
  @ApiOkResponse({ type: CaptureSetupResponse })
  @ApiErrors(400, 401, 403, 404, 429, 502, 503)
  async capture(@Param('sessionId', new ParseUUIDPipe()) sessionId: string, @Headers('authorization') authorization: string | undefined): Promise<CaptureSetupResponse> {
    const captureToken = captureTokenOf(authorization);
    return CaptureSetupResponse.from(await this.getCaptureSetup.execute({ sessionId, captureToken }));
  }

  @Get(':sessionId/reference-image')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The live face the liveness check kept, once the session succeeded.' })
  @ApiProduces('image/jpeg', 'image/png')
  @ApiOkResponse({ description: 'The picture, metadata stripped.' })
  @ApiErrors(400, 401, 404, 429, 502, 503)
  async referenceImage(@Param('sessionId', new ParseUUIDPipe()) sessionId: string, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    return this.image(sessionId, 'reference', response);
  }

  @Get(':sessionId/audit-images/:index')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'An audit frame (a step reached) the liveness check kept, once the session succeeded.' })
  @ApiProduces('image/jpeg', 'image/png')
  @ApiOkResponse({ description: 'The picture, metadata stripped.' })
  @ApiErrors(400, 401, 404, 429, 502, 503)
  async auditImage(
    @Param('sessionId', new ParseUUIDPipe()) sessionId: string,
    @Param('index', new ParseIntPipe()) index: number,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return this.image(sessionId, index, response);
  }

  @Delete(':sessionId')
  @ApiBearerAuth()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Erase a session and its images now; a retry of its clientRequestToken then creates a new session.' })
  @ApiNoContentResponse({ description: 'The session and its images are gone.' })
  @ApiErrors(400, 401, 404, 429, 503)
  async delete(@Param('sessionId', new ParseUUIDPipe()) sessionId: string): Promise<void> {
    await this.deleteSession.execute(sessionId);
  }

  private async image(sessionId: string, name: SessionImageName, response: Response): Promise<StreamableFile> {
    const { bytes, format } = await this.getSessionImage.execute(sessionId, name);
    response.type(`image/${format}`);
    return new StreamableFile(bytes);
  }

  /** The capture page's link: the token in the fragment, which browsers never send to a server or in a Referer. */
  private captureUrl(sessionId: string, captureToken: string): string {
    const path = `/liveness?session=${sessionId}#token=${captureToken}`;
    return this.config.liveness.publicBaseUrl ? `${this.config.liveness.publicBaseUrl}${path}` : path;
  }
}
