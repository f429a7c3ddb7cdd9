import { Injectable } from '@nestjs/common';
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
  ) {}

  /** Stage one: compose from fresh state, store in the outbox, queue delivery. */
  async render(payload: JobPayloads[JobName.RenderEmail]): Promise<'queued' | 'skipped'> {
    const mail = await this.composers.compose(payload.kind, { caseId: payload.caseId, params: payload.params ?? {} });
    if (!mail) return 'skipped';
    const id = await this.dataSource.transaction((manager) =>
      this.outbox.store(manager, payload.kind, payload.dedupeKey, { caseId: payload.caseId ?? null, ...mail }),
    );
    await this.outbox.dispatch(id);
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
