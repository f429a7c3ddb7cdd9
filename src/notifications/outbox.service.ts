import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { JOB_OPTIONS, JobName, QueueName, jobIds, type JobPayloads } from '../queues/queue-catalogue';
import type { ComposedMail } from './mail-composer.registry';
import { OutboundEmailEntity } from './outbound-email.entity';

/**
 * The e-mail outbox. A message becomes a row first (idempotent on its dedupe key), then a
 * `send-email` job delivers it. The row is the record of what was sent to whom and when.
 */
@Injectable()
export class OutboxService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.Email) private readonly emailQueue: Queue,
  ) {}

  /** Asks the worker to render and send a message of `kind` (stage one of two). Idempotent per dedupeKey. */
  async requestEmail(payload: JobPayloads[JobName.RenderEmail]): Promise<void> {
    await this.requestEmails([payload]);
  }

  /** `requestEmail` for many messages in one round trip (reconciliation). */
  async requestEmails(payloads: Array<JobPayloads[JobName.RenderEmail]>): Promise<void> {
    for (const payload of payloads) assertJobIdSafe(payload.dedupeKey);
    if (!payloads.length) return;
    await this.emailQueue.addBulk(
      payloads.map((payload) => ({
        name: JobName.RenderEmail,
        data: payload,
        opts: { ...JOB_OPTIONS[JobName.RenderEmail], jobId: jobIds.renderEmail(payload.dedupeKey) },
      })),
    );
  }

  /** Stores a rendered message inside the caller's transaction; returns its row id (existing
   *  or new). Call `dispatch` after the transaction commits. */
  async store(manager: EntityManager, kind: string, dedupeKey: string, mail: ComposedMail): Promise<string> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(OutboundEmailEntity)
      .values({
        dedupeKey,
        kind,
        caseId: mail.caseId ?? null,
        toAddress: mail.to,
        subject: mail.subject,
        textBody: mail.text,
        htmlBody: mail.html ?? null,
      })
      .orIgnore()
      .execute();
    const row = await manager.findOneOrFail(OutboundEmailEntity, { where: { dedupeKey }, select: { id: true } });
    return row.id;
  }

  /** Queues delivery (stage two). A no-op when the job already exists. */
  async dispatch(outboundEmailId: string): Promise<void> {
    await this.emailQueue.add(JobName.SendEmail, { outboundEmailId }, { ...JOB_OPTIONS[JobName.SendEmail], jobId: jobIds.sendEmail(outboundEmailId) });
  }

  /** Re-queues delivery of every message still pending (after Redis lost its jobs, or a crash
   *  between commit and dispatch). Existing jobs are left as they are. */
  async redispatchPending(olderThanSeconds = 60): Promise<number> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM outbound_emails WHERE status = 'pending' AND created_at < now() - make_interval(secs => $1)`,
      [olderThanSeconds],
    );
    if (rows.length) {
      await this.emailQueue.addBulk(
        rows.map(({ id }) => ({
          name: JobName.SendEmail,
          data: { outboundEmailId: id },
          opts: { ...JOB_OPTIONS[JobName.SendEmail], jobId: jobIds.sendEmail(id) },
        })),
      );
    }
    return rows.length;
  }

  forCase(caseId: string): Promise<OutboundEmailEntity[]> {
    return this.dataSource.getRepository(OutboundEmailEntity).find({ where: { caseId }, order: { createdAt: 'ASC' } });
  }
}

function assertJobIdSafe(key: string): void {
  if (!/^[A-Za-z0-9_.-]{1,180}$/.test(key)) throw new Error(`dedupe key "${key}" must be [A-Za-z0-9_.-] (it becomes a job id)`);
}
