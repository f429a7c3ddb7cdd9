import { Inject, Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { CASE_CHANGED, type CaseChangedEvent } from '../../cases/case-events';
import { OPEN_STATUSES } from '../../common/case-types';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { ReconcilePass } from '../../deadlines/alerts/reconcile-pass';
import { JobQueue } from '../../queues/job-queue';
import { JobName, jobIds } from '../../queues/queue-catalogue';
import { processorSystems } from '../../systems/registration-work';
import { SystemsService } from '../../systems/systems.service';
import { CaseTaskEntity } from '../tasks/case-task.entity';
import { taskJobOptions, taskQueueFor } from '../tasks/task-queues';

const BATCH = 1000;

/**
 * A processor must pass a request to its controller without delay (Art 28(3)(e)), so processor-role
 * systems are not part of fan-out: when a case is registered, each gets its `forward` task at once,
 * before our own verification, record search or approval. The row comes first (one per case and
 * system, the task table's unique key), then its job; the reconciliation pass creates rows the
 * event missed and re-offers jobs Redis lost, and a failed e-mail is retried by the outbox.
 */
@Injectable()
export class ForwardingReceipt {
  private readonly logger = new Logger('Forwarding');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly systems: SystemsService,
    private readonly jobs: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @OnEvent(CASE_CHANGED, { promisify: true, suppressErrors: false })
  async onCaseChanged(event: CaseChangedEvent): Promise<void> {
    if (event.type !== 'case.registered') return;
    try {
      await this.createForwards(event.caseId);
    } catch (error) {
      // The case is committed; the reconciliation pass creates the forwards later.
      this.logger.warn(`could not create the forwards of case ${event.caseId}: ${(error as Error).name}`);
    }
  }

  /** Creates the forward tasks a case is missing and queues them. Returns how many were created. */
  async createForwards(caseId: string): Promise<number> {
    const processors = this.mappedProcessors();
    if (!processors.length) return 0;
    const rows = processors.map((system) => {
      const id = randomUUID();
      return {
        id,
        caseId,
        systemId: system.id,
        connectorType: system.connector,
        action: 'forward' as const,
        status: 'pending' as const,
        jobId: jobIds.task(id),
      };
    });
    const inserted = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(CaseTaskEntity)
      .values(rows as QueryDeepPartialEntity<CaseTaskEntity>[])
      .orIgnore()
      .returning(['id'])
      .execute();
    const ids = new Set((inserted.raw as Array<{ id: string }>).map((row) => row.id));
    const created = rows.filter((row) => ids.has(row.id));
    for (const task of created) await this.enqueue(task);
    return created.length;
  }

  @ReconcilePass('processor-forwards')
  async rebuild(): Promise<number> {
    const processorIds = this.mappedProcessors().map((system) => system.id);
    if (!processorIds.length) return 0;
    let offered = 0;
    const missing: Array<{ id: string }> = await this.dataSource.query(
      `SELECT c.id FROM cases c
        WHERE c.status = ANY($1)
          AND EXISTS (SELECT 1 FROM unnest($2::text[]) AS s(id)
                       WHERE NOT EXISTS (SELECT 1 FROM case_tasks t WHERE t.case_id = c.id AND t.system_id = s.id AND t.action = 'forward'))
        LIMIT $3`,
      [OPEN_STATUSES, processorIds, BATCH],
    );
    for (const { id } of missing) offered += await this.createForwards(id);
    // Fan-out's pass re-offers tasks of verified cases; a forward also runs before verification.
    const open: Array<Pick<CaseTaskEntity, 'id' | 'action' | 'connectorType' | 'jobId'>> = await this.dataSource.query(
      `SELECT t.id, t.action, t.connector_type AS "connectorType", t.job_id AS "jobId"
         FROM case_tasks t JOIN cases c ON c.id = t.case_id
        WHERE t.action = 'forward' AND t.status IN ('pending','running') AND c.status = ANY($1)`,
      [OPEN_STATUSES],
    );
    for (const task of open) await this.enqueue(task);
    return offered + open.length;
  }

  private mappedProcessors() {
    return processorSystems(this.systems.systems());
  }

  private async enqueue(task: Pick<CaseTaskEntity, 'id' | 'action' | 'connectorType' | 'jobId'>): Promise<void> {
    const jobId = task.jobId ?? jobIds.task(task.id);
    await this.jobs.enqueue(JobName.RunTask, { taskId: task.id }, { ...taskJobOptions(this.config, jobId), queue: taskQueueFor(task) });
  }
}
