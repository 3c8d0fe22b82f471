import { Module } from '@nestjs/common';
import { CompareFacesUseCase } from './application/compare-faces.use-case.js';
import { CreateSessionUseCase } from './application/create-session.use-case.js';
import { DeleteSessionUseCase } from './application/delete-session.use-case.js';
import { GetSessionUseCase } from './application/get-session.use-case.js';
import { PurgeExpiredDataUseCase } from './application/purge-expired-data.use-case.js';
import { AppConfig } from './config/app-config.js';
import { Clock } from './domain/ports/clock.port.js';
import { FaceComparer } from './domain/ports/face-comparer.port.js';
import { ImageStore } from './domain/ports/image-store.port.js';
import { SessionRepository } from './domain/ports/session-repository.port.js';

/** Builds the use cases from whichever adapters serve the ports; the use cases themselves know no Nest. */
@Module({
  providers: [
    {
      provide: CreateSessionUseCase,
      inject: [SessionRepository, ImageStore, Clock, AppConfig],
      useFactory: (sessions: SessionRepository, images: ImageStore, clock: Clock, config: AppConfig) =>
        new CreateSessionUseCase(sessions, images, clock, config.sessionTtlSeconds),
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
  exports: [CreateSessionUseCase, GetSessionUseCase, DeleteSessionUseCase, CompareFacesUseCase, PurgeExpiredDataUseCase],
})
export class UseCasesModule {}
