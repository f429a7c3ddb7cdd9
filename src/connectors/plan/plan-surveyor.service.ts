import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { CasesReader } from '../../cases/cases-reader';
import { Clock } from '../../common/clock';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { SystemsService } from '../../systems/systems.service';
import type { SummaryText, SurveyedRecord } from '../connector';
import { ConnectorRegistry } from '../connector-registry';
import { RecordSubjects } from '../records/record-subjects.service';
import { systemContext } from '../system-context';
import { CasePlanItemEntity } from './case-plan-item.entity';
import { CasePlanSurveyEntity } from './case-plan-survey.entity';
import { isPlanned, planRequestOf } from './plan-request';

/** What a survey found compared with the plan before it. */
export interface SurveyResult {
  /** Records that were not in the plan, or are no longer found. */
  changed: boolean;
  items: number;
}

/**
 * Discover: once a system's record search is done and no possible match there is undecided, its
 * connector lists every record the request would touch and proposes what to do with each
 * (`survey`, changing nothing). The rows are written first (`pending`, in the search's own
 * transaction), so approval waits for the plan; the survey runs right after, in the same job.
 */
@Injectable()
export class PlanSurveyor {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly casesReader: CasesReader,
    private readonly registry: ConnectorRegistry,
    private readonly systems: SystemsService,
    private readonly subjects: RecordSubjects,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Whether this system gets a survey for this case type (its connector can survey). */
  surveys(caseType: string, systemId: string): boolean {
    const system = this.systems.system(systemId);
    const connector = system ? this.registry.forSystem(system) : undefined;
    return isPlanned(caseType) && typeof connector?.survey === 'function';
  }

  /** Marks the system's survey pending for this search round, inside the search's transaction.
   *  The survey lists only the records matched or confirmed: a possible match joins the plan once
   *  confirmed (which establishes its identifiers, so the system is searched and surveyed again);
   *  approval waits for every decision anyway. Returns false when the system is not surveyed. */
  async prepare(manager: EntityManager, caseId: string, caseType: string, systemId: string, round: number): Promise<boolean> {
    if (!this.surveys(caseType, systemId)) return false;
    await manager.query(
      `INSERT INTO case_plan_surveys (case_id, system_id, status, round) VALUES ($1, $2, 'pending', $3)
       ON CONFLICT (case_id, system_id) DO UPDATE SET status = 'pending', round = $3, error = NULL, error_text = NULL`,
      [caseId, systemId, round],
    );
    return true;
  }

  /** Whether this round's survey of the system waits to run (a retry after a failed attempt). */
  async pending(caseId: string, systemId: string, round: number): Promise<boolean> {
    return (await this.dataSource.getRepository(CasePlanSurveyEntity).count({ where: { caseId, systemId, round, status: 'pending' } })) > 0;
  }

  /** Runs this round's survey if it is pending (null otherwise). Errors are the caller's to record. */
  async run(caseId: string, systemId: string, round: number): Promise<SurveyResult | null> {
    if (!(await this.pending(caseId, systemId, round))) return null;
    return this.survey(caseId, systemId, { markNew: false });
  }

  /** Visible on the case (the provider's answer, no personal data); staff search again once fixed. */
  async failed(caseId: string, systemId: string, round: number, reason: SummaryText): Promise<void> {
    await this.dataSource
      .getRepository(CasePlanSurveyEntity)
      .update({ caseId, systemId, round, status: 'pending' }, { status: 'failed', error: reason.en, errorText: reason });
  }

  /**
   * Lists the records and writes them into the plan. A record already in the plan keeps the
   * handler's decision; a new one gets the proposal (and, with `markNew`, is flagged new so the
   * handler sees what changed since the approval); one no longer found is marked gone.
   */
  async survey(caseId: string, systemId: string, options: { markNew: boolean }): Promise<SurveyResult> {
    const entity = await this.casesReader.byId(caseId);
    const system = this.systems.system(systemId);
    const connector = system ? this.registry.forSystem(system) : undefined;
    if (!entity || !system || !connector?.survey) throw new Error(`system "${systemId}" cannot be surveyed`);
    const subject = await this.subjects.forSystem(caseId, systemId);
    const request = planRequestOf(entity, this.clock.now(), this.config.TZ_NAME);
    const found = subject ? await connector.survey(systemContext(system), subject, request, { legalHolds: system.legalHolds }) : [];
    return this.dataSource.transaction(async (manager) => {
      const existing = await manager.find(CasePlanItemEntity, { where: { caseId, systemId }, lock: { mode: 'pessimistic_write' } });
      const byRef = new Map(existing.map((item) => [item.ref, item]));
      const seen = new Set<string>();
      let changed = false;
      for (const record of found) {
        seen.add(record.ref);
        const known = byRef.get(record.ref);
        if (known) {
          if (known.gone) changed = true;
          await manager.update(CasePlanItemEntity, { id: known.id }, { ...described(record), gone: false });
        } else {
          changed = true;
          await manager.insert(CasePlanItemEntity, {
            caseId,
            systemId,
            ...described(record),
            action: record.proposed,
            keep: record.keep ?? null,
            // A proposal to restrict or correct some fields (the contested or corrected ones) stands until a handler changes it.
            decidedFields: (record.proposed === 'restrict' || record.proposed === 'rectify') && record.fields?.length ? record.fields : null,
            change: options.markNew ? 'new' : null,
          });
        }
      }
      for (const item of existing.filter((candidate) => !seen.has(candidate.ref) && !candidate.gone)) {
        changed = true;
        await manager.update(CasePlanItemEntity, { id: item.id }, { gone: true });
      }
      await manager.update(CasePlanSurveyEntity, { caseId, systemId }, { status: 'done', surveyedAt: this.clock.now(), error: null, errorText: null });
      await this.audit.append(manager, {
        caseId,
        type: 'plan.surveyed',
        actor: 'system',
        occurredAt: this.clock.now(),
        // Counts only: labels and refs stay in the plan's own table.
        data: { system: systemId, records: found.length, changed },
      });
      return { changed: changed && existing.length > 0, items: found.length };
    });
  }
}

function described(record: SurveyedRecord) {
  return {
    ref: record.ref.slice(0, 120),
    recordType: record.recordType,
    label: record.label.slice(0, 300),
    labelText: record.labelText ?? null,
    recordDate: record.date ?? null,
    parent: record.parent ?? null,
    proposed: record.proposed,
    proposedKeep: record.keep ?? null,
    note: record.note ?? null,
    noteText: record.noteText ?? null,
    fields: record.fields ?? null,
  };
}
