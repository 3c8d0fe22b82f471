import { type DynamicModule, Module, type OnModuleInit, type Provider } from '@nestjs/common';
import { AdaptersModule } from './adapters/adapters.module.js';
import { HttpModule } from './adapters/http/http.module.js';
import { RetentionModule } from './adapters/system/retention.module.js';
import { AppConfig } from './config/app-config.js';
import { AppConfigModule } from './config/app-config.module.js';

export interface AppModuleOptions {
  /** Run the periodic retention sweep (long-running servers; not Lambda). */
  readonly retentionSweep: boolean;
  /** Adds routes behind the controllers' own (see AfterControllerRoutes). */
  readonly addRoutesAfterControllers: () => void;
}

/**
 * Nest runs onModuleInit once it has added the controllers' routes and before its 404 handler: routes
 * added here come after the API's in Express's list, which every request walks in order.
 */
class AfterControllerRoutes implements OnModuleInit {
  constructor(private readonly addRoutes: () => void) {}

  onModuleInit(): void {
    this.addRoutes();
  }
}

@Module({})
export class AppModule {
  /** @param adapters the providers `selectAdapters` chose for the ports. */
  static register(config: AppConfig, adapters: Provider[], options: AppModuleOptions): DynamicModule {
    const imports = [AppConfigModule.register(config), AdaptersModule.register(adapters), HttpModule];
    return {
      module: AppModule,
      imports: options.retentionSweep ? [...imports, RetentionModule] : imports,
      providers: [{ provide: AfterControllerRoutes, useValue: new AfterControllerRoutes(options.addRoutesAfterControllers) }],
    };
  }
}
