import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { CaseRecordApprovalEntity } from '../../identity/case-record-approval.entity';
import { CaseRecordDiscoveryEntity } from '../../identity/case-record-discovery.entity';
import { CaseRecordMatchEntity } from '../../identity/case-record-match.entity';
import { ACTIONABLE_RECORD_STATUSES } from '../../identity/identity-types';
import type { RecordGate } from '../fanout/fanout-plan';
import { ACTING_TASK_SQL } from '../tasks/case-task.entity';
import { CasePlanItemEntity } from '../plan/case-plan-item.entity';
import { CasePlanSurveyEntity } from '../plan/case-plan-survey.entity';
import { planLines, recordSetFingerprint } from './record-fingerprint';

export interface RecordsState extends RecordGate {
  /** The records the engine may act on: matched, or confirmed by staff. */
  actionable: CaseRecordMatchEntity[];
  fingerprint: string;
  latestApproval: CaseRecordApprovalEntity | null;
}

/** Reads where a case's record search stands: what fan-out, approval and the pages need. */
@Injectable()
export class CaseRecordsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async state(caseId: string, manager: EntityManager = this.dataSource.manager): Promise<RecordsState> {
    // One after another: inside a transaction they share one connection.
    const discoveries = await manager.find(CaseRecordDiscoveryEntity, { where: { caseId } });
    const undecided = await manager.count(CaseRecordMatchEntity, { where: { caseId, status: 'candidate' } });
    const actionable = await this.actionable(caseId, manager);
    const latestApproval = await manager.findOne(CaseRecordApprovalEntity, { where: { caseId }, order: { approvedAt: 'DESC' } });
    // The plan is part of what is approved: every record's decided action, kept basis and fields.
    const surveys = await manager.find(CasePlanSurveyEntity, { where: { caseId } });
    const items = await manager.find(CasePlanItemEntity, { where: { caseId, gone: false } });
    const fingerprint = recordSetFingerprint(actionable, planLines(items));
    return {
      searching: discoveries.some((row) => row.status !== 'done') || surveys.some((row) => row.status !== 'done'),
      undecided: undecided > 0,
      approvalCurrent: latestApproval?.fingerprint === fingerprint,
      actionable,
      fingerprint,
      latestApproval,
    };
  }

  async searchedIn(caseId: string, systemId: string): Promise<boolean> {
    return (await this.dataSource.getRepository(CaseRecordDiscoveryEntity).count({ where: { caseId, systemId, status: 'done' } })) > 0;
  }

  actionable(caseId: string, manager: EntityManager = this.dataSource.manager): Promise<CaseRecordMatchEntity[]> {
    return manager.find(CaseRecordMatchEntity, {
      where: { caseId, status: In([...ACTIONABLE_RECORD_STATUSES]) },
      order: { systemId: 'ASC', externalId: 'ASC' },
    });
  }

  records(caseId: string): Promise<CaseRecordMatchEntity[]> {
    return this.dataSource.getRepository(CaseRecordMatchEntity).find({ where: { caseId }, order: { systemId: 'ASC', createdAt: 'ASC' } });
  }

  surveys(caseId: string): Promise<CasePlanSurveyEntity[]> {
    return this.dataSource.getRepository(CasePlanSurveyEntity).find({ where: { caseId } });
  }

  discoveries(caseId: string): Promise<CaseRecordDiscoveryEntity[]> {
    return this.dataSource.getRepository(CaseRecordDiscoveryEntity).find({ where: { caseId }, order: { systemId: 'ASC' } });
  }

  async hasTasks(caseId: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM case_tasks WHERE case_id = $1 AND ${ACTING_TASK_SQL} LIMIT 1`, [caseId]);
    return rows.length > 0;
  }
}
