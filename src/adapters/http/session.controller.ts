import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateSessionUseCase } from '../../application/create-session.use-case.js';
import { DeleteSessionUseCase } from '../../application/delete-session.use-case.js';
import { GetSessionUseCase } from '../../application/get-session.use-case.js';
import { AppConfig } from '../../config/app-config.js';
import { ApiErrors } from './api-errors.decorator.js';
import { imageFromPayload } from './base64-image.js';
import { CreateSessionDto } from './dto/create-session.dto.js';
import { CreatedSessionResponse, SessionResponse } from './dto/session.response.js';

@ApiTags('session')
@ApiBearerAuth()
@Controller('session')
export class SessionController {
  constructor(
    private readonly createSession: CreateSessionUseCase,
    private readonly getSession: GetSessionUseCase,
    private readonly deleteSession: DeleteSessionUseCase,
    private readonly config: AppConfig,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create a session; idempotent on clientRequestToken while the session lives.' })
  @ApiCreatedResponse({ type: CreatedSessionResponse })
  @ApiErrors(400, 401, 409, 413, 415, 429, 503)
  async create(@Body() body: CreateSessionDto): Promise<CreatedSessionResponse> {
    const referenceImage = body.referenceImage ? imageFromPayload(body.referenceImage, 'referenceImage', this.config.maxImageBytes) : undefined;
    const created = await this.createSession.execute({ clientRequestToken: body.clientRequestToken, referenceImage });
    return { SessionId: created.sessionId, status: created.status, expiresAt: created.expiresAt.toISOString() };
  }

  @Get(':sessionId')
  @ApiOperation({ summary: 'Read a session\'s status and results.' })
  @ApiOkResponse({ type: SessionResponse })
  @ApiErrors(400, 401, 404, 429)
  async get(@Param('sessionId', new ParseUUIDPipe()) sessionId: string): Promise<SessionResponse> {
    return SessionResponse.from(await this.getSession.execute(sessionId));
  }

  @Delete(':sessionId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Erase a session and its images now; a retry of its clientRequestToken then creates a new session.' })
  @ApiNoContentResponse({ description: 'The session and its images are gone.' })
  @ApiErrors(400, 401, 404, 429, 503)
  async delete(@Param('sessionId', new ParseUUIDPipe()) sessionId: string): Promise<void> {
    await this.deleteSession.execute(sessionId);
  }
}
