import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import type { CaseEntity } from '../../cases/case.entity';
import { Clock } from '../../common/clock';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { SystemsService } from '../../systems/systems.service';
import { STAFF_DIRECTORY, type StaffDirectory } from '../../common/auth/staff-directory';
import { OutboxService } from '../../notifications/outbox.service';
import { composePlanChanged } from './plan-changed-mail';
import type { PlanItem, PlanRequest, SummaryText } from '../connector';
import type { RecordType } from '../../common/dispositions/disposition';
import { CaseRecordsService } from '../records/case-records.service';
import { CasePlanItemEntity } from './case-plan-item.entity';
import { CasePlanSurveyEntity } from './case-plan-survey.entity';
import { PlanSurveyor } from './plan-surveyor.service';
import { planRequestOf } from './plan-request';

/** What a task does with its system's plan. */
export type PlanStep =
  /** No survey for this system: the connector acts on it as a whole (erase/restrict/rectify). */
  | { kind: 'whole' }
  /** Exactly these approved items. */
  | { kind: 'execute'; request: PlanRequest; items: PlanItem[] }
  /** Nothing is done: the plan changed (or is not approved) and waits for a handler's approval. */
  | { kind: 'wait'; reason: string; reasonText: SummaryText };

const HOUR_MS = 3_600_000;

/** Why a task waits for the plan, in each staff language (stored with the pending task's error). */
export const PLAN_WAITS: Record<'changed' | 'unapproved', SummaryText> = {
  changed: {
    en: 'The records changed since the plan was approved (surveyed again before execution): nothing was done; review the plan and approve it again.',
    nb: 'Oppføringene har endret seg siden planen ble godkjent (kartlagt på nytt før utførelsen): ingenting ble gjort; se gjennom planen og godkjenn den på nytt.',
  },
  unapproved: {
    en: 'The plan for this system has changed since the approval: nothing was done; approve the plan again.',
    nb: 'Planen for dette systemet er endret siden godkjenningen: ingenting ble gjort; godkjenn planen på nytt.',
  },
};
export const PLAN_CHANGED = PLAN_WAITS.changed.en;
export const PLAN_UNAPPROVED = PLAN_WAITS.unapproved.en;

/**
 * Execute: before a task acts on a surveyed system it checks the approval still covers the plan
 * and that the plan is fresh. One older than PLAN_MAX_AGE_HOURS is surveyed again; if the records
 * changed, nothing is executed and the case waits for a new approval (the plan shows what changed).
 */
@Injectable()
export class PlanExecution {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly surveyor: PlanSurveyor,
    private readonly records: CaseRecordsService,
    private readonly systems: SystemsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(STAFF_DIRECTORY) private readonly staff: StaffDirectory,
    private readonly outbox: OutboxService,
  ) {}

  async step(entity: CaseEntity, systemId: string): Promise<PlanStep> {
    const surveys = this.dataSource.getRepository(CasePlanSurveyEntity);
    const survey = await surveys.findOne({ where: { caseId: entity.id, systemId } });
    if (!survey || survey.status !== 'done') return { kind: 'whole' };
    const approvalNeeded = this.systems.approvalRequired(entity.type) || survey.changed;
    if (approvalNeeded && !(entity.approvedAt && (await this.records.state(entity.id)).approvalCurrent)) {
      return waiting(survey.changed ? 'changed' : 'unapproved');
    }
    const age = this.clock.now().getTime() - (survey.surveyedAt?.getTime() ?? 0);
    if (age > this.config.PLAN_MAX_AGE_HOURS * HOUR_MS) {
      const result = await this.surveyor.survey(entity.id, systemId, { markNew: true });
      if (result.changed) {
        // The handler hears of it; the mail is stored with the change and sent after the commit.
        const recipient = await this.staff.handlerRecipient(entity.assigneeId);
        const systemName = this.systems.nameOf(systemId, recipient.language);
        const mail = composePlanChanged(recipient, entity.id, entity.reference, systemName, this.config.PUBLIC_URL);
        const emailId = await this.dataSource.transaction(async (manager) => {
          await manager.update(CasePlanSurveyEntity, { caseId: entity.id, systemId }, { changed: true });
          await this.audit.append(manager, {
            caseId: entity.id,
            type: 'plan.changed_before_execution',
            actor: 'system',
            occurredAt: this.clock.now(),
            data: { system: systemId },
          });
          return this.outbox.store(manager, 'plan-changed', `plan-changed-${entity.id}-${systemId}-${this.clock.now().getTime()}`, mail);
        });
        await this.outbox.dispatch(emailId);
        return waiting('changed');
      }
    }
    const items = await this.dataSource.getRepository(CasePlanItemEntity).find({ where: { caseId: entity.id, systemId, gone: false } });
    return {
      kind: 'execute',
      request: planRequestOf(entity, this.clock.now(), this.config.TZ_NAME),
      items: items.map((item) => ({
        ref: item.ref,
        recordType: item.recordType as RecordType,
        action: item.action,
        ...(item.keep ? { keep: item.keep } : {}),
        ...(item.decidedFields ? { fields: item.decidedFields } : {}),
        ...(item.parent ? { parent: item.parent } : {}),
        asProposed: item.action === item.proposed && JSON.stringify(item.keep ?? null) === JSON.stringify(item.proposedKeep ?? null),
      })),
    };
  }

  /** After an approval that covers the plan as it is now, the "changed" marks have done their
   *  work. Returns false when the plan changed again meanwhile (the approval was of an older one). */
  async approved(caseId: string): Promise<boolean> {
    if (!(await this.records.state(caseId)).approvalCurrent) return false;
    await this.dataSource.getRepository(CasePlanSurveyEntity).update({ caseId, changed: true }, { changed: false });
    await this.dataSource.getRepository(CasePlanItemEntity).update({ caseId, change: 'new' }, { change: null });
    return true;
  }
}

function waiting(why: keyof typeof PLAN_WAITS): PlanStep {
  return { kind: 'wait', reason: PLAN_WAITS[why].en, reasonText: PLAN_WAITS[why] };
}
