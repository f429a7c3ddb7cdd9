import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AuditService } from '../../audit/audit.service';
import { Clock } from '../../common/clock';
import type { ExportPart, Outcome, SummaryText } from '../connector';
import { counted, summarised } from '../outcome-summary';
import { deriveDispositions } from '../../common/dispositions/derive-dispositions';
import { dispositionProblems } from '../../common/dispositions/disposition.schema';
import type { Disposition } from '../../common/dispositions/disposition';
import { LegalHoldService } from '../holds/legal-hold.service';
import { CaseTaskEntity, type TaskStatus } from './case-task.entity';
import { TaskExportEntity } from './task-export.entity';
import { TaskExportCipher } from './task-export-cipher';
import { APP_CONFIG } from '../../config/config.module';
import type { PackageCipher, PackageSecrets } from '../../common/crypto/package-cipher';
import { handoverCipher, storeHandoverFiles } from '../manual/handover/handover-files';

export type FinalOutcome = Exclude<Outcome, { status: 'manual' }>;

/**
 * Writes a task's result: the row, its export part or legal holds, and an audit event, in one
 * transaction. The audit event names the system, action and status only (no personal data).
 */
@Injectable()
export class TaskOutcomeRecorder {
  private readonly fileCipher: PackageCipher;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly holds: LegalHoldService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly exportCipher: TaskExportCipher,
    @Inject(APP_CONFIG) config: PackageSecrets,
  ) {
    this.fileCipher = handoverCipher(config);
  }

  async exported(task: CaseTaskEntity, part: ExportPart, systemName: string): Promise<void> {
    const status: TaskStatus = part.recordCount > 0 ? 'done' : 'not_found';
    const summary = summarised(
      part.recordCount > 0
        ? {
            en: `${counted(part.recordCount, 'record', 'records')} exported from ${systemName}`,
            nb: `${counted(part.recordCount, 'oppføring', 'oppføringer')} hentet ut fra ${systemName}`,
          }
        : { en: `Nothing about the person was found in ${systemName}`, nb: `Ingenting om den registrerte ble funnet i ${systemName}` },
    );
    await this.dataSource.transaction(async (manager) => {
      await this.saveExport(manager, task, part);
      // The export's files go with it; a re-run replaces the earlier run's (also with none).
      const files = (part.files ?? []).map(({ name, contentType, bytes }) => ({ name, type: contentType, bytes }));
      await storeHandoverFiles(manager, this.fileCipher, task, files);
      const dispositions: Disposition[] = part.dispositions?.length
        ? part.dispositions
        : part.recordCount > 0
          ? [{ kind: 'disclosed', what: 'record', count: part.recordCount }]
          : [{ kind: 'not_held', reason: 'not_found' }];
      await this.finish(manager, task, status, { status, ...summary, recordCount: part.recordCount, dispositions }, null, 'system');
    });
  }

  /** Records a final outcome; a `retained` one also records its holds and returns them for scheduling. */
  async outcome(task: CaseTaskEntity, outcome: FinalOutcome, actor = 'system'): Promise<Array<{ id: string; until: string }>> {
    return this.dataSource.transaction((manager) => this.recordOutcome(manager, task, outcome, actor));
  }

  /**
   * A person's hand-over for a manual export task: the export part (saved as a connector's is, so
   * it lands in data/<system>.json and CSV), whatever `alsoStore` keeps with it (the sealed files)
   * and the outcome, in one transaction — the task is never done without its data, nor the other way.
   */
  async handedOver(
    task: CaseTaskEntity,
    part: ExportPart,
    outcome: FinalOutcome,
    actor: string,
    alsoStore?: (manager: EntityManager) => Promise<void>,
  ): Promise<Array<{ id: string; until: string }>> {
    return this.dataSource.transaction(async (manager) => {
      await this.saveExport(manager, task, part);
      await alsoStore?.(manager);
      return this.recordOutcome(manager, task, outcome, actor);
    });
  }

  private async recordOutcome(
    manager: EntityManager,
    task: CaseTaskEntity,
    outcome: FinalOutcome,
    actor: string,
  ): Promise<Array<{ id: string; until: string }>> {
    if (outcome.status === 'failed') {
      await this.finish(manager, task, 'failed', { ...outcome }, outcome.summary, actor);
      return [];
    }
    if (outcome.status === 'retained') {
      // Data kept under a hold may only be used for the hold's purpose: flagged restricted. The
      // external ids live on the hold only; the task outcome is what staff and letters show.
      const retained = outcome.retained.map(({ externalIds: _ids, ...item }) => ({ ...item, restricted: true }));
      const holds = await this.holds.record(manager, task, outcome.retained);
      await this.finish(manager, task, 'retained', { ...outcome, retained }, null, actor);
      return holds.map((hold) => ({ id: hold.id, until: hold.until }));
    }
    await this.finish(manager, task, outcome.status, { ...outcome }, null, actor);
    return [];
  }

  /** The task cannot succeed without someone fixing something (credentials, data map, the case closed). */
  async failed(task: Pick<CaseTaskEntity, 'id' | 'caseId' | 'systemId' | 'action'>, reason: SummaryText): Promise<void> {
    // The error column keeps the English (REST, logs); the outcome carries it in each staff language.
    await this.dataSource.transaction((manager) =>
      this.finish(manager, task, 'failed', { status: 'failed', ...summarised(reason), retryable: false }, reason.en, 'system'),
    );
  }

  /** Stores (or replaces, on a re-run) the task's export for the answer package: sealed, never
   *  in plain text (TaskExportCipher); only the record count stays readable. */
  private async saveExport(manager: EntityManager, task: Pick<CaseTaskEntity, 'id' | 'caseId' | 'systemId'>, part: ExportPart): Promise<void> {
    const sealed = this.exportCipher.seal(task.id, { data: part.data, tables: part.tables ?? null });
    await manager
      .createQueryBuilder()
      .insert()
      .into(TaskExportEntity)
      .values({
        taskId: task.id,
        caseId: task.caseId,
        systemId: task.systemId,
        ciphertext: sealed.ciphertext,
        iv: sealed.iv,
        authTag: sealed.authTag,
        legacyPlaintext: null,
        recordCount: part.recordCount,
      })
      .orUpdate(['ciphertext', 'iv', 'auth_tag', 'legacy_plaintext', 'record_count'], ['task_id'])
      .execute();
  }

  /** The outcome's own dispositions when they are well-formed; otherwise only what its status
   *  establishes (a malformed list from a connector is a bug: it is dropped, never half-stored). */
  private dispositionsOf(action: string, outcome: Record<string, unknown>, now: Date): Disposition[] {
    const given = outcome.dispositions;
    if (Array.isArray(given) && given.length && !dispositionProblems(given).length) return given as Disposition[];
    return deriveDispositions(action, outcome as { status: string }, now.toISOString().slice(0, 10));
  }

  private async finish(
    manager: EntityManager,
    task: Pick<CaseTaskEntity, 'id' | 'caseId' | 'systemId' | 'action'>,
    status: TaskStatus,
    outcome: Record<string, unknown>,
    error: string | null,
    actor: string,
  ): Promise<void> {
    const now = this.clock.now();
    const stored = { ...outcome, dispositions: this.dispositionsOf(task.action, outcome, now) };
    await manager.update(CaseTaskEntity, { id: task.id }, { status, outcome: stored, error, finishedAt: now } as QueryDeepPartialEntity<CaseTaskEntity>);
    await this.audit.append(manager, {
      caseId: task.caseId,
      type: 'task.finished',
      actor,
      occurredAt: now,
      data: { taskId: task.id, system: task.systemId, action: task.action, status },
    });
  }
}
