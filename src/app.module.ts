import { type DynamicModule, Module } from '@nestjs/common';
import { AdaptersModule } from './adapters/adapters.module.js';
import { HttpModule } from './adapters/http/http.module.js';
import { AppConfig } from './config/app-config.js';
import { AppConfigModule } from './config/app-config.module.js';
import type { Clock } from './domain/ports/clock.port.js';

@Module({})
export class AppModule {
  static register(config: AppConfig, clock?: Clock): DynamicModule {
    return { module: AppModule, imports: [AppConfigModule.register(config), AdaptersModule.register(config, clock), HttpModule] };
  }
}
