import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { AdaptersModule } from './adapters/adapters.module.js';
import { HttpModule } from './adapters/http/http.module.js';
import { AppConfig } from './config/app-config.js';
import { AppConfigModule } from './config/app-config.module.js';

@Module({})
export class AppModule {
  /** @param adapters the providers `selectAdapters` chose for the ports. */
  static register(config: AppConfig, adapters: Provider[]): DynamicModule {
    return { module: AppModule, imports: [AppConfigModule.register(config), AdaptersModule.register(adapters), HttpModule] };
  }
}
