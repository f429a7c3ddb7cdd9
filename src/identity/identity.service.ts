import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { CaseIdentifierEntity } from './case-identifier.entity';
import { normalise, type GivenIdentifier } from './identifier-input';
import { ESTABLISHED_BASES, isEstablished, type IdentifierBasis } from './identity-types';

/** Published after commit when an identifier of a case became established: the search for the
 *  case's records runs again with it. */
export const IDENTITY_ESTABLISHED = 'identity.established';

export interface IdentityEstablishedEvent {
  caseId: string;
  identifierIds: string[];
}

export interface Establishment {
  basis: Exclude<IdentifierBasis, 'claimed'>;
  /** How, e.g. "link sent to this address", "called back the number on file". */
  method: string;
  /** Why (a staff member's reason). */
  reason?: string | null;
  /** A staff user id, `requester` or `system`. */
  by: string;
  source?: { systemId: string; externalId: string } | null;
}

/**
 * The identity model of a case: every identifier with how it was established. Staff actions and
 * proofs go through here so each establishment is audited (who, when, how, why; never the value).
 */
@Injectable()
export class IdentityService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly events: EventEmitter2,
  ) {}

  /** Stores identifiers as claimed, or established at once (a staff registration with identity checked). */
  async add(manager: EntityManager, caseId: string, identifiers: GivenIdentifier[], established?: Establishment): Promise<CaseIdentifierEntity[]> {
    const saved: CaseIdentifierEntity[] = [];
    for (const identifier of identifiers) {
      const normal = normalise(identifier);
      if (!normal) continue;
      const now = this.clock.now();
      const row = manager.create(CaseIdentifierEntity, {
        caseId,
        kind: identifier.kind,
        given: identifier.given.trim(),
        value: normal.value,
        searchable: normal.searchable,
        systemId: identifier.systemId ?? '',
        basis: established ? established.basis : 'claimed',
        method: established?.method ?? null,
        reason: established?.reason ?? null,
        establishedBy: established?.by ?? null,
        establishedAt: established ? now : null,
        source: established?.source ?? null,
      });
      // The same identifier twice on one case (typed twice, or found again) is stored once.
      const inserted = await manager.createQueryBuilder().insert().into(CaseIdentifierEntity).values(row).orIgnore().returning(['id']).execute();
      const id = (inserted.raw as Array<{ id: string }>)[0]?.id;
      if (id) saved.push(await manager.findOneByOrFail(CaseIdentifierEntity, { id }));
    }
    if (established && saved.length) await this.audited(manager, caseId, saved, established);
    return saved;
  }

  /**
   * Marks claimed identifiers established, inside the caller's transaction, with an audit event.
   * Identifiers already established keep their first basis. Returns the ids that changed; the
   * caller publishes `published()` after commit.
   */
  async establish(manager: EntityManager, caseId: string, identifierIds: string[], how: Establishment): Promise<string[]> {
    if (!identifierIds.length) return [];
    const rows = await manager
      .createQueryBuilder(CaseIdentifierEntity, 'identifier')
      .setLock('pessimistic_write')
      .where('identifier.case_id = :caseId AND identifier.id IN (:...ids)', { caseId, ids: identifierIds })
      .getMany();
    const changing = rows.filter((row) => !isEstablished(row.basis) && row.searchable);
    if (!changing.length) return [];
    const now = this.clock.now();
    for (const row of changing) {
      Object.assign(row, {
        basis: how.basis,
        method: how.method,
        reason: how.reason ?? null,
        establishedBy: how.by,
        establishedAt: now,
        source: how.source ?? null,
      });
    }
    // One row at a time: TypeORM saves several changed rows concurrently on the one transaction
    // client, which pg deprecates (an error from pg 9).
    for (const row of changing) await manager.save(row);
    await this.audited(manager, caseId, changing, how);
    return changing.map((row) => row.id);
  }

  /** The same, in a transaction of its own, publishing the event after commit. */
  async establishNow(caseId: string, identifierIds: string[], how: Establishment): Promise<string[]> {
    const changed = await this.dataSource.transaction((manager) => this.establish(manager, caseId, identifierIds, how));
    await this.published(caseId, changed);
    return changed;
  }

  /** Tells listeners (the record search) that identifiers became established. Call after commit. */
  async published(caseId: string, identifierIds: string[]): Promise<void> {
    if (!identifierIds.length) return;
    const event: IdentityEstablishedEvent = { caseId, identifierIds };
    await this.events.emitAsync(IDENTITY_ESTABLISHED, event);
  }

  async list(caseId: string, manager: EntityManager = this.dataSource.manager): Promise<CaseIdentifierEntity[]> {
    return manager.find(CaseIdentifierEntity, { where: { caseId }, order: { createdAt: 'ASC', kind: 'ASC' } });
  }

  /** The identifiers connectors may search with: established and searchable. */
  async established(caseId: string, manager: EntityManager = this.dataSource.manager): Promise<CaseIdentifierEntity[]> {
    return (await this.list(caseId, manager)).filter((row) => ESTABLISHED_BASES.includes(row.basis) && row.searchable);
  }

  private async audited(manager: EntityManager, caseId: string, rows: CaseIdentifierEntity[], how: Establishment): Promise<void> {
    await this.audit.append(manager, {
      caseId,
      type: 'identity.established',
      actor: how.by,
      occurredAt: this.clock.now(),
      // Which identifiers and how: never their values (the audit trail carries no personal data).
      data: {
        identifiers: rows.map((row) => ({ id: row.id, kind: row.kind })),
        basis: how.basis,
        method: how.method,
        ...(how.reason ? { reason: how.reason } : {}),
        ...(how.source ? { source: { systemId: how.source.systemId } } : {}),
      },
    });
  }
}
