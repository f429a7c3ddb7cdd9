import { Module, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { AuditChainProcessor } from '../audit/audit-chain.processor';
import { AuditModule } from '../audit/audit.module';
import { ConnectorsModule } from '../connectors/connectors.module';
import { FanoutProcessor } from '../connectors/fanout/fanout.processor';
import { TaskRateLimits } from '../connectors/tasks/task-rate-limits';
import { TASK_PROCESSORS } from '../connectors/tasks/task.processor';
import { DeadlineAlertProcessor } from '../deadlines/alerts/deadline-alert.processor';
import { ReconciliationProcessor } from '../deadlines/alerts/reconciliation.processor';
import { ReconciliationSchedule } from '../deadlines/alerts/reconciliation.schedule';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { IntakeModule } from '../intake/intake.module';
import { VerificationProcessor } from '../intake/verification.processor';
import { EmailProcessor } from '../notifications/email.processor';
import { NotificationsModule } from '../notifications/notifications.module';
import { JobSchedulers } from '../queues/job-schedulers';
import { JobName } from '../queues/queue-catalogue';
import { PackageExpiryProcessor } from '../responses/package/package-expiry.processor';
import { ResponsesModule } from '../responses/responses.module';
import { StaffDigestModule } from '../staff/digest/staff-digest.module';
import { StaffDigestProcessor } from '../staff/digest/staff-digest.processor';
import { StaffDigestSchedule } from '../staff/digest/staff-digest.schedule';
import { SchedulerWatchdog } from './scheduler-watchdog';
import { measureJobRuns } from './measured-processors';
import { logWorkerErrors } from './worker-error-log';

/** Every BullMQ processor, loaded only in the worker role (ROLE=worker or all). */
export const PROCESSORS = [
  AuditChainProcessor,
  DeadlineAlertProcessor,
  EmailProcessor,
  ReconciliationProcessor,
  FanoutProcessor,
  ...TASK_PROCESSORS,
  VerificationProcessor,
  StaffDigestProcessor,
  PackageExpiryProcessor,
];
measureJobRuns(PROCESSORS);

@Module({
  imports: [AuditModule, DeadlinesModule, NotificationsModule, ConnectorsModule, IntakeModule, StaffDigestModule, ResponsesModule],
  providers: [...PROCESSORS, JobSchedulers, ReconciliationSchedule, StaffDigestSchedule, SchedulerWatchdog, TaskRateLimits],
})
export class WorkerModule implements OnModuleInit, OnApplicationBootstrap {
  constructor(private readonly moduleRef: ModuleRef) {}

  /** Start-up fails when a job in the catalogue has no processor (ARCHITECTURE.md "Modules", worker/). */
  onModuleInit(): void {
    const handled = new Set<JobName>(PROCESSORS.flatMap((processor) => processor.handles));
    const missing = Object.values(JobName).filter((name) => !handled.has(name));
    if (missing.length) throw new Error(`jobs without a handler: ${missing.join(', ')}`);
  }

  /** The workers exist from here on (they are created during init). */
  onApplicationBootstrap(): void {
    logWorkerErrors(PROCESSORS.map((processor) => this.moduleRef.get(processor, { strict: false })));
  }
}
