import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { isClosed } from '../../cases/case-transitions';
import { Clock } from '../../common/clock';
import { conflict, invalid, notFound } from '../../common/domain-error';
import { CaseRecordMatchEntity } from '../../identity/case-record-match.entity';
import { IdentityService } from '../../identity/identity.service';
import { SystemsService } from '../../systems/systems.service';
import { FanoutService } from '../fanout/fanout.service';
import { RecordDiscoveryQueue } from './record-discovery-queue.service';
import { CasesReader } from '../../cases/cases-reader';

export type RecordDecision = 'confirm' | 'reject';

export const REASON_MAX = 500;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The reason a handler gives for a decision: required, at most 500 characters. */
export function decisionReason(value: unknown): string {
  if (typeof value !== 'string' || !value.trim()) throw invalid('reason', 'is required: say why (e.g. what was checked)');
  const reason = value.trim();
  if (reason.length > REASON_MAX) throw invalid('reason', `must be at most ${REASON_MAX} characters`);
  return reason;
}

/**
 * A handler decides a possible match: confirmed, the record is the requester's (and the identifiers
 * that found it become `staff_confirmed`); rejected, nothing is ever done with it. Only before any
 * task has run, since the tasks act on the decided set. Fan-out is asked again afterwards.
 */
@Injectable()
export class RecordDecisionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly casesReader: CasesReader,
    private readonly identity: IdentityService,
    private readonly systems: SystemsService,
    private readonly fanout: FanoutService,
    private readonly discovery: RecordDiscoveryQueue,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async decide(reference: string, recordId: string, decision: RecordDecision, reasonText: unknown, actor: string): Promise<CaseRecordMatchEntity> {
    const reason = decisionReason(reasonText);
    if (!UUID.test(recordId)) throw notFound(`Record ${recordId}`);
    const { record, established } = await this.dataSource.transaction(async (manager) => {
      const entity = await this.casesReader.lockedByReference(manager, reference.toUpperCase());
      if (!entity) throw notFound(`Case ${reference}`);
      const record = await manager.findOne(CaseRecordMatchEntity, { where: { id: recordId, caseId: entity.id }, lock: { mode: 'pessimistic_write' } });
      if (!record) throw notFound(`Record ${recordId}`);
      if (isClosed(entity))
        throw conflict(`Cannot decide the match: the case is ${entity.status}.`, { code: 'case_closed', params: { status: entity.status } });
      if (record.status !== 'candidate')
        throw conflict(`Cannot decide the match: it is already ${record.status}.`, { code: 'record_decided', params: { status: record.status } });
      const tasks: unknown[] = await manager.query('SELECT 1 FROM case_tasks WHERE case_id = $1 LIMIT 1', [entity.id]);
      if (tasks.length) throw conflict('Cannot decide the match: the tasks have started.', { code: 'tasks_exist' });
      const now = this.clock.now();
      Object.assign(record, { status: decision === 'confirm' ? 'confirmed' : 'rejected', decidedBy: actor, decidedAt: now, decisionReason: reason });
      await manager.save(record);
      await this.audit.append(manager, {
        caseId: entity.id,
        type: decision === 'confirm' ? 'record.confirmed' : 'record.rejected',
        actor,
        occurredAt: now,
        // Ids and the system only: the record's contents and the reason stay with the record.
        data: { recordId: record.id, system: record.systemId },
      });
      const systemName = this.systems.system(record.systemId)?.name ?? record.systemId;
      const established =
        decision === 'confirm'
          ? await this.identity.establish(manager, entity.id, record.foundBy, {
              basis: 'staff_confirmed',
              method: `confirmed a possible match in ${systemName}`,
              reason,
              by: actor,
            })
          : [];
      return { record, established };
    });
    // A confirmed identifier searches again (which may match more); then fan-out, which waits for it.
    await this.identity.published(record.caseId, established);
    await this.fanout.fanOut(record.caseId);
    return record;
  }

  /** Staff ask for every system to be searched again (e.g. after a failed search's cause was fixed). */
  async searchAgain(reference: string, actor: string): Promise<Array<{ systemId: string; round: number }>> {
    const entity = await this.casesReader.byReference(reference.toUpperCase());
    if (!entity) throw notFound(`Case ${reference}`);
    if (entity.status !== 'in_progress' || !entity.verifiedAt) {
      throw conflict('Cannot search: the records are searched for once the case is verified and in progress.', {
        code: 'state_forbids',
        params: { status: entity.status },
      });
    }
    const tasks: unknown[] = await this.dataSource.query('SELECT 1 FROM case_tasks WHERE case_id = $1 LIMIT 1', [entity.id]);
    if (tasks.length) throw conflict('Cannot search again: the tasks have started.', { code: 'tasks_exist' });
    const rounds = await this.discovery.again(entity.id);
    await this.audit.record({
      caseId: entity.id,
      type: 'records.search_requested',
      actor,
      occurredAt: this.clock.now(),
      data: { systems: rounds.map((item) => item.systemId) },
    });
    return rounds;
  }
}
