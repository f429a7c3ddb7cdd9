import { BullModule } from '@nestjs/bullmq';
import { Module, OnModuleInit } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { CaseRecordsReader } from '../cases/case-records-reader';
import { CaseTasksReader } from '../cases/case-tasks-reader';
import { IdentityModule } from '../identity/identity.module';
import { CasesModule } from '../cases/cases.module';
import { CasesService } from '../cases/cases.service';
import { IdentityService } from '../identity/identity.service';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ConnectorMetrics } from './connector-metrics';
import { CONNECTOR_MODULES, CONNECTOR_PLUGINS } from './connector-modules';
import { SystemChecksService } from './system-checks/system-checks.service';
import { ConnectorRegistry, FoundConnectors } from './connector-registry';
import { CaseSettlementService } from './fanout/case-settlement.service';
import { FANOUT_FLOW, FanoutService } from './fanout/fanout.service';
import { FanoutReconciliation } from './fanout/fanout-reconciliation';
import { ObjectionDecisionEntity } from './fanout/objection-decision.entity';
import { LegalHoldEntity } from './holds/legal-hold.entity';
import { LegalHoldExpiryService } from './holds/legal-hold-expiry.service';
import { LegalHoldService } from './holds/legal-hold.service';
import { ForwardingService } from './manual/forwarding.service';
import { MarketingProcessorService } from './marketing/marketing-processor.service';
import { ForwardingChoiceService } from './manual/forwarding-choice.service';
import { ForwardingController } from './manual/forwarding.controller';
import { ForwardingReceipt } from './manual/forwarding-receipt';
import { HandoverCleanupListener } from './manual/handover/handover-cleanup.listener';
import { CaseRecordsService } from './records/case-records.service';
import { RecordApprovalGate } from './records/record-approval.gate';
import { RecordDecisionsService } from './records/record-decisions.service';
import { RecordDiscoveryQueue } from './records/record-discovery-queue.service';
import { RecordDiscoveryRunner } from './records/record-discovery.runner';
import { RecordSubjects } from './records/record-subjects.service';
import { RecordsController } from './records/records.controller';
import { PlanApprovalListener } from './plan/plan-approval.listener';
import { PlanController } from './plan/plan.controller';
import { PlanExecution } from './plan/plan-execution.service';
import { PlanReviewService } from './plan/plan-review.service';
import { PlanSurveyor } from './plan/plan-surveyor.service';
import { toRecordJson, toRecordSearchJson } from './records/records-json';
import { ManualTaskService } from './manual/manual-task.service';
import { CasePreservationEntity } from './manual/preservation.entity';
import { PreservationService } from './manual/preservation.service';
import { CaseTaskEntity } from './tasks/case-task.entity';
import { TaskCommandsService } from './tasks/task-commands.service';
import { TaskExportEntity } from './tasks/task-export.entity';
import { TaskOutcomesModule } from './tasks/task-outcomes.reader';
import { toTaskJson } from './tasks/task-json';
import { TaskOutcomeRecorder } from './tasks/task-outcome.recorder';
import { TaskRunnerService } from './tasks/task-runner.service';
import { TasksController } from './tasks/tasks.controller';

/** One task queue per listed connector (tasks-<type>); the manual one is in the catalogue. */
const CONNECTOR_QUEUES = BullModule.registerQueue(...CONNECTOR_PLUGINS.map((plugin) => ({ name: plugin.queue })));

const SERVICES = [
  ConnectorRegistry,
  FoundConnectors,
  FanoutService,
  CaseSettlementService,
  TaskRunnerService,
  TaskOutcomeRecorder,
  TaskCommandsService,
  LegalHoldService,
  LegalHoldExpiryService,
  ManualTaskService,
  PreservationService,
  ForwardingService,
  MarketingProcessorService,
  ForwardingReceipt,
  ForwardingChoiceService,
  HandoverCleanupListener,
  FanoutReconciliation,
  CaseRecordsService,
  RecordDiscoveryQueue,
  RecordDiscoveryRunner,
  RecordDecisionsService,
  RecordSubjects,
  RecordApprovalGate,
  PlanSurveyor,
  PlanReviewService,
  PlanExecution,
  PlanApprovalListener,
  SystemChecksService,
];

/** Connectors, fan-out and tasks: from a ready case to one outcome per system (ARCHITECTURE.md "The life of a case", step 4). */
@Module({
  imports: [
    TypeOrmModule.forFeature([CaseTaskEntity, TaskExportEntity, LegalHoldEntity, ObjectionDecisionEntity, CasePreservationEntity]),
    BullModule.registerFlowProducer({ name: FANOUT_FLOW }),
    CONNECTOR_QUEUES,
    DiscoveryModule,
    ...CONNECTOR_MODULES,
    AuditModule,
    CasesModule,
    IdentityModule,
    DeadlinesModule,
    NotificationsModule,
    // The export cipher the recorder seals with, from the module that reads exports.
    TaskOutcomesModule,
  ],
  controllers: [TasksController, RecordsController, ForwardingController, PlanController],
  providers: [...SERVICES, ConnectorMetrics],
  exports: [...SERVICES, CONNECTOR_QUEUES],
})
export class ConnectorsModule implements OnModuleInit {
  constructor(
    private readonly reader: CaseTasksReader,
    private readonly commands: TaskCommandsService,
    private readonly cases: CasesService,
    private readonly approvals: RecordApprovalGate,
    private readonly recordsReader: CaseRecordsReader,
    private readonly records: CaseRecordsService,
    private readonly identity: IdentityService,
  ) {}

  /** The case JSON gets its tasks from here (the cases module does not know the task table), and
   *  an approval covers the records found (src/connectors/records). */
  onModuleInit(): void {
    this.reader.useReader(async (caseId) => (await this.commands.tasksFor(caseId)).map(toTaskJson));
    this.cases.useApprovalGate(this.approvals);
    this.recordsReader.useReader(async (caseId) => {
      const [records, discoveries, surveys, identifiers] = await Promise.all([
        this.records.records(caseId),
        this.records.discoveries(caseId),
        this.records.surveys(caseId),
        this.identity.list(caseId),
      ]);
      return {
        records: records.map((record) => toRecordJson(record, identifiers)),
        recordSearch: discoveries.map((discovery) =>
          toRecordSearchJson(
            discovery,
            surveys.find((survey) => survey.systemId === discovery.systemId),
          ),
        ),
      };
    });
  }
}
