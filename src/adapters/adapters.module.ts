import { type DynamicModule, Global, Module, type Provider } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { Clock } from '../domain/ports/clock.port.js';
import { FaceComparer } from '../domain/ports/face-comparer.port.js';
import { ImageStore } from '../domain/ports/image-store.port.js';
import { SessionRepository } from '../domain/ports/session-repository.port.js';
import { UsageLedger } from '../domain/ports/usage-ledger.port.js';
import { FsImageStore } from './fs/fs-image-store.js';
import { FsSessionRepository } from './fs/fs-session-repository.js';
import { FsUsageLedger } from './fs/fs-usage-ledger.js';
import { SystemClock } from './system/system-clock.js';

/**
 * The one place where configuration picks the class behind each port. Engines are imported lazily
 * so that a deployment using another provider never loads model code; storage adapters are light.
 */
function faceComparerProvider(config: AppConfig): Provider {
  switch (config.faceProvider) {
    case 'embedded':
      return {
        provide: FaceComparer,
        useFactory: async () => {
          const { EmbeddedFaceComparer } = await import('./embedded/embedded-face-comparer.js');
          return new EmbeddedFaceComparer({ poolSize: config.workerPoolSize, maxPixels: config.maxImagePixels, matchThreshold: config.matchThreshold });
        },
      };
  }
}

function storageProviders(config: AppConfig): Provider[] {
  switch (config.storage) {
    case 'fs':
      return [
        { provide: SessionRepository, useValue: new FsSessionRepository(config.dataDir) },
        { provide: ImageStore, useValue: new FsImageStore(config.dataDir) },
        { provide: UsageLedger, useValue: new FsUsageLedger(config.dataDir) },
      ];
  }
}

@Global()
@Module({})
export class AdaptersModule {
  /** @param clock replaces the system clock (tests of expiry). */
  static register(config: AppConfig, clock: Clock = new SystemClock()): DynamicModule {
    const providers = [faceComparerProvider(config), ...storageProviders(config), { provide: Clock, useValue: clock }];
    return { module: AdaptersModule, providers, exports: providers.map((p) => ('provide' in p ? p.provide : p)) };
  }
}
