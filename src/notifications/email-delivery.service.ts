import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import type { JobName, JobPayloads } from '../queues/queue-catalogue';
import { MailComposerRegistry } from './mail-composer.registry';
import { MailTransport } from './mail-transport';
import { OutboundEmailEntity } from './outbound-email.entity';
import { OutboxService } from './outbox.service';
import { secretsRemoved } from './mail-secrets';
import { RECIPIENT_LIMITED_KINDS, recipientOverLimit } from './recipient-limit';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

/** Why a message was not sent, on its row (no address in it: the row has the address already). */
const RECIPIENT_LIMIT_NOTE = 'not sent: this address had the hourly maximum of verification e-mails (RECIPIENT_EMAILS_PER_HOUR)';

/** The SMTP server accepted the message but recording that in PostgreSQL failed: the retry must
 *  record, not send. */
export class SentButNotRecordedError extends Error {
  constructor(
    readonly messageId: string,
    readonly cause: Error,
  ) {
    super(`message ${messageId} was accepted by SMTP but not recorded (${cause.name})`);
    this.name = 'SentButNotRecordedError';
  }
}

/** What the e-mail jobs do. Both stages are idempotent: rendering keys on the dedupe key,
 *  delivery on the row's status, so a retried or duplicated job never sends twice. */
@Injectable()
export class EmailDeliveryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly composers: MailComposerRegistry,
    private readonly outbox: OutboxService,
    private readonly transport: MailTransport,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'RECIPIENT_EMAILS_PER_HOUR'>,
  ) {}

  /** Stage one: compose from fresh state, store in the outbox, queue delivery. A verification
   *  e-mail to an address over its hourly limit is stored as `limited` and never sent: the request
   *  itself stands, and staff see the reason on the case. */
  async render(payload: JobPayloads[JobName.RenderEmail]): Promise<'queued' | 'skipped' | 'limited'> {
    const mail = await this.composers.compose(payload.kind, { caseId: payload.caseId, params: payload.params ?? {} });
    if (!mail) return 'skipped';
    const stored = await this.dataSource.transaction(async (manager) => {
      const existing = await manager.findOne(OutboundEmailEntity, { where: { dedupeKey: payload.dedupeKey }, select: { id: true, status: true } });
      if (existing) return existing;
      const limited =
        RECIPIENT_LIMITED_KINDS.includes(payload.kind) && (await recipientOverLimit(manager, mail.to, this.config.RECIPIENT_EMAILS_PER_HOUR, this.clock.now()));
      const id = await this.outbox.store(manager, payload.kind, payload.dedupeKey, { caseId: payload.caseId ?? null, ...mail });
      if (!limited) return { id, status: 'pending' as const };
      const row = await manager.findOneOrFail(OutboundEmailEntity, { where: { id } });
      // Never sent, so its link is cut at once, as for a failed message.
      await manager.update(OutboundEmailEntity, { id }, { status: 'limited', lastError: RECIPIENT_LIMIT_NOTE, ...secretsRemoved(row, this.clock.now()) });
      if (payload.caseId) {
        await this.audit.append(manager, {
          caseId: payload.caseId,
          type: 'email.limited',
          actor: 'system',
          occurredAt: this.clock.now(),
          data: { kind: payload.kind, outboundEmailId: id, perHour: this.config.RECIPIENT_EMAILS_PER_HOUR },
        });
      }
      return { id, status: 'limited' as const };
    });
    if (stored.status === 'limited') return 'limited';
    await this.outbox.dispatch(stored.id);
    return 'queued';
  }

  /**
   * Stage two: deliver one stored message. Throws on SMTP failure so the job retries.
   *
   * Sending and recording are two systems, so exactly-once is out of reach: a crash between the
   * SMTP server's acceptance and the PostgreSQL update cannot be told apart, on the next attempt,
   * from a crash before sending. When the update fails *after* acceptance, this throws
   * `SentButNotRecordedError`; the job keeps that fact (in Redis) and the retry passes
   * `acceptedMessageId` so it only records, never sends again. Where even that is lost, delivery is
   * at-least-once with the stable Message-ID (`<row id@dsr-engine>`), which lets the receiving side
   * recognise the repeat.
   */
  async deliver(outboundEmailId: string, acceptedMessageId?: string): Promise<'sent' | 'recorded' | 'already-sent' | 'missing'> {
    const repository = this.dataSource.getRepository(OutboundEmailEntity);
    const row = await repository.findOne({ where: { id: outboundEmailId } });
    if (!row) return 'missing';
    if (row.status === 'sent') return 'already-sent';
    if (acceptedMessageId) {
      await this.recordSent(row, acceptedMessageId);
      return 'recorded';
    }
    await repository.increment({ id: row.id }, 'attempts', 1);
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
      await repository.update({ id: row.id }, { lastError: `delivery failed (${code ?? (error as Error).name})` });
      throw error;
    }
    try {
      await this.recordSent(row, messageId);
    } catch (error) {
      throw new SentButNotRecordedError(messageId, error as Error);
    }
    return 'sent';
  }

  /** A message whose every attempt failed is marked failed; one the SMTP server accepted is
   *  recorded as sent instead (it reached the requester, whatever failed afterwards). */
  async giveUp(outboundEmailId: string, acceptedMessageId?: string): Promise<void> {
    if (acceptedMessageId) await this.deliver(outboundEmailId, acceptedMessageId);
    else await this.markFailed(outboundEmailId);
  }

  /** Sent: from here on the row is the record of what went to whom, without its codes and link
   *  tokens (cut in the same update, so no sent row keeps them). */
  private async recordSent(row: OutboundEmailEntity, messageId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.update(
        OutboundEmailEntity,
        { id: row.id },
        {
          status: 'sent',
          sentAt: this.clock.now(),
          messageId,
          lastError: null,
          ...secretsRemoved(row, this.clock.now()),
        },
      );
      if (row.caseId) {
        await this.audit.append(manager, {
          caseId: row.caseId,
          type: 'email.sent',
          actor: 'system',
          occurredAt: this.clock.now(),
          data: { kind: row.kind, outboundEmailId: row.id },
        });
      }
    });
  }

  /** Called when the last attempt failed: staff see the message as failed, not pending forever.
   *  Its code or link never reached anyone and is cut as well; a resend composes a new one. */
  private async markFailed(outboundEmailId: string): Promise<void> {
    const repository = this.dataSource.getRepository(OutboundEmailEntity);
    const row = await repository.findOne({ where: { id: outboundEmailId } });
    if (!row) return;
    await repository.update({ id: outboundEmailId, status: 'pending' }, { status: 'failed', ...secretsRemoved(row, this.clock.now()) });
  }
}
