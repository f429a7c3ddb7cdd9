import { deleteHandoverFiles } from '../../connectors/manual/handover/handover-files';
import { deleteReplyFiles } from '../../replies/reply-files.retention';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, LessThanOrEqual } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { CasesReader } from '../../cases/cases-reader';
import { CLOSED_STATUSES } from '../../common/case-types';
import { Clock } from '../../common/clock';
import { TaskExportsRetention } from '../../connectors/tasks/task-exports.retention';
import { OutboxService } from '../../notifications/outbox.service';
import { AnswerPackageEntity } from '../package/answer-package.entity';
import { PackageExpiryService } from '../package/package-expiry.service';

/** What one sweep did, in counts (it is the job's return value, so it shows in the queue). */
export interface SweepReport {
  packagesExpired: number;
  exportsSealed: number;
  casesCleared: number;
  mailsCleaned: number;
}

/**
 * Nothing outlives its purpose (docs/personal-data.md). A system's export serves the answer
 * package: it goes with the package when the download period ends (PackageExpiryService), or when
 * the case closes without a package (`afterClose`, on the case event). The sweep, a repeatable job,
 * catches whatever those missed (a lost job, a crash between commit and event, rows from before
 * this existed) and is idempotent: each run removes only what is still due.
 */
@Injectable()
export class RetentionSweepService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CasesReader,
    private readonly exports: TaskExportsRetention,
    private readonly expiry: PackageExpiryService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** A case has closed: its exports go unless a package still needs them (it takes them with it). */
  async afterClose(caseId: string): Promise<number> {
    return this.dataSource.transaction(async (manager) =>
      (await this.leftover(manager, caseId)) ? this.clear(manager, caseId, 'case closed without a package') : 0,
    );
  }

  async sweep(): Promise<SweepReport> {
    const now = this.clock.now();
    const overdue = await this.dataSource
      .getRepository(AnswerPackageEntity)
      .find({ where: { deletedAt: IsNull(), expiresAt: LessThanOrEqual(now) }, select: { id: true } });
    for (const row of overdue) await this.expiry.expire(row.id);
    const exportsSealed = await this.exports.sealLegacy();
    // Candidates in one read; each is checked again under the case's lock before anything goes.
    const cases: Array<{ case_id: string }> = await this.dataSource.query(
      `SELECT DISTINCT e.case_id FROM (SELECT case_id FROM case_task_exports UNION SELECT case_id FROM case_handover_files UNION SELECT case_id FROM case_reply_files) e JOIN cases c ON c.id = e.case_id
        WHERE c.status = ANY($1) AND NOT EXISTS (SELECT 1 FROM answer_packages p WHERE p.case_id = e.case_id AND p.deleted_at IS NULL)`,
      [[...CLOSED_STATUSES]],
    );
    let casesCleared = 0;
    for (const { case_id: caseId } of cases) {
      const cleared = await this.dataSource.transaction(async (manager) =>
        (await this.leftover(manager, caseId)) ? this.clear(manager, caseId, 'retention sweep: case closed, no package to build') : 0,
      );
      if (cleared) casesCleared += 1;
    }
    const mailsCleaned = await this.outbox.removeLeftoverSecrets(now);
    return { packagesExpired: overdue.length, exportsSealed, casesCleared, mailsCleaned };
  }

  /** Closed, with no live package to build from them: the exports have no purpose left.
   *  The case row is locked so a completion building its package cannot run in between. */
  private async leftover(manager: EntityManager, caseId: string): Promise<boolean> {
    await this.cases.lockById(manager, caseId);
    const entity = await this.cases.byId(caseId, manager);
    if (entity && !CLOSED_STATUSES.includes(entity.status)) return false;
    return (await manager.count(AnswerPackageEntity, { where: { caseId, deletedAt: IsNull() } })) === 0;
  }

  /** Deletes the case's exports, the files people handed over for it (the same purpose: the package)
   *  and the requester's reply attachments (kept for carrying out the request, no longer). */
  private async clear(manager: EntityManager, caseId: string, reason: string): Promise<number> {
    const deleted = await this.exports.deleteForCase(manager, caseId);
    const files = await deleteHandoverFiles(manager, caseId);
    const replyFiles = await deleteReplyFiles(manager, caseId);
    if (deleted || files || replyFiles) {
      await this.audit.append(manager, {
        caseId,
        type: 'retention.exports_deleted',
        actor: 'system',
        occurredAt: this.clock.now(),
        data: { exports: deleted, handoverFiles: files, replyFiles, reason },
      });
    }
    return deleted + files + replyFiles;
  }
}
