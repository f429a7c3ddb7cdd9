import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { Clock } from '../../common/clock';
import { AnswerService } from '../answer.service';
import { AnswerPackageEntity } from './answer-package.entity';
import { ReconcilePass } from '../../deadlines/alerts/reconcile-pass';
import { TaskExportsRetention } from '../../connectors/tasks/task-exports.retention';
import { deleteHandoverFiles } from '../../connectors/manual/handover/handover-files';
import { deleteReplyFiles } from '../../replies/reply-files.retention';

export type ExpiryResult = { outcome: 'deleted' | 'already-deleted' | 'missing' } | { outcome: 'later'; delayMs: number };

/** Deletes a package's contents when its download period ends: by its delayed job, or by the
 *  reconciliation pass (and the retention sweep) for any the job missed. The row stays as the
 *  record; the systems' exports it was built from go with it, in the same transaction. */
@Injectable()
export class PackageExpiryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly answers: AnswerService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly exports: TaskExportsRetention,
  ) {}

  async expire(packageId: string): Promise<ExpiryResult> {
    return this.dataSource.transaction(async (manager) => {
      const row = await manager
        .getRepository(AnswerPackageEntity)
        .findOne({ where: { id: packageId }, lock: { mode: 'pessimistic_write' }, select: { id: true, caseId: true, expiresAt: true, deletedAt: true } });
      if (!row) return { outcome: 'missing' as const };
      if (row.deletedAt) return { outcome: 'already-deleted' as const };
      const now = this.clock.now();
      const left = row.expiresAt.getTime() - now.getTime();
      if (left > 0) return { outcome: 'later' as const, delayMs: left };
      await manager.update(AnswerPackageEntity, { id: row.id }, { ciphertext: null, deletedAt: now });
      const exportsDeleted = await this.exports.deleteForCase(manager, row.caseId);
      // Hand-over (issue #13): the files people handed over for this case go with the package.
      await deleteHandoverFiles(manager, row.caseId);
      await deleteReplyFiles(manager, row.caseId);
      await this.audit.append(manager, {
        caseId: row.caseId,
        type: 'answer.package_deleted',
        actor: 'system',
        occurredAt: now,
        data: { packageId: row.id, reason: 'download period ended', exportsDeleted },
      });
      return { outcome: 'deleted' as const };
    });
  }

  /** Deletes what is past its time and re-offers the expiry job of every live package. */
  @ReconcilePass('answer-packages')
  async reconcile(): Promise<number> {
    const live = await this.dataSource.getRepository(AnswerPackageEntity).find({ where: { deletedAt: IsNull() }, select: { id: true, expiresAt: true } });
    const now = this.clock.now().getTime();
    for (const row of live) {
      if (row.expiresAt.getTime() <= now) await this.expire(row.id);
      else await this.answers.scheduleExpiry(row);
    }
    return live.length;
  }
}
