import { InjectQueue, Processor } from '@nestjs/bullmq';
import { OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { JobProcessor, type JobHandlers } from '../queues/job-processor';
import { JobSchedulers } from '../queues/job-schedulers';
import { JOB_OPTIONS, JobName, QueueName } from '../queues/queue-catalogue';
import { AuditService } from './audit.service';

export const CHAIN_AUDIT_SCHEDULER = 'chain-audit';

/** How often new audit events are linked into the chain: the window in which a fresh event is
 *  not yet covered by a hash. */
const CHAIN_EVERY_MS = 5_000;

/** Worker-only: one job scheduler (however many workers run; the SchedulerWatchdog writes it)
 *  links new audit events. */
@Processor(QueueName.Audit, { concurrency: 1 })
export class AuditChainProcessor extends JobProcessor<QueueName.Audit> implements OnModuleInit {
  protected readonly handlers: JobHandlers<QueueName.Audit> = {
    [JobName.ChainAudit]: () => this.audit.chain(),
  };

  constructor(
    private readonly audit: AuditService,
    @InjectQueue(QueueName.Audit) private readonly queue: Queue,
    private readonly schedulers: JobSchedulers,
  ) {
    super();
  }

  onModuleInit(): void {
    this.schedulers.register({
      queue: this.queue,
      id: CHAIN_AUDIT_SCHEDULER,
      repeat: { every: CHAIN_EVERY_MS },
      job: { name: JobName.ChainAudit, data: {}, opts: JOB_OPTIONS[JobName.ChainAudit] },
    });
  }
}
