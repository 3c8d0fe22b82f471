import { Module, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { FaceComparer } from '../../domain/ports/face-comparer.port.js';
import { UseCasesModule } from '../../use-cases.module.js';
import { AppMetrics } from '../metrics/app-metrics.js';
import { AccessGuard } from './access.guard.js';
import { CapturePageController } from './capture-page.controller.js';
import { CompareController } from './compare.controller.js';
import { DomainErrorFilter } from './domain-error.filter.js';
import { FramesController } from './frames.controller.js';
import { HealthController } from './health.controller.js';
import { MetricsController } from './metrics.controller.js';
import { SessionController } from './session.controller.js';

@Module({
  imports: [UseCasesModule],
  controllers: [SessionController, FramesController, CompareController, HealthController, MetricsController, CapturePageController],
  providers: [
    { provide: AppMetrics, inject: [FaceComparer], useFactory: (comparer: FaceComparer) => new AppMetrics(comparer) },
    { provide: APP_PIPE, useValue: new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true }) },
    { provide: APP_FILTER, useClass: DomainErrorFilter },
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
})
export class HttpModule {}
