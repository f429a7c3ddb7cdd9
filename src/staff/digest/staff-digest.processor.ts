import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { JobName, QueueName } from '../../queues/queue-catalogue';
import { StaffDigestService } from './staff-digest.service';

/** Thin: the daily digest job asks the service for today's e-mails. */
@Processor(QueueName.StaffDigest, { concurrency: 1 })
export class StaffDigestProcessor extends WorkerHost {
  static readonly handles = [JobName.StaffDigest];

  constructor(private readonly digest: StaffDigestService) {
    super();
  }

  async process(job: Job): Promise<number> {
    if (job.name !== JobName.StaffDigest) throw new Error(`no handler for job ${job.name} on ${QueueName.StaffDigest}`);
    return this.digest.requestDigests();
  }
}
