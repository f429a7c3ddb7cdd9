import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { CASE_CHANGED, type CaseChangedEvent } from '../../cases/case-events';
import { RecipientTasksService } from './recipient-tasks.service';

/** When a case settles for review, its "tell X by other means" tasks appear for staff. A failure
 *  is logged (ids only); the tasks are then created when the case or its list is next looked at. */
@Injectable()
export class RecipientTasksListener {
  private readonly logger = new Logger('RecipientTasks');

  constructor(private readonly tasks: RecipientTasksService) {}

  @OnEvent(CASE_CHANGED, { promisify: true, suppressErrors: false })
  async onCaseChanged(event: CaseChangedEvent): Promise<void> {
    if (event.type !== 'case.awaiting_review') return;
    try {
      await this.tasks.ensure(event.caseId);
    } catch (error) {
      this.logger.warn(`could not create the recipient tasks of case ${event.caseId}: ${(error as Error).name}`);
    }
  }
}
