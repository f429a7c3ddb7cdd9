import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import type { CaseEntity } from '../../cases/case.entity';
import { CasesService } from '../../cases/cases.service';
import { Clock } from '../../common/clock';
import { OPEN_STATUSES } from '../../common/case-types';
import { conflict, notFound } from '../../common/domain-error';
import { TaskOutcomesReader } from '../../connectors/tasks/task-outcomes.reader';
import { LetterFactsService } from '../letters/letter-facts.service';
import { RecipientTaskEntity } from './recipient-task.entity';

/** A "tell X by other means" task as the API and the staff page show it. */
export interface RecipientTaskView {
  id: string;
  system: string;
  systemName: string;
  recipient: string;
  status: RecipientTaskEntity['status'];
  note: string | null;
  settledBy: string | null;
  settledAt: string | null;
}

/**
 * Art 19 for recipients the data map gives no e-mail contact: a task per recipient of each system
 * the case changed, created when the case settles for review (and on first look at a case that
 * has none yet), which staff mark done or waive. Completion waits for every one of them.
 */
@Injectable()
export class RecipientTasksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CasesService,
    private readonly facts: LetterFactsService,
    private readonly outcomes: TaskOutcomesReader,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The recipients without an e-mail contact that this case must tell (none outside Art 19's types). */
  private async required(manager: EntityManager, entity: Pick<CaseEntity, 'id' | 'type'>) {
    return this.facts.uncontacted(entity.type, await this.outcomes.tasks(manager, entity.id));
  }

  /** Creates the tasks the case's outcomes call for (idempotent); a closed case gets none. */
  async ensure(caseId: string): Promise<void> {
    const entity = await this.cases.findById(caseId);
    if (!entity || !OPEN_STATUSES.includes(entity.status)) return;
    const required = await this.required(this.dataSource.manager, entity);
    if (!required.length) return;
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(RecipientTaskEntity)
      .values(required.map((target) => ({ caseId, systemId: target.systemId, recipient: target.name })))
      .orIgnore()
      .execute();
  }

  /** The case's tasks for the recipients its outcomes now call for, by system and name. */
  async list(reference: string): Promise<RecipientTaskView[]> {
    const entity = await this.cases.findByReference(reference);
    return this.listFor(entity);
  }

  async listFor(entity: Pick<CaseEntity, 'id' | 'type'>): Promise<RecipientTaskView[]> {
    await this.ensure(entity.id);
    const required = await this.required(this.dataSource.manager, entity);
    const rows = await this.dataSource.getRepository(RecipientTaskEntity).find({ where: { caseId: entity.id }, order: { systemId: 'ASC', recipient: 'ASC' } });
    return rows.flatMap((row) => {
      const target = required.find((item) => item.systemId === row.systemId && item.name === row.recipient);
      return target ? [view(row, target.systemName)] : [];
    });
  }

  /** Marks a task done (`note`: how the recipient was told) or waived (`note`: why not). */
  async settle(reference: string, id: string, status: 'done' | 'waived', note: string, actor: string): Promise<RecipientTaskView> {
    const entity = await this.cases.findByReference(reference);
    if (!OPEN_STATUSES.includes(entity.status)) throw conflict('Cannot change a recipient task: the case is closed.', { code: 'case_closed' });
    const row = await this.dataSource.transaction(async (manager) => {
      const found = await manager.findOne(RecipientTaskEntity, { where: { id, caseId: entity.id }, lock: { mode: 'pessimistic_write' } });
      if (!found) throw notFound('Recipient task');
      if (found.status !== 'open')
        throw conflict(`The recipient task is already ${found.status === 'done' ? 'done' : 'waived'}.`, { code: 'recipient_task_settled' });
      Object.assign(found, { status, note, settledBy: actor, settledAt: this.clock.now() });
      await manager.save(found);
      // The recipient is a company or authority named in the data map; staff's note stays on the
      // task (it may name the person), out of the trail.
      await this.audit.append(manager, {
        caseId: entity.id,
        type: status === 'done' ? 'answer.recipient_told_otherwise' : 'answer.recipient_waived',
        actor,
        occurredAt: this.clock.now(),
        data: { system: found.systemId, recipient: found.recipient, recipientTaskId: found.id },
      });
      return found;
    });
    const systemName = (await this.required(this.dataSource.manager, entity)).find((item) => item.systemId === row.systemId)?.systemName;
    return view(row, systemName ?? row.systemId);
  }

  /**
   * The completion gate (inside `AnswerService.onComplete`'s transaction): every recipient the
   * letter would otherwise leave untold must be told by other means or waived first.
   */
  async assertAllSettled(manager: EntityManager, entity: Pick<CaseEntity, 'id' | 'type'>): Promise<void> {
    const required = await this.required(manager, entity);
    if (!required.length) return;
    const rows = await manager.find(RecipientTaskEntity, { where: { caseId: entity.id } });
    const untold = required.filter(
      (target) => (rows.find((row) => row.systemId === target.systemId && row.recipient === target.name)?.status ?? 'open') === 'open',
    );
    if (!untold.length) return;
    const names = [...new Set(untold.map((target) => target.name))].join(', ');
    throw conflict(`Cannot complete: tell ${names} of the change by other means (Art 19), or waive it with a reason.`, {
      code: 'recipients_untold',
      params: { count: String(untold.length), names },
    });
  }
}

function view(row: RecipientTaskEntity, systemName: string): RecipientTaskView {
  return {
    id: row.id,
    system: row.systemId,
    systemName,
    recipient: row.recipient,
    status: row.status,
    note: row.note,
    settledBy: row.settledBy,
    settledAt: row.settledAt ? row.settledAt.toISOString() : null,
  };
}
