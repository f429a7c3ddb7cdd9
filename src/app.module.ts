import { DynamicModule, Module } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AuditModule } from './audit/audit.module';
import { CasesModule } from './cases/cases.module';
import { CommonModule } from './common/common.module';
import { ConnectorsModule } from './connectors/connectors.module';
import type { AppConfig } from './config/app-config';
import { AppConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source-options';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { HealthModule } from './health/health.module';
import { IntakeModule } from './intake/intake.module';
import { loggerOptions } from './logging/logger-options';
import { NotificationsModule } from './notifications/notifications.module';
import { ProofsModule } from './proofs/proofs.module';
import { QueuesModule } from './queues/queues.module';
import { RepliesModule } from './replies/replies.module';
import { ResponsesModule } from './responses/responses.module';
import { StaffModule } from './staff/staff.module';
import { StaffUiModule } from './staff/ui/staff-ui.module';
import { SystemsModule } from './systems/systems.module';
import { WorkerModule } from './worker/worker.module';

/** One codebase, two roles: `api` serves HTTP, `worker` runs the BullMQ processors and
 *  schedules, `all` (default) does both in one process. */
@Module({})
export class AppModule {
  static forRole(config: AppConfig): DynamicModule {
    const runsWorker = config.ROLE !== 'api';
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        CommonModule,
        LoggerModule.forRoot(loggerOptions(config)),
        TypeOrmModule.forRoot({
          ...dataSourceOptions(config.DATABASE_URL),
          // Fail fast when PostgreSQL is down, so callers get a 503 instead of a hanging request.
          extra: { max: config.DATABASE_POOL_SIZE, connectionTimeoutMillis: 3000 },
          retryAttempts: 3,
        }),
        EventEmitterModule.forRoot(),
        QueuesModule,
        SystemsModule,
        AuditModule,
        StaffModule,
        NotificationsModule,
        DeadlinesModule,
        CasesModule,
        ConnectorsModule,
        HealthModule,
        IntakeModule,
        ProofsModule,
        ResponsesModule,
        RepliesModule,
        StaffUiModule,
        ...(runsWorker ? [WorkerModule] : []),
      ],
    };
  }
}
