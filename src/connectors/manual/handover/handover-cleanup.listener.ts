import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CASE_CHANGED, type CaseChangedEvent } from '../../../cases/case-events';
import { isClosed } from '../../../cases/case-transitions';
import { deleteHandoverFiles } from './handover-files';

/**
 * A case that closes without an answer package (rejected, withdrawn, or completed with nothing to
 * package) has no further use for the files handed over for it: they are deleted. With a package,
 * they go when it expires (PackageExpiryService). The package is built inside the completing
 * transaction, so by this event it is there to be seen.
 */
@Injectable()
export class HandoverCleanupListener {
  private readonly logger = new Logger('Handover');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @OnEvent(CASE_CHANGED, { promisify: true, suppressErrors: false })
  async onCaseChanged(event: CaseChangedEvent): Promise<void> {
    if (!isClosed(event.snapshot)) return;
    try {
      await this.dataSource.transaction(async (manager) => {
        // Read by SQL: the answer packages belong to the responses module, above this one.
        const [live] = await manager.query<unknown[]>('SELECT 1 FROM answer_packages WHERE case_id = $1 AND deleted_at IS NULL LIMIT 1', [event.caseId]);
        if (!live) await deleteHandoverFiles(manager, event.caseId);
      });
    } catch (error) {
      this.logger.warn(`could not delete the hand-over files of closed case ${event.caseId}: ${(error as Error).name}`);
    }
  }
}
