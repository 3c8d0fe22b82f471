import { type DynamicModule, Global, Module, type Provider } from '@nestjs/common';

/** Makes the adapters chosen by `selectAdapters` available to every module. */
@Global()
@Module({})
export class AdaptersModule {
  static register(providers: Provider[]): DynamicModule {
    return { module: AdaptersModule, providers, exports: providers.map((p) => ('provide' in p ? p.provide : p)) };
  }
}
