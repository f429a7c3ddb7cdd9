import { Processor } from '@nestjs/bullmq';
import { JobProcessor, type JobHandlers } from '../../queues/job-processor';
import { JobName, QueueName } from '../../queues/queue-catalogue';
import { StaffDigestService } from './staff-digest.service';

/** Thin: the daily digest job asks the service for today's e-mails. */
@Processor(QueueName.StaffDigest, { concurrency: 1 })
export class StaffDigestProcessor extends JobProcessor<QueueName.StaffDigest> {
  protected readonly handlers: JobHandlers<QueueName.StaffDigest> = {
    [JobName.StaffDigest]: () => this.digest.requestDigests(),
  };

  constructor(private readonly digest: StaffDigestService) {
    super();
  }
}
