import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AuditService } from '../../audit/audit.service';
import { CaseEntity } from '../../cases/case.entity';
import { Clock } from '../../common/clock';
import { OutboxService } from '../../notifications/outbox.service';
import { SystemsService } from '../../systems/systems.service';
import { ConnectorError } from '../connector-errors';
import { ConnectorRegistry } from '../connector-registry';
import { composeHoldEnded } from '../manual/task-mail';
import type { FollowUpResult } from '../manual/manual-task.service';
import { systemContext } from '../system-context';
import { subjectOf } from '../tasks/task-runner.service';
import { LegalHoldEntity, type LegalHoldStatus } from './legal-hold.entity';
import { LegalHoldService } from './legal-hold.service';

/**
 * The day after a hold ends, erase what it kept: the connector runs erasure again (its own rules
 * decide what may go now). Anything it cannot finish goes to the system's owner by e-mail.
 */
@Injectable()
export class LegalHoldExpiryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly holds: LegalHoldService,
    private readonly registry: ConnectorRegistry,
    private readonly systems: SystemsService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async expire(holdId: string): Promise<FollowUpResult> {
    const hold = await this.dataSource.getRepository(LegalHoldEntity).findOne({ where: { id: holdId } });
    if (!hold || hold.status !== 'held') return { outcome: 'stale' };
    if (!this.holds.isDue(hold)) return { outcome: 'later', delayMs: this.holds.dueAt(hold).getTime() - this.clock.now().getTime() };
    const entity = await this.dataSource.getRepository(CaseEntity).findOneOrFail({ where: { id: hold.caseId } });
    const system = this.systems.system(hold.systemId);
    if (!system) return this.settle(hold, entity, 'needs_person', { summary: `system "${hold.systemId}" is no longer in the data map` });
    const connector = this.registry.forSystem(system);
    if (!connector) return this.settle(hold, entity, 'needs_person', { summary: 'a manual system: its owner erases the records' });

    const outcome = await connector.erase(systemContext(system), subjectOf(entity), { legalHolds: system.legalHolds });
    switch (outcome.status) {
      case 'done':
        return this.settle(hold, entity, 'released', { ...outcome });
      case 'retained': {
        const until = outcome.retained.map((item) => item.until).sort().at(-1) ?? hold.until;
        if (until > hold.until) {
          // Newer records restarted the period: keep holding until the new end date.
          await this.dataSource.getRepository(LegalHoldEntity).update({ id: hold.id }, { until });
          await this.holds.schedule([{ id: hold.id, until }]);
          return { outcome: 'later', delayMs: this.holds.dueAt({ until }).getTime() - this.clock.now().getTime() };
        }
        return this.settle(hold, entity, 'needs_person', { ...outcome });
      }
      case 'failed':
        if (outcome.retryable) throw new ConnectorError(outcome.summary, true);
        return this.settle(hold, entity, 'needs_person', { ...outcome });
      default:
        // not_found (the lookup keys were blanked when the hold began) or manual: a person finishes it.
        return this.settle(hold, entity, 'needs_person', { ...outcome });
    }
  }

  private async settle(hold: LegalHoldEntity, entity: CaseEntity, status: LegalHoldStatus, outcome: Record<string, unknown> & { summary: string }): Promise<FollowUpResult> {
    const system = this.systems.system(hold.systemId);
    const now = this.clock.now();
    const emailId = await this.dataSource.transaction(async (manager) => {
      const changed = await manager.update(LegalHoldEntity, { id: hold.id, status: 'held' }, { status, outcome, releasedAt: status === 'released' ? now : null } as QueryDeepPartialEntity<LegalHoldEntity>);
      if (!changed.affected) return null;
      await this.audit.append(manager, {
        caseId: entity.id,
        type: status === 'released' ? 'legal_hold.released' : 'legal_hold.needs_person',
        actor: 'system',
        occurredAt: now,
        data: { holdId: hold.id, system: hold.systemId, until: hold.until },
      });
      if (status !== 'needs_person' || !system) return null;
      return this.outbox.store(manager, 'legal-hold-ended', `hold-${hold.id}-ended`, composeHoldEnded(entity, system, hold, outcome.summary));
    });
    if (emailId) await this.outbox.dispatch(emailId);
    return { outcome: 'sent' };
  }
}
