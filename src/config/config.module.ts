import { DynamicModule, Global, Module } from '@nestjs/common';
import type { AppConfig } from './app-config';
import { resolveAppSecrets } from './app-secrets';

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Makes the validated configuration injectable everywhere as `@Inject(APP_CONFIG)`, with the
 *  secrets resolved: a provider every user of APP_SECRET reads, so none sees a per-run secret. */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppConfigModule,
      providers: [{ provide: APP_CONFIG, useFactory: () => resolveAppSecrets(config) }],
      exports: [APP_CONFIG],
    };
  }
}
