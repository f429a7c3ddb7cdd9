import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ReconcilePass } from '../../deadlines/alerts/reconcile-pass';
import { LegalHoldService } from '../holds/legal-hold.service';
import { ManualTaskService } from '../manual/manual-task.service';
import { RecordDiscoveryQueue } from '../records/record-discovery-queue.service';
import type { CaseTaskEntity } from '../tasks/case-task.entity';
import { CaseSettlementService } from './case-settlement.service';
import { FanoutService } from './fanout.service';

const BATCH = 1000;

/**
 * Fan-out's share of the reconciliation pass: everything Redis should hold is rebuilt from PostgreSQL.
 * Pending record searches get their jobs, ready cases their missing tasks, open tasks their jobs, manual tasks their reminders, holds
 * their erasure jobs, and finished cases their move to review. Every step is idempotent.
 */
@Injectable()
export class FanoutReconciliation {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly fanout: FanoutService,
    private readonly settlement: CaseSettlementService,
    private readonly manual: ManualTaskService,
    private readonly holds: LegalHoldService,
    private readonly discovery: RecordDiscoveryQueue,
  ) {}

  @ReconcilePass('fanout')
  async rebuild(): Promise<number> {
    // Searches first: a case whose search job Redis lost gets it back before fan-out looks at it.
    let offered = await this.discovery.rebuild();
    let afterId = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const cases: Array<{ id: string }> = await this.dataSource.query(
        `SELECT id FROM cases WHERE status = 'in_progress' AND verified_at IS NOT NULL AND id > $1 ORDER BY id LIMIT $2`,
        [afterId, BATCH],
      );
      for (const { id } of cases) offered += await this.fanout.fanOut(id);
      if (cases.length < BATCH) break;
      afterId = cases[cases.length - 1].id;
    }
    const open: Array<Pick<CaseTaskEntity, 'id' | 'action' | 'connectorType' | 'jobId'>> = await this.dataSource.query(
      `SELECT t.id, t.action, t.connector_type AS "connectorType", t.job_id AS "jobId"
         FROM case_tasks t JOIN cases c ON c.id = t.case_id
        WHERE t.status IN ('pending','running') AND c.status IN ('in_progress','awaiting_review')`,
    );
    for (const task of open) await this.fanout.enqueue(task);
    offered += open.length;
    offered += await this.manual.rebuild();
    offered += await this.holds.rebuild();
    for (const caseId of await this.settlement.unsettledCaseIds()) await this.settlement.settle(caseId);
    return offered;
  }
}
