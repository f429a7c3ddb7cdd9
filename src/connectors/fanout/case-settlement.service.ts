import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CasesService } from '../../cases/cases.service';
import { SystemsService } from '../../systems/systems.service';
import { ACTING_TASK_SQL, OPEN_TASK_STATUSES } from '../tasks/case-task.entity';
import { ObjectionDecisionEntity } from './objection-decision.entity';
import { CaseRecordsService } from '../records/case-records.service';
import { planTasks, readiness } from './fanout-plan';

/**
 * Moves a case to `awaiting_review` when none of its tasks is pending, running or waiting for a
 * person. The check runs under the case's row lock, so of many tasks finishing together exactly one
 * moves the case; every later call finds it no longer `in_progress` and does nothing.
 */
@Injectable()
export class CaseSettlementService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CasesService,
    private readonly systems: SystemsService,
    private readonly records: CaseRecordsService,
  ) {}

  /** `allowEmpty`: only fan-out itself may settle a case that has no tasks (its plan was empty);
   *  anyone else could run between the approval and the tasks' insert. */
  async settle(caseId: string, options: { allowEmpty?: boolean } = {}): Promise<boolean> {
    return this.cases.settleForReview(caseId, 'system', async (entity, manager) => {
      const decision = await manager.findOne(ObjectionDecisionEntity, { where: { caseId } });
      const records = await this.records.state(caseId, manager);
      if (readiness(entity, this.systems.approvalRequired(entity.type), decision?.decision ?? null, records) !== 'ready') return null;
      const counts = await this.countByStatus(manager, caseId);
      // A receipt forward is not fan-out's work: without fan-out's tasks the case may not be settled
      // yet, unless fan-out has nothing to plan for it (a map of processor systems only), in which
      // case the forward's own end settles it, whichever of approval and forward came first.
      const waitsForFanout = () => planTasks(entity, this.systems.systems(), decision?.decision ?? null).length > 0;
      if (!options.allowEmpty && !(await this.hasActingTasks(manager, caseId)) && waitsForFanout()) return null;
      if (OPEN_TASK_STATUSES.some((status) => counts[status])) return null;
      return { tasks: counts };
    });
  }

  private async hasActingTasks(manager: EntityManager, caseId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM case_tasks WHERE case_id = $1 AND ${ACTING_TASK_SQL} LIMIT 1`, [caseId]);
    return rows.length > 0;
  }

  private async countByStatus(manager: EntityManager, caseId: string): Promise<Record<string, number>> {
    const rows: Array<{ status: string; count: string }> = await manager.query(
      'SELECT status, count(*) AS count FROM case_tasks WHERE case_id = $1 GROUP BY status',
      [caseId],
    );
    return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
  }

  /** Open cases whose tasks have all finished but which are still `in_progress` (a crash between
   *  a task's end and its settle call). */
  async unsettledCaseIds(limit = 1000): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT c.id FROM cases c
        WHERE c.status = 'in_progress'
          AND EXISTS (SELECT 1 FROM case_tasks t WHERE t.case_id = c.id AND t.${ACTING_TASK_SQL})
          AND NOT EXISTS (SELECT 1 FROM case_tasks t WHERE t.case_id = c.id AND t.status IN ('pending','running','manual'))
        LIMIT $1`,
      [limit],
    );
    return rows.map((row) => row.id);
  }
}
