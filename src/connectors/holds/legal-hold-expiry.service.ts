import { Inject, Injectable } from '@nestjs/common';
import { summarised } from '../outcome-summary';
import { TASK_FAILURES } from '../tasks/task-failures';
import { STAFF_DIRECTORY, type StaffDirectory } from '../../common/auth/staff-directory';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AuditService } from '../../audit/audit.service';
import { CaseEntity } from '../../cases/case.entity';
import { Clock } from '../../common/clock';
import { storedDispositions } from '../../common/dispositions/disposition.schema';
import { OutboxService } from '../../notifications/outbox.service';
import { SystemsService } from '../../systems/systems.service';
import { ConnectorError } from '../connector-errors';
import { ConnectorRegistry } from '../connector-registry';
import { IdentityService } from '../../identity/identity.service';
import { personIdentifiers } from '../manual/task-mail';
import { composeHoldEnded, type HoldEndedWhy } from './hold-ended-mail';
import type { FollowUpResult } from '../manual/manual-task.service';
import { systemContext } from '../system-context';
import { RecordSubjects } from '../records/record-subjects.service';
import { LegalHoldEntity, type LegalHoldStatus } from './legal-hold.entity';
import { LegalHoldService } from './legal-hold.service';
import { CasesReader } from '../../cases/cases-reader';

/**
 * The day after a hold ends, erase what it kept: the connector runs erasure again (its own rules
 * decide what may go now), by the external ids stored with the hold where it has them (the
 * subject's e-mail and phone were blanked when the hold began). Anything it cannot finish goes to
 * the system's owner by e-mail.
 */
@Injectable()
export class LegalHoldExpiryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly casesReader: CasesReader,
    private readonly holds: LegalHoldService,
    private readonly registry: ConnectorRegistry,
    private readonly systems: SystemsService,
    private readonly outbox: OutboxService,
    private readonly subjects: RecordSubjects,
    private readonly identity: IdentityService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(STAFF_DIRECTORY) private readonly staff: StaffDirectory,
  ) {}

  async expire(holdId: string): Promise<FollowUpResult> {
    const first = await this.dataSource.getRepository(LegalHoldEntity).findOne({ where: { id: holdId } });
    if (!first || first.status !== 'held') return { outcome: 'stale' };
    // One task's holds (one per financial year) often end on the same morning and name the same
    // records: one at a time, so the second finds them gone instead of racing the first.
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`legal-hold-task-${first.taskId}`]);
      const hold = await manager.findOne(LegalHoldEntity, { where: { id: holdId } });
      if (!hold || hold.status !== 'held') return { outcome: 'stale' } as FollowUpResult;
      return this.expireLocked(hold);
    });
  }

  private async expireLocked(hold: LegalHoldEntity): Promise<FollowUpResult> {
    if (!this.holds.isDue(hold)) return { outcome: 'later', delayMs: this.holds.dueAt(hold).getTime() - this.clock.now().getTime() };
    const entity = await this.casesReader.byIdOrFail(hold.caseId);
    const system = this.systems.system(hold.systemId);
    if (!system) return this.settle(hold, entity, 'needs_person', summarised(TASK_FAILURES.systemGone(hold.systemId)), 'system_gone');
    const connector = this.registry.forSystem(system);
    if (!connector)
      return this.settle(
        hold,
        entity,
        'needs_person',
        summarised({ en: 'a manual system: its owner erases the records', nb: 'et manuelt system: eieren sletter oppføringene' }),
        'manual_system',
      );

    const rules = { legalHolds: system.legalHolds };
    const byIds = hold.externalIds && connector.eraseRetained;
    // By subject, only the records matched or confirmed for the case (none left: a person looks).
    const subject = byIds ? null : await this.subjects.forSystem(entity.id, system.id);
    if (!byIds && !subject)
      return this.settle(
        hold,
        entity,
        'needs_person',
        summarised({
          en: `no record in ${system.name} is matched to the requester any more`,
          nb: `ingen oppføring i ${system.name} er lenger koblet til den registrerte`,
        }),
        'no_match',
      );
    const outcome = byIds
      ? await connector.eraseRetained!(systemContext(system), hold.externalIds!, rules)
      : await connector.erase(systemContext(system), subject!, rules);
    switch (outcome.status) {
      case 'done':
        return this.settle(hold, entity, 'released', { ...outcome });
      case 'not_found':
        // Looked up by id, nothing left means another hold's erasure already took the records.
        if (byIds) return this.settle(hold, entity, 'released', { ...outcome });
        // By subject, the lookup keys were blanked when the hold began: a person finishes it.
        return this.settle(hold, entity, 'needs_person', { ...outcome }, 'not_found');
      case 'retained': {
        const until =
          outcome.retained
            .map((item) => item.until)
            .sort()
            .at(-1) ?? hold.until;
        if (until > hold.until) {
          // Newer records restarted the period: keep holding until the new end date.
          await this.dataSource.getRepository(LegalHoldEntity).update({ id: hold.id }, { until });
          await this.dataSource.transaction((manager) =>
            this.audit.append(manager, {
              caseId: entity.id,
              type: 'legal_hold.extended',
              actor: 'system',
              occurredAt: this.clock.now(),
              data: { holdId: hold.id, system: hold.systemId, from: hold.until, until },
            }),
          );
          await this.holds.schedule([{ id: hold.id, until }]);
          return { outcome: 'later', delayMs: this.holds.dueAt({ until }).getTime() - this.clock.now().getTime() };
        }
        return this.settle(hold, entity, 'needs_person', { ...outcome }, 'retained');
      }
      case 'failed':
        if (outcome.retryable) throw new ConnectorError(outcome.summary, true, undefined, outcome.summaryText);
        return this.settle(hold, entity, 'needs_person', { ...outcome }, 'failed');
      default:
        // manual (e.g. an open balance, or Visma refused): a person finishes it.
        return this.settle(hold, entity, 'needs_person', { ...outcome }, 'manual');
    }
  }

  private async settle(
    hold: LegalHoldEntity,
    entity: CaseEntity,
    status: LegalHoldStatus,
    outcome: Record<string, unknown> & { summary: string },
    /** Why a person must finish it, for the owner's e-mail (the summary stays for staff). */
    why: HoldEndedWhy = 'manual',
  ): Promise<FollowUpResult> {
    const system = this.systems.system(hold.systemId);
    const now = this.clock.now();
    const emailId = await this.dataSource.transaction(async (manager) => {
      // What the end of the hold did to each record (erased, or still kept), in the connector's
      // words when they are well-formed: nothing said is better than something half-right.
      const changed = await manager.update(LegalHoldEntity, { id: hold.id, status: 'held' }, {
        status,
        outcome: { ...outcome, dispositions: storedDispositions(outcome) },
        releasedAt: status === 'released' ? now : null,
      } as QueryDeepPartialEntity<LegalHoldEntity>);
      if (!changed.affected) return null;
      await this.audit.append(manager, {
        caseId: entity.id,
        type: status === 'released' ? 'legal_hold.released' : 'legal_hold.needs_person',
        actor: 'system',
        occurredAt: now,
        data: { holdId: hold.id, system: hold.systemId, until: hold.until },
      });
      if (status !== 'needs_person' || !system) return null;
      const people = personIdentifiers(await this.identity.list(entity.id, manager));
      const language = await this.staff.languageOf(system.owner, manager);
      return this.outbox.store(manager, 'legal-hold-ended', `hold-${hold.id}-ended`, composeHoldEnded(entity, people, system, hold, why, language));
    });
    if (emailId) await this.outbox.dispatch(emailId);
    return { outcome: 'sent' };
  }
}
