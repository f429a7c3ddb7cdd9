import { Module, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import { AuditChainProcessor } from '../audit/audit-chain.processor';
import { AuditModule } from '../audit/audit.module';
import { CasesModule } from '../cases/cases.module';
import { ConnectorsModule } from '../connectors/connectors.module';
import { FanoutProcessor } from '../connectors/fanout/fanout.processor';
import { TaskRateLimits } from '../connectors/tasks/task-rate-limits';
import { TASK_PROCESSORS } from '../connectors/tasks/task.processor';
import { DeadlineAlertProcessor } from '../deadlines/alerts/deadline-alert.processor';
import { ReconciliationProcessor } from '../deadlines/alerts/reconciliation.processor';
import { ReconciliationService } from '../deadlines/alerts/reconciliation.service';
import { ReconciliationSchedule } from '../deadlines/alerts/reconciliation.schedule';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { IntakeModule } from '../intake/intake.module';
import { VerificationProcessor } from '../intake/verification.processor';
import { EmailProcessor } from '../notifications/email.processor';
import { NotificationsModule } from '../notifications/notifications.module';
import { JobSchedulers } from '../queues/job-schedulers';
import { JobOutboxRelay } from '../queues/job-outbox/job-outbox.relay';
import { PackageExpiryProcessor } from '../responses/package/package-expiry.processor';
import { ResponsesModule } from '../responses/responses.module';
import { RetentionSweepProcessor } from '../responses/retention/retention-sweep.processor';
import { ReplyPollProcessor } from '../replies/reply-poll.processor';
import { RepliesModule } from '../replies/replies.module';
import { StaffDigestModule } from '../staff/digest/staff-digest.module';
import { StaffDigestProcessor } from '../staff/digest/staff-digest.processor';
import { StaffDigestSchedule } from '../staff/digest/staff-digest.schedule';
import { SystemChecksService } from '../connectors/system-checks/system-checks.service';
import { SchedulerWatchdog } from './scheduler-watchdog';
import { measureJobRuns } from './measured-processors';
import { discoverProcessors, jobHandlerProblems } from './job-handlers-check';
import { logWorkerErrors } from './worker-error-log';

/** Every BullMQ processor, loaded only in the worker role (ROLE=worker or all); each is measured
 *  (measured-processors.ts), and start-up checks what the instances handle (job-handlers-check.ts). */
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
  RetentionSweepProcessor,
  ReplyPollProcessor,
];
measureJobRuns(PROCESSORS);

@Module({
  imports: [
    DiscoveryModule,
    AuditModule,
    CasesModule,
    DeadlinesModule,
    NotificationsModule,
    ConnectorsModule,
    IntakeModule,
    StaffDigestModule,
    ResponsesModule,
    RepliesModule,
  ],
  providers: [...PROCESSORS, JobSchedulers, JobOutboxRelay, ReconciliationSchedule, StaffDigestSchedule, SchedulerWatchdog, TaskRateLimits],
})
export class WorkerModule implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly systemChecks: SystemChecksService,
    private readonly reconciliation: ReconciliationService,
    private readonly outboxRelay: JobOutboxRelay,
  ) {}

  /** Start-up fails, naming it, when a job in the catalogue has no handler on its queue
   *  (ARCHITECTURE.md "Modules", worker/): the processors are found, not listed. */
  onModuleInit(): void {
    const problems = jobHandlerProblems(discoverProcessors(this.discovery));
    if (problems.length) throw new Error(`worker cannot start: ${problems.join('; ')}`);
    // Staged jobs a crash or an outage left behind are also moved by every reconciliation.
    this.reconciliation.registerPass('job-outbox', () => this.outboxRelay.drain());
  }

  /** The workers exist from here on (they are created during init). */
  onApplicationBootstrap(): void {
    logWorkerErrors(discoverProcessors(this.discovery).map((processor) => processor.instance));
    // Each system's configured names, looked up once; not awaited, so no system holds up the start.
    void this.systemChecks.checkAll();
  }
}
