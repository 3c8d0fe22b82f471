import { Module } from '@nestjs/common';
import { CaptureTokens } from './application/capture-tokens.js';
import { CompareFacesUseCase } from './application/compare-faces.use-case.js';
import { CreateSessionUseCase } from './application/create-session.use-case.js';
import { DeleteSessionUseCase } from './application/delete-session.use-case.js';
import { GetSessionImageUseCase } from './application/get-session-image.use-case.js';
import { GetSessionUseCase } from './application/get-session.use-case.js';
import { PurgeExpiredDataUseCase } from './application/purge-expired-data.use-case.js';
import { SubmitFrameUseCase } from './application/submit-frame.use-case.js';
import { AppConfig } from './config/app-config.js';
import { Clock } from './domain/ports/clock.port.js';
import { FaceComparer } from './domain/ports/face-comparer.port.js';
import { FrameAnalyzer } from './domain/ports/frame-analyzer.port.js';
import { RandomSource } from './domain/ports/random-source.port.js';
import { ImageStore } from './domain/ports/image-store.port.js';
import { SessionRepository } from './domain/ports/session-repository.port.js';

/** Builds the use cases from whichever adapters serve the ports; the use cases themselves know no Nest. */
@Module({
  providers: [
    { provide: CaptureTokens, inject: [AppConfig], useFactory: (config: AppConfig) => new CaptureTokens(config.liveness.captureSecret) },
    {
      provide: CreateSessionUseCase,
      inject: [SessionRepository, ImageStore, Clock, AppConfig, CaptureTokens],
      useFactory: (sessions: SessionRepository, images: ImageStore, clock: Clock, config: AppConfig, tokens: CaptureTokens) =>
        new CreateSessionUseCase(sessions, images, clock, config.sessionTtlSeconds, {
          tokens,
          lifetimeSeconds: config.liveness.captureTtlSeconds,
          returnUrlOrigins: config.liveness.returnUrlOrigins,
          challenge: config.liveness.challenge,
        }),
    },
    {
      provide: SubmitFrameUseCase,
      // No FrameAnalyzer where the face provider runs no models here (rekognition).
      inject: [SessionRepository, ImageStore, { token: FrameAnalyzer, optional: true }, FaceComparer, Clock, RandomSource, CaptureTokens, AppConfig],
      useFactory: (
        sessions: SessionRepository,
        images: ImageStore,
        analyzer: FrameAnalyzer | undefined,
        comparer: FaceComparer,
        clock: Clock,
        random: RandomSource,
        tokens: CaptureTokens,
        config: AppConfig,
      ) =>
        new SubmitFrameUseCase({ sessions, images, analyzer: analyzer ?? null, comparer, clock, random }, tokens, {
          challenge: { stepCount: config.liveness.steps, maxFrames: config.liveness.maxFrames },
          auditImages: config.liveness.auditImages,
        }),
    },
    {
      provide: GetSessionImageUseCase,
      inject: [SessionRepository, ImageStore],
      useFactory: (sessions: SessionRepository, images: ImageStore) => new GetSessionImageUseCase(sessions, images),
    },
    {
      provide: GetSessionUseCase,
      inject: [SessionRepository, Clock],
      useFactory: (sessions: SessionRepository, clock: Clock) => new GetSessionUseCase(sessions, clock),
    },
    {
      provide: DeleteSessionUseCase,
      inject: [SessionRepository, ImageStore],
      useFactory: (sessions: SessionRepository, images: ImageStore) => new DeleteSessionUseCase(sessions, images),
    },
    {
      provide: CompareFacesUseCase,
      inject: [FaceComparer, ImageStore, AppConfig],
      useFactory: (comparer: FaceComparer, images: ImageStore, config: AppConfig) =>
        new CompareFacesUseCase(comparer, images, config.storeCompareImages),
    },
    {
      provide: PurgeExpiredDataUseCase,
      inject: [SessionRepository, ImageStore, Clock, AppConfig],
      useFactory: (sessions: SessionRepository, images: ImageStore, clock: Clock, config: AppConfig) =>
        new PurgeExpiredDataUseCase(sessions, images, clock, config.retentionHours),
    },
  ],
  exports: [
    CreateSessionUseCase,
    GetSessionUseCase,
    DeleteSessionUseCase,
    CompareFacesUseCase,
    PurgeExpiredDataUseCase,
    SubmitFrameUseCase,
    GetSessionImageUseCase,
  ],
})
export class UseCasesModule {}
