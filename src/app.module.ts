import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { AdaptersModule } from './adapters/adapters.module.js';
import { HttpModule } from './adapters/http/http.module.js';
import { RetentionModule } from './adapters/system/retention.module.js';
import { AppConfig } from './config/app-config.js';
import { AppConfigModule } from './config/app-config.module.js';

@Module({})
export class AppModule {
  /**
   * @param adapters the providers `selectAdapters` chose for the ports.
   * @param retentionSweep run the periodic retention sweep (long-running servers; not Lambda).
   */
  static register(config: AppConfig, adapters: Provider[], retentionSweep = true): DynamicModule {
    const imports = [AppConfigModule.register(config), AdaptersModule.register(adapters), HttpModule];
    return { module: AppModule, imports: retentionSweep ? [...imports, RetentionModule] : imports };
  }
}
