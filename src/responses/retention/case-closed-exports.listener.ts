import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { CASE_CHANGED, type CaseChangedEvent } from '../../cases/case-events';
import { CLOSING_EVENT_TYPES } from '../../cases/case-transitions';
import { RetentionSweepService } from './retention-sweep.service';

/** After a case closed (committed): its exports go unless its package still needs them. A failure
 *  is logged (ids only) and the retention sweep deletes them on its next run. */
@Injectable()
export class CaseClosedExportsListener {
  private readonly logger = new Logger('Retention');

  constructor(private readonly retention: RetentionSweepService) {}

  @OnEvent(CASE_CHANGED, { promisify: true, suppressErrors: false })
  async onCaseChanged(event: CaseChangedEvent): Promise<void> {
    if (!CLOSING_EVENT_TYPES.includes(event.type)) return;
    try {
      await this.retention.afterClose(event.caseId);
    } catch (error) {
      this.logger.warn(`could not delete the exports of case ${event.caseId} after ${event.type}: ${(error as Error).name}; the retention sweep will`);
    }
  }
}
