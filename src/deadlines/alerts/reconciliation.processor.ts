import { Processor } from '@nestjs/bullmq';
import { JobProcessor, type JobHandlers } from '../../queues/job-processor';
import { JobName, QueueName } from '../../queues/queue-catalogue';
import { ReconciliationService } from './reconciliation.service';

@Processor(QueueName.Maintenance, { concurrency: 1 })
export class ReconciliationProcessor extends JobProcessor<QueueName.Maintenance> {
  protected readonly handlers: JobHandlers<QueueName.Maintenance> = {
    [JobName.ReconcileDeadlines]: () => this.reconciliation.reconcile(),
  };

  constructor(private readonly reconciliation: ReconciliationService) {
    super();
  }
}
