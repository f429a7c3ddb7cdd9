import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import { randomBytes } from 'node:crypto';
import { AppModule } from './app.module';
import { ConfigError, loadConfig, type AppConfig } from './config/app-config';
import { ensureDatabaseExists, runMigrationsLocked } from './database/database-bootstrap';
import { configureHttpApp } from './http-app';
import { FirstAdminService } from './staff/first-admin.service';
import { startupBanner } from './startup-banner';
import { OwnerOnboardingService } from './staff/owners/owner-onboarding.service';

export function readConfigOrExit(): AppConfig {
  try {
    return loadConfig(process.env, () => randomBytes(32).toString('hex'));
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** Prepares PostgreSQL (create if missing, migrate under an advisory lock), then starts the role. */
export async function start(config: AppConfig): Promise<void> {
  const log = new Logger('Bootstrap');
  if (await ensureDatabaseExists(config.DATABASE_URL)) log.log('database created');
  const applied = await runMigrationsLocked(config.DATABASE_URL);
  if (applied.length) log.log(`migrations applied: ${applied.join(', ')}`);

  if (config.ROLE === 'worker') {
    const context = await NestFactory.createApplicationContext(AppModule.forRole(config), { bufferLogs: true });
    context.useLogger(context.get(PinoLogger));
    context.enableShutdownHooks();
    await context.init();
    log.log('worker started (no HTTP)');
    return;
  }

  const app = await NestFactory.create(AppModule.forRole(config), { bufferLogs: true });
  app.useLogger(app.get(PinoLogger));
  configureHttpApp(app, config);
  const admin = await app.get(FirstAdminService).ensureFirstAdmin();
  // One line, no addresses: how many data-map owners cannot yet sign in, and their systems.
  await app.get(OwnerOnboardingService).warnAtStartup();
  await app.listen(config.PORT);
  log.log(`${config.ROLE === 'all' ? 'api and worker' : 'api'} listening on port ${config.PORT}`);
  // Written straight to stdout, after the start-up logs, so a person sees it whatever the log format.
  process.stdout.write(startupBanner(config.PUBLIC_URL, config.ROLE, admin));
}
