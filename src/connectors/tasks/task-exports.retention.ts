import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, Not } from 'typeorm';
import { TaskExportEntity } from './task-export.entity';
import { TaskExportCipher } from './task-export-cipher';

/**
 * The end of an export's life (docs/personal-data.md): deleted with its package, or when the case
 * closes without one; and the sealing of rows written before exports were stored sealed. The
 * responses module decides when (package expiry, case closing, the retention sweep); this module
 * owns the table, so the deleting and sealing happen here.
 */
@Injectable()
export class TaskExportsRetention {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: TaskExportCipher,
  ) {}

  /** Deletes every export of the case, inside the caller's transaction; returns how many. */
  async deleteForCase(manager: EntityManager, caseId: string): Promise<number> {
    const result = await manager.delete(TaskExportEntity, { caseId });
    return result.affected ?? 0;
  }

  /** Seals the rows the migration left in `legacy_plaintext` (it had no key). Idempotent. */
  async sealLegacy(): Promise<number> {
    const rows = await this.dataSource.getRepository(TaskExportEntity).find({
      where: { legacyPlaintext: Not(IsNull()) },
      select: { id: true, taskId: true, legacyPlaintext: true },
    });
    for (const row of rows) {
      const sealed = this.cipher.seal(row.taskId, { data: row.legacyPlaintext?.data ?? {}, tables: row.legacyPlaintext?.tables ?? null });
      await this.dataSource
        .getRepository(TaskExportEntity)
        .update(
          { id: row.id, legacyPlaintext: Not(IsNull()) },
          { ciphertext: sealed.ciphertext, iv: sealed.iv, authTag: sealed.authTag, legacyPlaintext: null },
        );
    }
    return rows.length;
  }
}
