import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, Not } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { secretsOf, secretsRemoved } from './mail-secrets';
import { JobQueue, jobRequest, type JobRequest } from '../queues/job-queue';
import { JobName, QueueName, jobIds, type PayloadOf } from '../queues/queue-catalogue';
import type { ComposedMail } from './mail-composer.registry';
import { OutboundEmailEntity } from './outbound-email.entity';
import { OutboxRows, type NewOutboxRow } from './outbox-rows';
import { ReplyToAddresses } from './reply-to';

/**
 * The e-mail outbox. A message becomes a row first (idempotent on its dedupe key), then it is
 * delivered: by the `render-email` job that stored it, or by a `send-email` job (a message stored
 * by another module, or one whose first delivery failed). The row is the record of what was sent
 * to whom and when.
 */
@Injectable()
export class OutboxService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'PUBLIC_URL'>,
    private readonly replyTo: ReplyToAddresses,
    private readonly rows: OutboxRows,
  ) {}

  /** Asks the worker to render and send a message of `kind`. Idempotent per dedupeKey. */
  async requestEmail(payload: PayloadOf<JobName.RenderEmail>): Promise<void> {
    await this.requestEmails([payload]);
  }

  /** `requestEmail` for many messages in one round trip (reconciliation). */
  async requestEmails(payloads: Array<PayloadOf<JobName.RenderEmail>>): Promise<void> {
    if (!payloads.length) return;
    await this.jobs.enqueueBulk(payloads.map(renderEmailJob));
  }

  /** Stores a rendered message inside the caller's transaction; returns its row id (existing
   *  or new). Call `dispatch` after the transaction commits. */
  async store(manager: EntityManager, kind: string, dedupeKey: string, mail: ComposedMail): Promise<string> {
    return (await this.rows.insert(manager, await this.newRow(manager, kind, dedupeKey, mail))).id;
  }

  /** The row a composed message becomes: pending, with the case's reply address and the secrets
   *  to cut from it once it is finished. */
  async newRow(manager: EntityManager, kind: string, dedupeKey: string, mail: ComposedMail): Promise<NewOutboxRow> {
    const html = mail.html ?? null;
    return {
      dedupeKey,
      kind,
      caseId: mail.caseId ?? null,
      toAddress: mail.to,
      subject: mail.subject,
      textBody: mail.text,
      htmlBody: html,
      replyTo: await this.replyTo.for(manager, mail.caseId, mail.to),
      secrets: secretsOf(mail.secrets, this.config.PUBLIC_URL, mail.text, html),
      status: 'pending',
      attempts: 0,
      lastError: null,
      secretsRemovedAt: null,
    };
  }

  /** Queues delivery (stage two). A no-op when the job already exists. */
  async dispatch(outboundEmailId: string): Promise<void> {
    await this.jobs.enqueue(JobName.SendEmail, { outboundEmailId }, { jobId: jobIds.sendEmail(outboundEmailId) });
  }

  /** Re-queues delivery of every message still pending (after Redis lost its jobs, or a crash
   *  between commit and dispatch). Existing jobs are left as they are. */
  async redispatchPending(olderThanSeconds = 60): Promise<number> {
    const pending: Array<{ id: string; dedupe_key: string }> = await this.dataSource.query(
      `SELECT id, dedupe_key FROM outbound_emails WHERE status = 'pending' AND created_at < now() - make_interval(secs => $1)`,
      [olderThanSeconds],
    );
    if (!pending.length) return 0;
    // A render job still running may be delivering its own row right now (a slow SMTP server):
    // that job queues the retry itself if it fails, so a second sender is not added beside it.
    const running = new Set((await this.jobs.queue(QueueName.Email).getJobs(['active'])).map((job) => job.id));
    const rows = pending.filter((row) => !running.has(jobIds.renderEmail(row.dedupe_key)));
    await this.jobs.enqueueBulk(rows.map(({ id }) => jobRequest(JobName.SendEmail, { outboundEmailId: id }, { jobId: jobIds.sendEmail(id) })));
    return rows.length;
  }

  /** Cuts the secrets from finished rows that still hold them: a row finished before they were
   *  cut in the same update (none should be left; the retention sweep makes sure). Idempotent. */
  async removeLeftoverSecrets(now: Date): Promise<number> {
    const repository = this.dataSource.getRepository(OutboundEmailEntity);
    const rows = await repository.find({
      where: { status: Not('pending'), secrets: Not(IsNull()) },
      select: { id: true, status: true, textBody: true, htmlBody: true, secrets: true },
    });
    for (const row of rows) await repository.update({ id: row.id, status: row.status }, secretsRemoved(row, now));
    return rows.length;
  }

  forCase(caseId: string): Promise<OutboundEmailEntity[]> {
    return this.dataSource.getRepository(OutboundEmailEntity).find({ where: { caseId }, order: { createdAt: 'ASC' } });
  }
}

/** The job that renders and sends a message, its id from the dedupe key (for a caller that
 *  queues or stages it itself: the public intake stages the verification e-mail's). */
export function renderEmailJob(payload: PayloadOf<JobName.RenderEmail>): JobRequest<JobName.RenderEmail> {
  assertJobIdSafe(payload.dedupeKey);
  return jobRequest(JobName.RenderEmail, payload, { jobId: jobIds.renderEmail(payload.dedupeKey) });
}

function assertJobIdSafe(key: string): void {
  if (!/^[A-Za-z0-9_.-]{1,180}$/.test(key)) throw new Error(`dedupe key "${key}" must be [A-Za-z0-9_.-] (it becomes a job id)`);
}
