import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { isClosed } from '../../cases/case-transitions';
import { CasesReader } from '../../cases/cases-reader';
import type { CaseEntity } from '../../cases/case.entity';
import { Clock } from '../../common/clock';
import { conflict, notFound } from '../../common/domain-error';
import { SystemsService } from '../../systems/systems.service';
import { CaseRecordsService } from '../records/case-records.service';
import { CasePlanItemEntity } from './case-plan-item.entity';
import { CasePlanSurveyEntity } from './case-plan-survey.entity';
import { planDecision } from './plan-decision';
import { isPlanned } from './plan-request';
import { toPlanItemJson, type PlanJson } from './plan-json';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Review: the plan per system and record as the handler sees it, and a handler's decision on one
 * record. Every decision changes the approval's fingerprint (records/case-records.service), so a
 * plan changed after approval asks for a new approval.
 */
@Injectable()
export class PlanReviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly casesReader: CasesReader,
    private readonly systems: SystemsService,
    private readonly records: CaseRecordsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async plan(reference: string): Promise<PlanJson> {
    const entity = await this.casesReader.byReference(reference.toUpperCase());
    if (!entity) throw notFound(`Case ${reference}`);
    return this.planOf(entity);
  }

  async planOf(entity: CaseEntity): Promise<PlanJson> {
    const surveys = await this.dataSource.getRepository(CasePlanSurveyEntity).find({ where: { caseId: entity.id } });
    const items = await this.dataSource
      .getRepository(CasePlanItemEntity)
      .find({ where: { caseId: entity.id }, order: { systemId: 'ASC', recordType: 'DESC', recordDate: 'ASC', ref: 'ASC' } });
    const state = await this.records.state(entity.id);
    const surveyOf = new Map(surveys.map((survey) => [survey.systemId, survey]));
    const systems = isPlanned(entity.type)
      ? this.systems
          .systems()
          .filter((system) => system.role === 'controller')
          .map((system) => {
            const survey = surveyOf.get(system.id);
            if (!survey) return { system: system.id, name: system.name, status: 'whole' as const, surveyedAt: null, changed: false, items: [] };
            return {
              system: system.id,
              name: system.name,
              status: survey.status,
              surveyedAt: survey.surveyedAt?.toISOString() ?? null,
              changed: survey.changed,
              ...(survey.status === 'failed' ? { error: survey.error, errorText: survey.errorText } : {}),
              items: items.filter((item) => item.systemId === system.id).map(toPlanItemJson),
            };
          })
      : [];
    return {
      reference: entity.reference,
      planned: isPlanned(entity.type),
      approvedAt: entity.approvedAt?.toISOString() ?? null,
      approvalCurrent: Boolean(entity.approvedAt) && state.approvalCurrent,
      systems,
    };
  }

  async decide(reference: string, itemId: string, body: unknown, actor: string): Promise<CasePlanItemEntity> {
    if (!UUID.test(itemId)) throw notFound(`Plan item ${itemId}`);
    return this.dataSource.transaction(async (manager) => {
      const entity = await this.casesReader.lockedByReference(manager, reference.toUpperCase());
      if (!entity) throw notFound(`Case ${reference}`);
      const item = await manager.findOne(CasePlanItemEntity, { where: { id: itemId, caseId: entity.id }, lock: { mode: 'pessimistic_write' } });
      if (!item) throw notFound(`Plan item ${itemId}`);
      if (isClosed(entity)) throw conflict(`Cannot change the plan: the case is ${entity.status}.`, { code: 'case_closed', params: { status: entity.status } });
      const decision = planDecision(body, item.fields);
      // A system's task that has started acts on the plan as approved; pending ones wait for approval.
      const started: unknown[] = await manager.query(`SELECT 1 FROM case_tasks WHERE case_id = $1 AND system_id = $2 AND status NOT IN ('pending') LIMIT 1`, [
        entity.id,
        item.systemId,
      ]);
      if (started.length) throw conflict('Cannot change the plan: the task for this system has started.', { code: 'tasks_exist' });
      const now = this.clock.now();
      Object.assign(item, { action: decision.action, keep: decision.keep, decidedFields: decision.fields, decidedBy: actor, decidedAt: now, change: null });
      await manager.save(item);
      await this.audit.append(manager, {
        caseId: entity.id,
        type: 'plan.item_decided',
        actor,
        occurredAt: now,
        // The decision's kind only: the record's label and a claim's words stay with the plan.
        data: {
          itemId: item.id,
          system: item.systemId,
          proposed: item.proposed,
          action: decision.action,
          ...(decision.keep ? { basis: decision.keep.basis, restrict: decision.keep.restrict } : {}),
        },
      });
      return item;
    });
  }
}
