import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import type { JobName, JobPayloads } from '../queues/queue-catalogue';
import { MailComposerRegistry, type ComposedMail } from './mail-composer.registry';
import { MailTransport } from './mail-transport';
import { OutboxRows, type DeliverableRow } from './outbox-rows';
import { OutboxService } from './outbox.service';
import { secretsRemoved } from './mail-secrets';
import { RECIPIENT_LIMITED_KINDS, recipientOverLimit, recipientUnderLimit } from './recipient-limit';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

/** Why a message was not sent, on its row (no address in it: the row has the address already). */
const RECIPIENT_LIMIT_NOTE = 'not sent: this address had the hourly maximum of verification e-mails (RECIPIENT_EMAILS_PER_HOUR)';

/** The SMTP server accepted the message but recording that in PostgreSQL failed: the retry must
 *  record, not send. */
export class SentButNotRecordedError extends Error {
  constructor(
    readonly outboundEmailId: string,
    readonly messageId: string,
    readonly cause: Error,
  ) {
    super(`message ${messageId} was accepted by SMTP but not recorded (${cause.name})`);
    this.name = 'SentButNotRecordedError';
  }
}

/** What a render job did: sent (the usual end), handed to a `send-email` job (its delivery failed,
 *  or the row was stored by an earlier attempt), or nothing to send. */
export type RenderOutcome = 'sent' | 'recorded' | 'queued' | 'finished-before' | 'skipped' | 'limited';

/** What the e-mail jobs do. A message is stored once (its dedupe key) and sent once (its row's
 *  status, and the accepted Message-ID a retry carries), however often a job runs. */
