import { NestFactory } from '@nestjs/core';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { AppModule } from '../src/app.module';
import { loadConfig, type AppConfig } from '../src/config/app-config';
import { configureHttpApp } from '../src/http-app';
import { FirstAdminService } from '../src/staff/first-admin.service';

export const BENCH_ADMIN = { email: 'bench-admin@example.no', password: 'bench password 0123456789' };

export function benchConfig(env: Record<string, string>): AppConfig {
  return loadConfig(
    {
      APP_SECRET: 'bench-secret-0123456789abcdef0123456789abcdef',
      ADMIN_EMAIL: BENCH_ADMIN.email,
      ADMIN_PASSWORD: BENCH_ADMIN.password,
      LOG_LEVEL: 'warn',
      MAIL_DIR: 'var/bench-mail',
      ...env,
    },
    () => 'unused',
  );
}

export async function startBenchContext(config: AppConfig): Promise<INestApplicationContext> {
  const context = await NestFactory.createApplicationContext(AppModule.forRole(config), { logger: ['error', 'warn'] });
  await context.init();
  return context;
}

export async function startBenchHttp(config: AppConfig): Promise<{ app: INestApplication; url: string }> {
  const app = await NestFactory.create(AppModule.forRole(config), { logger: ['error', 'warn'] });
  configureHttpApp(app, config);
  await app.get(FirstAdminService).ensureFirstAdmin();
  await app.listen(config.PORT, '127.0.0.1');
  return { app, url: `http://127.0.0.1:${config.PORT}` };
}
