import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Logger as PinoLogger } from 'nestjs-pino';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { Clock } from '../../src/common/clock';
import { loadConfig, type AppConfig } from '../../src/config/app-config';
import { configureHttpApp } from '../../src/http-app';
import { FirstAdminService } from '../../src/staff/first-admin.service';
import { createTestDatabase } from './test-database';
import { TEST_REDIS_URL, queuePrefixForRun } from './test-env';

export const TEST_ADMIN = { email: 'admin@example.no', password: 'correct horse battery staple' };

export interface TestAppOptions {
  role?: 'all' | 'api' | 'worker';
  /** Extra environment (e.g. SMTP_URL); merged over the test defaults. */
  env?: Record<string, string | undefined>;
  clock?: Clock;
  /** Reuse a database/queue prefix (two processes on one stack). */
  databaseUrl?: string;
  queuePrefix?: string;
  /** Listen on this port instead of any free one (a URL another party must know in advance). */
  port?: number;
}

export interface TestApp {
  config: AppConfig;
  /** The HTTP app (undefined for ROLE=worker). */
  app?: INestApplication;
  context: INestApplicationContext;
  url: string;
  dataSource: DataSource;
  close(): Promise<void>;
}

/** A fresh queue prefix inside this run's hash tag, so teardown can find every key. */
export function freshQueuePrefix(): string {
  return `${queuePrefixForRun().slice(0, -1)}-${randomBytes(3).toString('hex')}}`;
}

/**
 * Starts the real application (real PostgreSQL, Redis, and whatever SMTP the env names) on its
 * own database and queue prefix. The only substitution is the Clock, through DI.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const databaseUrl = options.databaseUrl ?? (await createTestDatabase()).url;
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: options.queuePrefix ?? freshQueuePrefix(),
      ROLE: options.role ?? 'all',
      PORT: '3000',
      APP_SECRET: 'test-secret-0123456789abcdef0123456789abcdef',
      ADMIN_EMAIL: TEST_ADMIN.email,
      ADMIN_PASSWORD: TEST_ADMIN.password,
      MAIL_DIR: mkdtempSync(join(tmpdir(), 'dsr-mail-')),
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      // Test files send many requests from one test address; the per-address limit has its own spec
      // (test/security/recipient-email-limit.e2e-spec.ts), which sets it low.
      RECIPIENT_EMAILS_PER_HOUR: '1000',
      ...options.env,
    },
    () => 'unused',
  );
  const builder = Test.createTestingModule({ imports: [AppModule.forRole(config)] });
  if (options.clock) builder.overrideProvider(Clock).useValue(options.clock);
  const moduleRef = await builder.compile();

  if (config.ROLE === 'worker') {
    const context = moduleRef;
    context.useLogger(context.get(PinoLogger));
    await context.init();
    return {
      config,
      context,
      url: '',
      dataSource: context.get(getDataSourceToken()),
      close: () => context.close(),
    };
  }
  const app = moduleRef.createNestApplication({ bufferLogs: true });
  app.useLogger(app.get(PinoLogger));
  configureHttpApp(app, config);
  await app.get(FirstAdminService).ensureFirstAdmin();
  await app.listen(options.port ?? 0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { config, app, context: app, url, dataSource: app.get(getDataSourceToken()), close: () => app.close() };
}

/** Signs in as the test admin and returns the bearer header. */
export async function adminAuth(url: string): Promise<{ Authorization: string }> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(TEST_ADMIN),
  });
  if (response.status !== 200) throw new Error(`login failed: ${response.status}`);
  const { token } = (await response.json()) as { token: string };
  return { Authorization: `Bearer ${token}` };
}
