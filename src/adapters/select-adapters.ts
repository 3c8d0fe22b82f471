import type { Provider } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { Clock } from '../domain/ports/clock.port.js';
import { FaceComparer } from '../domain/ports/face-comparer.port.js';
import { FrameAnalyzer } from '../domain/ports/frame-analyzer.port.js';
import { LivenessProvider } from '../domain/ports/liveness-provider.port.js';
import { RandomSource } from '../domain/ports/random-source.port.js';
import { ImageStore } from '../domain/ports/image-store.port.js';
import { SessionRepository } from '../domain/ports/session-repository.port.js';
import { UsageLedger } from '../domain/ports/usage-ledger.port.js';
import { CryptoRandomSource } from './system/crypto-random-source.js';
import { SystemClock } from './system/system-clock.js';

/**
 * The one place where configuration picks the class behind each port. Each family is imported only
 * when chosen, so a Rekognition Lambda never loads model code and a laptop never loads the AWS SDK.
 * Imports run one after another: Jest's ES-module loader fails on concurrent imports that share
 * dependencies.
 */
export async function selectAdapters(config: AppConfig, overrides: { clock?: Clock; random?: RandomSource } = {}): Promise<Provider[]> {
  return [
    ...(await faceModels(config)),
    ...(await storage(config)),
    { provide: Clock, useValue: overrides.clock ?? new SystemClock() },
    { provide: RandomSource, useValue: overrides.random ?? new CryptoRandomSource() },
  ];
}

/**
 * FaceComparer, and what runs the liveness check: FrameAnalyzer where the models run here, the
 * LivenessProvider with rekognition (see SubmitFrameUseCase, ProviderLiveness).
 */
async function faceModels(config: AppConfig): Promise<Provider[]> {
  switch (config.faceProvider) {
    case 'embedded': {
      const { EmbeddedEngine } = await import('./embedded/embedded-engine.js');
      const { EmbeddedFaceComparer } = await import('./embedded/embedded-face-comparer.js');
      const { EmbeddedFrameAnalyzer } = await import('./embedded/embedded-frame-analyzer.js');
      const options = { poolSize: config.workerPoolSize, maxPixels: config.maxImagePixels, maxFramePixels: config.liveness.maxFramePixels };
      return [
        // Nest closes the workers (EmbeddedEngine.onModuleDestroy) when the app closes.
        { provide: EmbeddedEngine, useFactory: () => new EmbeddedEngine(options) },
        { provide: FaceComparer, inject: [EmbeddedEngine], useFactory: (engine: InstanceType<typeof EmbeddedEngine>) => new EmbeddedFaceComparer(engine, config.matchThreshold) },
        { provide: FrameAnalyzer, inject: [EmbeddedEngine], useFactory: (engine: InstanceType<typeof EmbeddedEngine>) => new EmbeddedFrameAnalyzer(engine) },
      ];
    }
    case 'rekognition': {
      const [{ RekognitionClient }, { RekognitionFaceComparer }, { RekognitionLivenessProvider }] = [
        await import('@aws-sdk/client-rekognition'),
        await import('./rekognition/rekognition-face-comparer.js'),
        await import('./rekognition/rekognition-liveness-provider.js'),
      ];
      const client = new RekognitionClient({});
      const options = { matchThreshold: config.matchThreshold, qualityFilter: config.rekognition.qualityFilter };
      const comparer: Provider = { provide: FaceComparer, useValue: new RekognitionFaceComparer(client, options) };
      // Rekognition stores the liveness pictures in the images bucket: without one (STORAGE=fs) there is no liveness check.
      if (!config.s3) return [comparer];
      const { IMAGE_OBJECT_PREFIX } = await import('./s3/s3-image-store.js');
      const liveness = { imagesBucket: config.s3.imagesBucket, storePrefix: IMAGE_OBJECT_PREFIX, keyPrefix: 'liveness/', auditImagesLimit: config.liveness.auditImages };
      return [comparer, { provide: LivenessProvider, useValue: new RekognitionLivenessProvider(client, liveness) }];
    }
  }
}

async function storage(config: AppConfig): Promise<Provider[]> {
  switch (config.storage) {
    case 'fs': {
      const { FsImageStore } = await import('./fs/fs-image-store.js');
      const { FsSessionRepository } = await import('./fs/fs-session-repository.js');
      const { FsUsageLedger } = await import('./fs/fs-usage-ledger.js');
      return [
        { provide: SessionRepository, useValue: new FsSessionRepository(config.dataDir) },
        { provide: ImageStore, useValue: new FsImageStore(config.dataDir) },
        { provide: UsageLedger, useValue: new FsUsageLedger(config.dataDir) },
      ];
    }
    case 's3': {
      if (!config.s3) throw new Error('STORAGE=s3 needs IMAGES_BUCKET and SESSIONS_BUCKET.');
      const { S3Client } = await import('@aws-sdk/client-s3');
      const { S3ImageStore } = await import('./s3/s3-image-store.js');
      const { S3SessionRepository } = await import('./s3/s3-session-repository.js');
      const client = new S3Client({});
      const encryption = { kmsKeyId: config.s3.kmsKeyId };
      // No UsageLedger: on AWS the API Gateway usage plan (ApiMonthLimitRequest) keeps the monthly quota.
      return [
        { provide: SessionRepository, useValue: new S3SessionRepository(client, config.s3.sessionsBucket, encryption) },
        { provide: ImageStore, useValue: new S3ImageStore(client, config.s3.imagesBucket, encryption) },
      ];
    }
  }
}