@Injectable()
export class EmailDeliveryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly composers: MailComposerRegistry,
    private readonly outbox: OutboxService,
    private readonly rows: OutboxRows,
    private readonly transport: MailTransport,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'RECIPIENT_EMAILS_PER_HOUR'>,
  ) {}

  /**
   * The `render-email` job: compose from fresh state, store in the outbox and send, in one job.
   * Only the attempt that inserted the row sends it; if that fails, a `send-email` job (its
   * retries, back-off and giving up) takes over. A later attempt, finding the row, leaves a pending
   * one to a `send-email` job (one per row, by job id), so two senders never race. A verification
   * e-mail to an address over its hourly limit is stored as `limited` and never sent: the request
   * itself stands, and staff see the reason on the case.
   */
  async render(payload: JobPayloads[JobName.RenderEmail]): Promise<RenderOutcome> {
    if (payload.accepted) {
      await this.deliver(payload.accepted.outboundEmailId, payload.accepted.messageId);
      return 'recorded';
    }
    const mail = await this.composers.compose(payload.kind, { caseId: payload.caseId, params: payload.params ?? {} });
    if (!mail) return 'skipped';
    const composed = { caseId: payload.caseId ?? null, ...mail };
    const stored = RECIPIENT_LIMITED_KINDS.includes(payload.kind)
      ? await this.storeUnderLimit(payload, composed)
      : await this.storeToSend(this.dataSource.manager, payload, composed);
    if (!stored.created) {
      if (stored.status !== 'pending') return 'finished-before';
      await this.outbox.dispatch(stored.id);
      return 'queued';
    }
    if (stored.row.status === 'limited') return 'limited';
    try {
      await this.send({ id: stored.id, ...stored.row });
      return 'sent';
    } catch (error) {
      if (error instanceof SentButNotRecordedError) throw error;
      await this.outbox.dispatch(stored.id);
      return 'queued';
    }
  }

  /**
   * The `send-email` job: deliver one stored message. Throws on SMTP failure so the job retries.
   *
   * Sending and recording are two systems, so exactly-once is out of reach: a crash between the
   * SMTP server's acceptance and the PostgreSQL update cannot be told apart, on the next attempt,
   * from a crash before sending. When the update fails *after* acceptance, this throws
   * `SentButNotRecordedError`; the job keeps that fact (in Redis) and the retry passes
   * `acceptedMessageId` so it only records, never sends again. Where even that is lost, delivery is
   * at-least-once with the stable Message-ID (`<row id@dsr-engine>`), which lets the receiving side
   * recognise the repeat.
   */
  async deliver(outboundEmailId: string, acceptedMessageId?: string): Promise<'sent' | 'recorded' | 'finished-before' | 'missing'> {
    if (acceptedMessageId) {
      const row = await this.rows.find(outboundEmailId);
      if (!row) return 'missing';
      if (row.status === 'sent') return 'finished-before';
      await this.rows.recordSent(row, acceptedMessageId, this.clock.now());
      return 'recorded';
    }
    const row = await this.rows.claimAttempt(outboundEmailId);
    if (!row) return (await this.rows.find(outboundEmailId)) ? 'finished-before' : 'missing';
    await this.send(row);
    return 'sent';
  }

  /** A message whose every attempt failed is marked failed; one the SMTP server accepted is
   *  recorded as sent instead (it reached the requester, whatever failed afterwards). */
  async giveUp(outboundEmailId: string, acceptedMessageId?: string): Promise<void> {
    if (acceptedMessageId) await this.deliver(outboundEmailId, acceptedMessageId);
    else await this.rows.markFailed(outboundEmailId, this.clock.now());
  }

  /** One SMTP attempt of a row whose attempt is already counted, and its record. */
  private async send(row: DeliverableRow): Promise<void> {
    let messageId: string;
    try {
      messageId = await this.transport.send({
        messageId: `<${row.id}@dsr-engine>`,
        to: row.toAddress,
        subject: row.subject,
        text: row.textBody,
        html: row.htmlBody,
        replyTo: row.replyTo,
      });
    } catch (error) {
      // The SMTP reply can quote the address; keep only its code and class on the row.
      const code = (error as { responseCode?: number; code?: string }).responseCode ?? (error as { code?: string }).code;
      await this.rows.recordFailure(row.id, `delivery failed (${code ?? (error as Error).name})`);
      throw error;
    }
    try {
      await this.rows.recordSent(row, messageId, this.clock.now());
    } catch (error) {
      throw new SentButNotRecordedError(row.id, messageId, error as Error);
    }
  }

  /** A message this job will send at once: its attempt is counted in the INSERT. */
  private async storeToSend(manager: EntityManager, payload: JobPayloads[JobName.RenderEmail], mail: ComposedMail) {
    const row = { ...(await this.outbox.newRow(manager, payload.kind, payload.dedupeKey, mail)), attempts: 1 as const };
    return { ...(await this.rows.insert(manager, row)), row };
  }

  /** As `storeToSend` for an address under its hourly limit, checked and stored in one statement;
   *  otherwise `storeLimited` decides again, under the lock, in a transaction of its own. */
  private async storeUnderLimit(payload: JobPayloads[JobName.RenderEmail], mail: ComposedMail) {
    const row = { ...(await this.outbox.newRow(this.dataSource.manager, payload.kind, payload.dedupeKey, mail)), attempts: 1 as const };
    const guard = recipientUnderLimit(mail.to, this.config.RECIPIENT_EMAILS_PER_HOUR, this.clock.now());
    const stored = await this.rows.insertIf(this.dataSource.manager, row, undefined, guard);
    if (stored) return { ...stored, row };
    return this.dataSource.transaction((manager) => this.storeLimited(manager, payload, mail));
  }

  /** As `storeToSend`, or stored as `limited` (never sent, so its link is cut at once, as for a
   *  failed message) with its audit event, when the address had its hourly maximum. */
  private async storeLimited(manager: EntityManager, payload: JobPayloads[JobName.RenderEmail], mail: ComposedMail) {
    const now = this.clock.now();
    if (!(await recipientOverLimit(manager, mail.to, this.config.RECIPIENT_EMAILS_PER_HOUR, now))) return this.storeToSend(manager, payload, mail);
    const pending = await this.outbox.newRow(manager, payload.kind, payload.dedupeKey, mail);
    const row = { ...pending, ...secretsRemoved(pending, now), status: 'limited' as const, lastError: RECIPIENT_LIMIT_NOTE };
    const audit = { type: 'email.limited' as const, occurredAt: now, extra: { perHour: this.config.RECIPIENT_EMAILS_PER_HOUR } };
    return { ...(await this.rows.insert(manager, row, audit)), row };
  }
}
