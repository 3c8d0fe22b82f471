import { Module } from '@nestjs/common';
import { CaptureTokens } from './application/capture-tokens.js';
import { CompareFacesUseCase } from './application/compare-faces.use-case.js';
import { CreateSessionUseCase } from './application/create-session.use-case.js';
import { DeleteSessionUseCase } from './application/delete-session.use-case.js';
import { type CaptureProvider, GetCaptureSetupUseCase } from './application/get-capture-setup.use-case.js';
import { GetSessionImageUseCase } from './application/get-session-image.use-case.js';
import { GetSessionUseCase } from './application/get-session.use-case.js';
import { ProviderLiveness } from './application/provider-liveness.js';
import { PurgeExpiredDataUseCase } from './application/purge-expired-data.use-case.js';
import { SubmitFrameUseCase } from './application/submit-frame.use-case.js';
import { AppConfig } from './config/app-config.js';
import { Clock } from './domain/ports/clock.port.js';
import { FaceComparer } from './domain/ports/face-comparer.port.js';
import { FrameAnalyzer } from './domain/ports/frame-analyzer.port.js';
import { LivenessProvider } from './domain/ports/liveness-provider.port.js';
import { RandomSource } from './domain/ports/random-source.port.js';
import { ImageStore } from './domain/ports/image-store.port.js';
import { SessionRepository } from './domain/ports/session-repository.port.js';

/** Builds the use cases from whichever adapters serve the ports; the use cases themselves know no Nest. */
@Module({
  providers: [
    { provide: CaptureTokens, inject: [AppConfig], useFactory: (config: AppConfig) => new CaptureTokens(config.liveness.captureSecret) },
    {
      // Null where no LivenessProvider runs the check (embedded; rekognition without s3).
      provide: ProviderLiveness,
      inject: [{ token: LivenessProvider, optional: true }, SessionRepository, ImageStore, FaceComparer, AppConfig],
      useFactory: (provider: LivenessProvider | undefined, sessions: SessionRepository, images: ImageStore, comparer: FaceComparer, config: AppConfig) =>
        provider ? new ProviderLiveness({ provider, sessions, images, comparer }, config.rekognition.livenessThreshold) : null,
    },
    {
      provide: CreateSessionUseCase,
      inject: [SessionRepository, ImageStore, Clock, AppConfig, CaptureTokens, ProviderLiveness],
      useFactory: (sessions: SessionRepository, images: ImageStore, clock: Clock, config: AppConfig, tokens: CaptureTokens, liveness: ProviderLiveness | null) =>
        new CreateSessionUseCase(
          sessions,
          images,
          clock,
          config.sessionTtlSeconds,
          {
            tokens,
            lifetimeSeconds: config.liveness.captureTtlSeconds,
            returnUrlOrigins: config.liveness.returnUrlOrigins,
            challenge: config.liveness.challenge,
          },
          liveness,
        ),
    },
    {
      provide: GetCaptureSetupUseCase,
      inject: [SessionRepository, Clock, CaptureTokens, AppConfig, ProviderLiveness],
      useFactory: (sessions: SessionRepository, clock: Clock, tokens: CaptureTokens, config: AppConfig, liveness: ProviderLiveness | null) => {
        const capture: CaptureProvider =
          config.faceProvider === 'rekognition' ? { provider: 'rekognition', liveness, browser: config.rekognition.capture } : { provider: 'embedded' };
        return new GetCaptureSetupUseCase(sessions, clock, tokens, capture);
      },
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
      inject: [SessionRepository, ImageStore, Clock, ProviderLiveness],
      useFactory: (sessions: SessionRepository, images: ImageStore, clock: Clock, liveness: ProviderLiveness | null) =>
        new GetSessionImageUseCase(sessions, images, clock, liveness),
    },
    {
      provide: GetSessionUseCase,
      inject: [SessionRepository, Clock, ProviderLiveness],
      useFactory: (sessions: SessionRepository, clock: Clock, liveness: ProviderLiveness | null) => new GetSessionUseCase(sessions, clock, liveness),
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
    GetCaptureSetupUseCase,
  ],
})
export class UseCasesModule {}
