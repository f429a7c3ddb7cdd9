import type { Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import type { AuditService } from '../audit/audit.service';
import type { Clock } from '../common/clock';
import { JobName } from '../queues/queue-catalogue';
import { EmailDeliveryService, SentButNotRecordedError } from './email-delivery.service';
import { EmailProcessor } from './email.processor';
import type { MailComposerRegistry } from './mail-composer.registry';
import type { MailMessage, MailTransport } from './mail-transport';
import type { OutboundEmailEntity } from './outbound-email.entity';
import type { OutboxService } from './outbox.service';

/** One outbox row in memory, a PostgreSQL whose "sent" update can be made to fail, and an SMTP
 *  server that records what it accepted. */
function setUp(options: { smtpRejects?: boolean } = {}) {
  const row: Partial<OutboundEmailEntity> = {
    id: '6f1c3a52-0000-4000-8000-000000000001',
    caseId: null,
    kind: 'requester-receipt',
    toAddress: 'kari@example.no',
    subject: 'Vi har mottatt forespørselen din',
    textBody: 'Hei',
    htmlBody: null,
    status: 'pending',
    attempts: 0,
    lastError: null,
  };
  const database = { failSentUpdates: 0 };
  const repository = {
    findOne: async () => ({ ...row }),
    increment: async () => void (row.attempts = row.attempts! + 1),
    update: async (where: Partial<OutboundEmailEntity>, values: Partial<OutboundEmailEntity>) => {
      if (!where.status || where.status === row.status) Object.assign(row, values);
    },
  };
  const manager = {
    update: async (_entity: unknown, _where: unknown, values: Partial<OutboundEmailEntity>) => {
      if (database.failSentUpdates > 0) {
        database.failSentUpdates -= 1;
        throw Object.assign(new Error('connection terminated'), { name: 'QueryFailedError' });
      }
      Object.assign(row, values);
    },
  };
  const dataSource = {
    getRepository: () => repository,
    transaction: async (work: (m: typeof manager) => Promise<unknown>) => work(manager),
  } as unknown as DataSource;
  const accepted: MailMessage[] = [];
  const transport = {
    send: async (message: MailMessage) => {
      if (options.smtpRejects) throw Object.assign(new Error('mailbox unavailable'), { responseCode: 550 });
      accepted.push(message);
      return message.messageId;
    },
  } as unknown as MailTransport;
  const clock = { now: () => new Date('2026-03-05T09:00:00Z') } as Clock;
  const delivery = new EmailDeliveryService(
    dataSource,
    {} as MailComposerRegistry,
    {} as OutboxService,
    transport,
    { append: async () => undefined } as unknown as AuditService,
    clock,
    { RECIPIENT_EMAILS_PER_HOUR: 5 },
  );
  return { row, database, accepted, delivery, processor: new EmailProcessor(delivery) };
}

/** A send-email job as BullMQ hands it to the processor: updateData changes the data it keeps. */
type SendData = { outboundEmailId: string; acceptedMessageId?: string };
function sendJob(outboundEmailId: string, attemptsMade = 0) {
  const job: { name: JobName; data: SendData; attemptsMade: number; opts: { attempts: number }; updateData(data: SendData): Promise<void> } = {
    name: JobName.SendEmail,
    data: { outboundEmailId },
    attemptsMade,
    opts: { attempts: 12 },
    updateData: async (data) => void (job.data = data),
  };
  return job;
}

describe('EmailDeliveryService: SMTP accepted, then PostgreSQL failed', () => {
  it('does not call an accepted message failed, and its retry records it without sending again', async () => {
    const { row, database, accepted, processor } = setUp();
    database.failSentUpdates = 1;
    const job = sendJob(row.id!);

    await expect(processor.process(job as unknown as Job)).rejects.toBeInstanceOf(SentButNotRecordedError);
    expect(accepted).toHaveLength(1);
    expect(row).toMatchObject({ status: 'pending', lastError: null });
    expect(job.data.acceptedMessageId).toBe(`<${row.id}@dsr-engine>`);

    // BullMQ retries the same job.
    job.attemptsMade = 1;
    expect(await processor.process(job as unknown as Job)).toBe('recorded');
    expect(accepted).toHaveLength(1);
    expect(row).toMatchObject({ status: 'sent', messageId: `<${row.id}@dsr-engine>`, lastError: null, attempts: 1 });
  });

  it('records an accepted message as sent, not failed, when the attempts run out', async () => {
    const { row, database, accepted, processor } = setUp();
    database.failSentUpdates = 1;
    const job = sendJob(row.id!);
    await expect(processor.process(job as unknown as Job)).rejects.toBeInstanceOf(SentButNotRecordedError);

    job.attemptsMade = 12;
    await processor.onFailed(job as unknown as Job);
    expect(row.status).toBe('sent');
    expect(accepted).toHaveLength(1);
  });

  it('still records an SMTP refusal as a delivery failure and marks it failed after the last attempt', async () => {
    const { row, accepted, processor } = setUp({ smtpRejects: true });
    const job = sendJob(row.id!);
    await expect(processor.process(job as unknown as Job)).rejects.toThrow('mailbox unavailable');
    expect(accepted).toEqual([]);
    expect(row).toMatchObject({ status: 'pending', lastError: 'delivery failed (550)' });
    expect(job.data.acceptedMessageId).toBeUndefined();

    job.attemptsMade = 12;
    await processor.onFailed(job as unknown as Job);
    expect(row.status).toBe('failed');
  });
});
