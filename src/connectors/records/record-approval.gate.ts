import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CaseEntity } from '../../cases/case.entity';
import type { ApprovalRecords } from '../../cases/case-transitions';
import type { ApprovalGate } from '../../cases/cases.service';
import { Clock } from '../../common/clock';
import { CaseIdentifierEntity } from '../../identity/case-identifier.entity';
import { CaseRecordApprovalEntity } from '../../identity/case-record-approval.entity';
import { CaseRecordsService } from './case-records.service';

/**
 * Approval is of the exact records that will be touched: per system, which record and by which
 * identifier kinds it was matched, with their fingerprint. A later change of that set (a new
 * search found more, or fewer) leaves the approval behind and asks for a new one.
 */
@Injectable()
export class RecordApprovalGate implements ApprovalGate {
  constructor(
    private readonly records: CaseRecordsService,
    private readonly clock: Clock,
  ) {}

  async state(entity: CaseEntity, manager: EntityManager): Promise<ApprovalRecords> {
    const { searching, undecided, approvalCurrent } = await this.records.state(entity.id, manager);
    return { searching, undecided, approvalCurrent };
  }

  async record(entity: CaseEntity, manager: EntityManager, actor: string): Promise<Record<string, unknown>> {
    const state = await this.records.state(entity.id, manager);
    const identifiers = await manager.find(CaseIdentifierEntity, { where: { caseId: entity.id } });
    const kindOf = new Map(identifiers.map((identifier) => [identifier.id, identifier.kind]));
    const records = state.actionable.map((record) => ({
      systemId: record.systemId,
      externalId: record.externalId,
      label: record.label,
      matchedBy: [...new Set(record.foundBy.map((id) => kindOf.get(id)).filter((kind): kind is NonNullable<typeof kind> => Boolean(kind)))],
    }));
    await manager.insert(CaseRecordApprovalEntity, {
      caseId: entity.id,
      fingerprint: state.fingerprint,
      records,
      approvedBy: actor,
      approvedAt: this.clock.now(),
    });
    const perSystem: Record<string, number> = {};
    for (const record of records) perSystem[record.systemId] = (perSystem[record.systemId] ?? 0) + 1;
    // The audit event names how many records per system and their fingerprint, never the records.
    return { records: { fingerprint: state.fingerprint, perSystem } };
  }
}
