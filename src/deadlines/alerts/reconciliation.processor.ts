import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { JobName, QueueName } from '../../queues/queue-catalogue';
import { ReconciliationService } from './reconciliation.service';

@Processor(QueueName.Maintenance, { concurrency: 1 })
export class ReconciliationProcessor extends WorkerHost {
  static readonly handles = [JobName.ReconcileDeadlines];

  constructor(private readonly reconciliation: ReconciliationService) {
    super();
  }

  async process(job: Job) {
    if (job.name !== JobName.ReconcileDeadlines) throw new Error(`no handler for job ${job.name} on ${QueueName.Maintenance}`);
    return this.reconciliation.reconcile();
  }
}
