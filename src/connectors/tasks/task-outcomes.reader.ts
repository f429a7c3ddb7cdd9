import { Injectable, Module } from '@nestjs/common';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { ObjectionDecisionEntity } from '../fanout/objection-decision.entity';
import { CaseTaskEntity, OPEN_TASK_STATUSES, type TaskAction } from './case-task.entity';
import { TaskExportEntity } from './task-export.entity';
import { TaskExportCipher } from './task-export-cipher';
import { TaskExportsRetention } from './task-exports.retention';
import type { Disposition } from '../../common/dispositions/disposition';
import { storedDispositions } from '../../common/dispositions/disposition.schema';
import { deriveDispositions } from '../../common/dispositions/derive-dispositions';

/** A task as others read it: what was asked of a system and what came of it. */
export type TaskOutcome = Readonly<CaseTaskEntity>;
/** What an export task brought back for the answer package, opened (it is stored sealed). */
export type TaskExport = Readonly<
  Pick<TaskExportEntity, 'id' | 'taskId' | 'caseId' | 'systemId' | 'recordCount' | 'createdAt'> & {
    data: Record<string, unknown>;
    tables: Record<string, Array<Record<string, unknown>>> | null;
  }
>;
/** A handler's Art 21(1) decision on an objection. */
export type ObjectionDecision = Readonly<ObjectionDecisionEntity>;

/**
 * The outcomes of a case's tasks, read for the answer (the responses module): the connectors module
 * owns `case_tasks`, `case_task_exports` and `objection_decisions`, and this is the only way others
 * read them. Methods taking a manager read inside the caller's transaction.
 */
@Injectable()
export class TaskOutcomesReader {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly exportCipher: TaskExportCipher,
  ) {}

  /** The case's tasks, by system; `action` narrows them to one kind. */
  tasks(manager: EntityManager, caseId: string, action?: TaskAction): Promise<TaskOutcome[]> {
    return manager.find(CaseTaskEntity, { where: action ? { caseId, action } : { caseId }, order: { systemId: 'ASC' } });
  }

  /** How many of the case's tasks are still pending, running or waiting for a person. */
  openCount(manager: EntityManager, caseId: string): Promise<number> {
    return manager.count(CaseTaskEntity, { where: { caseId, status: In([...OPEN_TASK_STATUSES]) } });
  }

  /** The restriction tasks that restricted something (done or retained), by system. */
  restricted(caseId: string): Promise<TaskOutcome[]> {
    return this.dataSource
      .getRepository(CaseTaskEntity)
      .find({ where: { caseId, action: 'restrict', status: In(['done', 'retained']) }, order: { systemId: 'ASC' } });
  }

  /** What the export tasks brought back, by system, opened: only the package builder (and its
   *  preview) call this, so the data is in plain text only while a package is being built. A row
   *  from before sealing (`legacyPlaintext`, sealed by the retention sweep) is read as it is. */
  async exports(manager: EntityManager, caseId: string): Promise<TaskExport[]> {
    const rows = await manager.find(TaskExportEntity, { where: { caseId }, order: { systemId: 'ASC' } });
    return rows.map(({ ciphertext, iv, authTag, legacyPlaintext, ...row }) => {
      const content =
        ciphertext && iv && authTag
          ? this.exportCipher.open(row.taskId, { ciphertext, iv, authTag })
          : { data: legacyPlaintext?.data ?? {}, tables: legacyPlaintext?.tables ?? null };
      return { ...row, ...content };
    });
  }

  /** How many records the export tasks found in all. */
  async exportedRecordCount(manager: EntityManager, caseId: string): Promise<number> {
    const [row] = await manager.query<Array<{ count: string }>>('SELECT coalesce(sum(record_count), 0) AS count FROM case_task_exports WHERE case_id = $1', [
      caseId,
    ]);
    return Number(row.count);
  }

  /** The handler's decision on an objection, if any. */
  objectionDecision(manager: EntityManager, caseId: string): Promise<ObjectionDecision | null> {
    return manager.findOne(ObjectionDecisionEntity, { where: { caseId } });
  }
}

/** What a finished task did to each record: its stored dispositions, or for an outcome recorded
 *  before dispositions existed, what its status alone establishes. An open task has none. */
export function taskDispositions(task: Pick<TaskOutcome, 'action' | 'status' | 'outcome' | 'finishedAt'>): Disposition[] {
  if (!task.outcome || ['pending', 'running', 'manual'].includes(task.status)) return [];
  const stored = storedDispositions(task.outcome);
  if (stored.length) return stored;
  return deriveDispositions(task.action, { ...(task.outcome as object), status: task.status }, (task.finishedAt ?? new Date()).toISOString().slice(0, 10));
}

/** The reader alone, for modules that read task outcomes without running connectors. */
@Module({
  imports: [TypeOrmModule.forFeature([CaseTaskEntity, TaskExportEntity, ObjectionDecisionEntity])],
  providers: [TaskOutcomesReader, TaskExportCipher, TaskExportsRetention],
  exports: [TaskOutcomesReader, TaskExportCipher, TaskExportsRetention],
})
export class TaskOutcomesModule {}
