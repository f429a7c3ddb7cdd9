import { InjectFlowProducer } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FlowProducer } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AuditService } from '../../audit/audit.service';
import { CASE_CHANGED, type CaseChangedEvent } from '../../cases/case-events';
import { Clock } from '../../common/clock';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { JobQueue, flowJob, jobRequest } from '../../queues/job-queue';
import { JobName, jobIds } from '../../queues/queue-catalogue';
import { representationGate } from '../../representation/representation-gate';
import { SystemsService } from '../../systems/systems.service';
import { CaseTaskEntity } from '../tasks/case-task.entity';
import { taskJobOptions, taskQueueFor } from '../tasks/task-queues';
import { CaseRecordsService } from '../records/case-records.service';
import { RecordDiscoveryQueue } from '../records/record-discovery-queue.service';
import { CaseSettlementService } from './case-settlement.service';
import { planTasks, readiness } from './fanout-plan';
import { ObjectionDecisionEntity } from './objection-decision.entity';
import { CasesReader } from '../../cases/cases-reader';

export const FANOUT_FLOW = 'fanout';

/** Changes after which a case may have become ready for fan-out. */
const FANOUT_EVENTS = new Set(['case.registered', 'case.verified', 'case.approved', 'case.objection_decided', 'authority.accepted']);

/**
 * Turns a ready case into tasks: one row per (system, action), inserted idempotently, then one
 * BullMQ flow per batch: the tasks as children on their connector's queue, a parent that runs when
 * every child has finished (a failed child does not hold it up).
 */
@Injectable()
export class FanoutService {
  private readonly logger = new Logger('Fanout');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly casesReader: CasesReader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectFlowProducer(FANOUT_FLOW) private readonly flows: FlowProducer,
    private readonly jobs: JobQueue,
    private readonly systems: SystemsService,
    private readonly settlement: CaseSettlementService,
    private readonly records: CaseRecordsService,
    private readonly discovery: RecordDiscoveryQueue,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  @OnEvent(CASE_CHANGED, { promisify: true, suppressErrors: false })
  async onCaseChanged(event: CaseChangedEvent): Promise<void> {
    if (!FANOUT_EVENTS.has(event.type) || event.snapshot.status !== 'in_progress') return;
    try {
      await this.fanOut(event.caseId);
    } catch (error) {
      // The change is committed; the reconciliation pass fans the case out later.
      this.logger.warn(`could not fan out case ${event.caseId}: ${(error as Error).name}`);
    }
  }

  /**
   * Creates the tasks a ready case is missing and queues them. Returns how many were created.
   * A verified case first has its records searched for in every API system (the search ends by
   * calling this again); tasks wait until that is done and every possible match is decided.
   */
  async fanOut(caseId: string): Promise<number> {
    if (await representationGate(this.dataSource.manager, caseId)) return 0;
    const entity = await this.casesReader.byId(caseId);
    if (!entity) return 0;
    if (entity.status !== 'in_progress' || !entity.verifiedAt) return 0;
    // Once tasks exist the records they act on are fixed; before, a search is started where missing.
    if (!(await this.records.hasTasks(caseId))) await this.discovery.ensureStarted(caseId);
    const decision = await this.dataSource.getRepository(ObjectionDecisionEntity).findOne({ where: { caseId } });
    const records = await this.records.state(caseId);
    if (readiness(entity, this.systems.approvalRequired(entity.type), decision?.decision ?? null, records) !== 'ready') return 0;
    const planned = planTasks(entity, this.systems.systems(), decision?.decision ?? null);
    if (!planned.length) {
      await this.settlement.settle(caseId, { allowEmpty: true });
      return 0;
    }
    const created = await this.dataSource.transaction(async (manager) => {
      const rows = planned.map((task) => {
        const id = randomUUID();
        return { id, caseId, ...task, status: 'pending' as const, jobId: jobIds.task(id) };
      });
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(CaseTaskEntity)
        .values(rows as QueryDeepPartialEntity<CaseTaskEntity>[])
        .orIgnore()
        .returning(['id'])
        .execute();
      const insertedIds = new Set((inserted.raw as Array<{ id: string }>).map((row) => row.id));
      const fresh = rows.filter((row) => insertedIds.has(row.id));
      if (fresh.length) {
        await this.audit.append(manager, {
          caseId,
          type: 'case.fanned_out',
          actor: 'system',
          occurredAt: this.clock.now(),
          data: { tasks: fresh.map((row) => ({ taskId: row.id, system: row.systemId, action: row.action })) },
        });
      }
      return fresh;
    });
    if (!created.length) return 0;
    await this.flows.add(
      flowJob(
        jobRequest(JobName.FanoutComplete, { caseId }, { jobId: jobIds.fanout(caseId, created[0].id) }),
        created.map((task) =>
          flowJob(
            jobRequest(
              JobName.RunTask,
              { taskId: task.id },
              { ...taskJobOptions(this.config, task.jobId), ignoreDependencyOnFailure: true, queue: taskQueueFor(task) },
            ),
          ),
        ),
      ),
    );
    this.logger.log(`case ${caseId}: ${created.length} task(s) queued`);
    return created.length;
  }

  /** Queues one task's job on its own (a retry, or reconciliation re-offering a lost job). */
  async enqueue(task: Pick<CaseTaskEntity, 'id' | 'action' | 'connectorType' | 'jobId'>): Promise<void> {
    const jobId = task.jobId ?? jobIds.task(task.id);
    await this.jobs.enqueue(JobName.RunTask, { taskId: task.id }, { ...taskJobOptions(this.config, jobId), queue: taskQueueFor(task) });
  }
}
