import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { CASE_CHANGED, type CaseChangedEvent } from '../../cases/case-events';
import { jobIds } from '../../queues/queue-catalogue';
import { CaseRecordApprovalEntity } from '../../identity/case-record-approval.entity';
import { FanoutService } from '../fanout/fanout.service';
import { CaseTaskEntity } from '../tasks/case-task.entity';
import { PLAN_CHANGED, PLAN_UNAPPROVED, PlanExecution } from './plan-execution.service';

/**
 * A new approval of a changed plan: the tasks that waited for it run again. Each gets a job id of
 * its own per approval (the earlier job finished), so a repeated event queues it once.
 */
@Injectable()
export class PlanApprovalListener {
  private readonly logger = new Logger('Plans');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly execution: PlanExecution,
    private readonly fanout: FanoutService,
  ) {}

  @OnEvent(CASE_CHANGED, { promisify: true, suppressErrors: false })
  async onCaseChanged(event: CaseChangedEvent): Promise<void> {
    if (event.type !== 'case.approved') return;
    try {
      if (!(await this.execution.approved(event.caseId))) return;
      const waiting = await this.dataSource
        .getRepository(CaseTaskEntity)
        .find({ where: { caseId: event.caseId, status: 'pending', error: In([PLAN_CHANGED, PLAN_UNAPPROVED]) } });
      if (!waiting.length) return;
      const approvals = await this.dataSource.getRepository(CaseRecordApprovalEntity).count({ where: { caseId: event.caseId } });
      for (const task of waiting) await this.fanout.enqueue({ ...task, jobId: jobIds.task(task.id, approvals) });
    } catch (error) {
      // The approval is committed; the reconciliation pass re-offers pending tasks.
      this.logger.warn(`could not resume the tasks of case ${event.caseId}: ${(error as Error).name}`);
    }
  }
}
