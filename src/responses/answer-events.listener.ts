import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { CASE_CHANGED, type CaseChangedEvent } from '../cases/case-events';
import { AnswerService } from './answer.service';

/** After a completion or a rejection has committed: deliver the letter and notices stored with
 *  it, arm the package's expiry. A failure is logged (ids only) and repaired by reconciliation. */
@Injectable()
export class AnswerEventsListener {
  private readonly logger = new Logger('Answers');

  constructor(private readonly answers: AnswerService) {}

  @OnEvent(CASE_CHANGED, { promisify: true, suppressErrors: false })
  async onCaseChanged(event: CaseChangedEvent): Promise<void> {
    try {
      if (event.type === 'case.completed') await this.answers.afterComplete(event.caseId);
      if (event.type === 'case.rejected') await this.answers.dispatchPending(event.caseId);
    } catch (error) {
      this.logger.warn(`could not deliver the answer for case ${event.caseId} after ${event.type}: ${(error as Error).name}`);
    }
  }
}
