import { Inject, Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { CASE_CHANGED, type CaseChangedEvent } from '../../cases/case-events';
import { ReconcilePass } from '../../deadlines/alerts/reconcile-pass';
import type { CaseEntity } from '../../cases/case.entity';
import { CLOSING_EVENT_TYPES, isClosed } from '../../cases/case-transitions';
import { CasesReader } from '../../cases/cases-reader';
import { Clock } from '../../common/clock';
import { STAFF_DIRECTORY, type StaffDirectory } from '../../common/auth/staff-directory';
import { parseRecordDates } from '../../common/record-period';
import { CLOSED_STATUSES } from '../../common/case-types';
import { IdentityService } from '../../identity/identity.service';
import { OutboxService } from '../../notifications/outbox.service';
import type { SystemEntry } from '../../systems/data-map.schema';
import { SystemsService } from '../../systems/systems.service';
import { composePreservationEnded, composePreservationRequest } from './preservation-mail';
import { CasePreservationEntity } from './preservation.entity';
import { preservationVerdict, type PreservationVerdict } from './preservation-window';
import { preservesFor, systemsAtRiskOfRoutineDeletion } from '../../systems/registration-work';

/** The deadline is set or may have moved (registration, extension, a paused clock resumed, an
 *  earlier duplicate merged in): check again. */
const CHECK_EVENTS: ReadonlyArray<CaseChangedEvent['type']> = ['case.registered', 'case.extended', 'case.resumed', 'case.merged_in'];

/**
 * Preservation from the moment of receipt (docs/legal-rules.md "Keeping data while a request is
 * open"): when a case is registered, before anyone verified it, every manual system whose routine
 * deletion would remove the person's records before the deadline gets a row and its owner an e-mail
 * naming the days to keep; an extension checks again; the case closing tells the owner it may end.
 */
@Injectable()
export class PreservationService {
  private readonly logger = new Logger('Preservation');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly casesReader: CasesReader,
    private readonly systems: SystemsService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly identity: IdentityService,
    private readonly clock: Clock,
    @Inject(STAFF_DIRECTORY) private readonly staff: StaffDirectory,
  ) {}

  @OnEvent(CASE_CHANGED, { promisify: true, suppressErrors: false })
  async onCaseChanged(event: CaseChangedEvent): Promise<void> {
    try {
      if (CHECK_EVENTS.includes(event.type)) await this.check(event.caseId);
      else if (CLOSING_EVENT_TYPES.includes(event.type)) await this.end(event.caseId);
    } catch (error) {
      // The change is committed; the reconciliation pass checks again.
      this.logger.warn(`could not check preservation for case ${event.caseId} after ${event.type}: ${(error as Error).name}`);
    }
  }

  private atRisk(): SystemEntry[] {
    return systemsAtRiskOfRoutineDeletion(this.systems.systems());
  }

  /** Decides (again, when the deadline moved) for every system at risk; idempotent. Returns e-mails sent. */
  async check(caseId: string): Promise<number> {
    const entity = await this.casesReader.byId(caseId);
    if (!entity || isClosed(entity) || !preservesFor(entity.type)) return 0;
    const { dates } = parseRecordDates(entity.details);
    const emailIds: string[] = [];
    for (const system of this.atRisk()) {
      const verdict = preservationVerdict({ receivedOn: entity.receivedOn, effectiveDue: entity.effectiveDue, dates }, system.retention.period);
      if (!verdict) continue;
      const emailId = await this.dataSource.transaction((manager) => this.decide(manager, entity, system, verdict));
      if (emailId) emailIds.push(emailId);
    }
    for (const id of emailIds) await this.outbox.dispatch(id);
    return emailIds.length;
  }

  private async decide(manager: EntityManager, entity: CaseEntity, system: SystemEntry, verdict: PreservationVerdict): Promise<string | null> {
    const fields = {
      status: verdict.kind === 'preserve' ? ('requested' as const) : verdict.kind === 'gone' ? ('not_held' as const) : ('not_needed' as const),
      retentionPeriod: system.retention.period!,
      periodFrom: verdict.from,
      periodTo: verdict.to,
      deletionOn: verdict.kind === 'gone' ? verdict.goneOn : verdict.firstDayAtRisk,
      checkedDue: entity.effectiveDue,
    };
    await manager
      .createQueryBuilder()
      .insert()
      .into(CasePreservationEntity)
      .values({ caseId: entity.id, systemId: system.id, ...fields })
      .orIgnore()
      .execute();
    const row = await manager.findOneOrFail(CasePreservationEntity, {
      where: { caseId: entity.id, systemId: system.id },
      lock: { mode: 'pessimistic_write' },
    });
    // A request once made stands; a check made against an older deadline is made again.
    if (row.status !== 'requested' && row.checkedDue !== entity.effectiveDue) {
      Object.assign(row, fields);
      await manager.update(CasePreservationEntity, { id: row.id }, fields);
    }
    if (row.requestedAt || row.status === 'not_needed') return null;
    const now = this.clock.now();
    if (row.status === 'not_held') {
      const claimed = await manager.update(CasePreservationEntity, { id: row.id, requestedAt: IsNull(), status: 'not_held' }, { requestedAt: now });
      if (claimed.affected)
        await this.audit.append(manager, {
          caseId: entity.id,
          type: 'preservation.not_held',
          actor: 'system',
          occurredAt: now,
          data: { system: system.id, disposition: 'routine_deletion', from: row.periodFrom, to: row.periodTo, goneOn: row.deletionOn },
        });
      return null;
    }
    await manager.update(CasePreservationEntity, { id: row.id }, { requestedAt: now });
    await this.audit.append(manager, {
      caseId: entity.id,
      type: 'preservation.requested',
      actor: 'system',
      occurredAt: now,
      data: { system: system.id, from: row.periodFrom, to: row.periodTo, firstDayAtRisk: row.deletionOn },
    });
    const earlierGoneBefore = verdict.kind === 'preserve' ? verdict.earlierGoneBefore : null;
    const language = await this.staff.languageOf(system.owner, manager);
    const mail = composePreservationRequest(entity, system, row, await this.identity.list(entity.id, manager), earlierGoneBefore, language);
    return this.outbox.store(manager, 'preservation-request', `preservation-${row.id}-requested`, mail);
  }

  /** The case closed: each owner asked to preserve is told it may end, once. */
  async end(caseId: string): Promise<number> {
    const entity = await this.casesReader.byId(caseId);
    if (!entity || !isClosed(entity)) return 0;
    const rows = await this.dataSource.getRepository(CasePreservationEntity).find({ where: { caseId, status: 'requested', endedAt: IsNull() } });
    const emailIds: string[] = [];
    for (const row of rows) {
      const system = this.systems.system(row.systemId);
      const now = this.clock.now();
      const emailId = await this.dataSource.transaction(async (manager) => {
        const claimed = await manager.update(CasePreservationEntity, { id: row.id, endedAt: IsNull() }, { endedAt: now });
        if (!claimed.affected) return null;
        await this.audit.append(manager, { caseId, type: 'preservation.ended', actor: 'system', occurredAt: now, data: { system: row.systemId } });
        if (!system) return null;
        const closedOn = (entity.closedAt ?? now).toISOString().slice(0, 10);
        const mail = composePreservationEnded(entity, system, row, closedOn, await this.staff.languageOf(system.owner, manager));
        return this.outbox.store(manager, 'preservation-ended', `preservation-${row.id}-ended`, mail);
      });
      if (emailId) emailIds.push(emailId);
    }
    for (const id of emailIds) await this.outbox.dispatch(id);
    return emailIds.length;
  }

  /** Reconciliation: open cases whose check is missing or older than their deadline are checked;
   *  closed cases with a preservation not yet ended are ended. */
  @ReconcilePass('preservation')
  async rebuild(): Promise<number> {
    const systems = this.atRisk().map((system) => system.id);
    if (!systems.length) return 0;
    const unchecked: Array<{ id: string }> = await this.dataSource.query(
      `SELECT c.id FROM cases c
        WHERE c.status <> ALL($2) AND c.type <> 'erasure'
          AND (SELECT count(*) FROM case_preservations p
                WHERE p.case_id = c.id AND p.system_id = ANY($1) AND (p.status = 'requested' OR p.checked_due = c.effective_due)) < cardinality($1::varchar[])`,
      [systems, CLOSED_STATUSES],
    );
    const unended: Array<{ id: string }> = await this.dataSource.query(
      `SELECT DISTINCT c.id FROM cases c JOIN case_preservations p ON p.case_id = c.id
        WHERE c.status = ANY($1) AND p.status = 'requested' AND p.ended_at IS NULL`,
      [CLOSED_STATUSES],
    );
    let offered = 0;
    for (const { id } of unchecked) offered += await this.check(id);
    for (const { id } of unended) offered += await this.end(id);
    return offered + unchecked.length;
  }

  /** The case page's section: every check made for the case. */
  async listFor(caseId: string): Promise<CasePreservationEntity[]> {
    return this.dataSource.getRepository(CasePreservationEntity).find({ where: { caseId }, order: { systemId: 'ASC' } });
  }

  /** Fan-out asks before repeating a preservation notice in a task e-mail. */
  async decidedFor(caseId: string, systemId: string): Promise<CasePreservationEntity | null> {
    return this.dataSource.getRepository(CasePreservationEntity).findOne({ where: { caseId, systemId } });
  }
}
