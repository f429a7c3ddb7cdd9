import type { Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import type { Clock } from '../common/clock';
import { JobName, type PayloadOf } from '../queues/queue-catalogue';
import { EmailDeliveryService, SentButNotRecordedError } from './email-delivery.service';
import { EmailProcessor } from './email.processor';
import type { MailComposerRegistry } from './mail-composer.registry';
import type { MailMessage, MailTransport } from './mail-transport';
import type { OutboundEmailEntity } from './outbound-email.entity';
import type { DeliverableRow, NewOutboxRow, OutboxRows } from './outbox-rows';
import type { OutboxService } from './outbox.service';

const ROW_ID = '6f1c3a52-0000-4000-8000-000000000001';

/** The outbox in memory (one row at most), a PostgreSQL whose "sent" record can be made to fail,
 *  and an SMTP server that records what it accepted. */
function setUp(options: { smtpRejects?: boolean; stored?: boolean } = {}) {
  let row: Partial<OutboundEmailEntity> | null = options.stored
    ? {
        id: ROW_ID,
        dedupeKey: 'receipt-1',
        caseId: null,
        kind: 'requester-receipt',
        toAddress: 'kari@example.no',
        subject: 'Mottatt',
        textBody: 'Hei',
        htmlBody: null,
        status: 'pending',
        attempts: 0,
        lastError: null,
      }
    : null;
  const database = { failSentUpdates: 0 };
  const rows = {
    insert: async (_manager: unknown, values: NewOutboxRow) => {
      if (row) return { id: row.id!, created: false, status: row.status! };
      row = { ...values, id: ROW_ID, messageId: null };
      return { id: ROW_ID, created: true };
    },
    claimAttempt: async () => (row?.status === 'pending' ? ((row.attempts! += 1), { ...row } as DeliverableRow) : null),
    find: async () => (row ? ({ ...row } as DeliverableRow & Pick<OutboundEmailEntity, 'status'>) : null),
    recordSent: async (_row: DeliverableRow, messageId: string) => {
      if (database.failSentUpdates > 0) {
        database.failSentUpdates -= 1;
        throw Object.assign(new Error('connection terminated'), { name: 'QueryFailedError' });
      }
      if (row!.status !== 'sent') Object.assign(row!, { status: 'sent', messageId, lastError: null });
    },
    recordFailure: async (_id: string, note: string) => void (row!.lastError = note),
    markFailed: async () => void (row!.status === 'pending' && (row!.status = 'failed')),
  } as unknown as OutboxRows;
  const dispatched: string[] = [];
  const outbox = {
    newRow: async (_manager: unknown, kind: string, dedupeKey: string) => ({
      dedupeKey,
      kind,
      caseId: null,
      toAddress: 'kari@example.no',
      subject: 'Mottatt',
      textBody: 'Hei',
      htmlBody: null,
      replyTo: null,
      secrets: null,
      status: 'pending',
      attempts: 0,
      lastError: null,
      secretsRemovedAt: null,
    }),
    dispatch: async (id: string) => void dispatched.push(id),
  } as unknown as OutboxService;
  const composers = { compose: async () => ({ to: 'kari@example.no', subject: 'Mottatt', text: 'Hei' }) } as unknown as MailComposerRegistry;
  const accepted: MailMessage[] = [];
  const transport = {
    send: async (message: MailMessage) => {
      if (options.smtpRejects) throw Object.assign(new Error('mailbox unavailable'), { responseCode: 550 });
      accepted.push(message);
      return message.messageId;
    },
  } as unknown as MailTransport;
  const clock = { now: () => new Date('2026-03-05T09:00:00Z') } as Clock;
  const delivery = new EmailDeliveryService({ manager: {} } as DataSource, composers, outbox, rows, transport, clock, { RECIPIENT_EMAILS_PER_HOUR: 5 });
  return { row: () => row!, database, accepted, dispatched, processor: new EmailProcessor(delivery) };
}

/** A job as BullMQ hands it to the processor: updateData changes the data it keeps. */
function fakeJob<N extends JobName.SendEmail | JobName.RenderEmail>(name: N, data: PayloadOf<N>, attemptsMade = 0) {
  const job = {
    name,
    data,
    attemptsMade,
    opts: { attempts: 12 },
    updateData: async (next: PayloadOf<N>) => void (job.data = next),
  };
  return job;
}

describe('EmailDeliveryService: SMTP accepted, then PostgreSQL failed', () => {
  it('does not call an accepted message failed, and its retry records it without sending again', async () => {
    const { row, database, accepted, processor } = setUp({ stored: true });
    database.failSentUpdates = 1;
    const job = fakeJob(JobName.SendEmail, { outboundEmailId: ROW_ID });

    await expect(processor.process(job as unknown as Job)).rejects.toBeInstanceOf(SentButNotRecordedError);
    expect(accepted).toHaveLength(1);
    expect(row()).toMatchObject({ status: 'pending', lastError: null });
    expect(job.data.acceptedMessageId).toBe(`<${ROW_ID}@dsr-engine>`);

    // BullMQ retries the same job.
    job.attemptsMade = 1;
    expect(await processor.process(job as unknown as Job)).toBe('recorded');
    expect(accepted).toHaveLength(1);
    expect(row()).toMatchObject({ status: 'sent', messageId: `<${ROW_ID}@dsr-engine>`, lastError: null, attempts: 1 });
  });

  it('records an accepted message as sent, not failed, when the attempts run out', async () => {
    const { row, database, accepted, processor } = setUp({ stored: true });
    database.failSentUpdates = 1;
    const job = fakeJob(JobName.SendEmail, { outboundEmailId: ROW_ID });
    await expect(processor.process(job as unknown as Job)).rejects.toBeInstanceOf(SentButNotRecordedError);

    job.attemptsMade = 12;
    await processor.onFailed(job as unknown as Job);
    expect(row().status).toBe('sent');
    expect(accepted).toHaveLength(1);
  });

  it('still records an SMTP refusal as a delivery failure and marks it failed after the last attempt', async () => {
    const { row, accepted, processor } = setUp({ smtpRejects: true, stored: true });
    const job = fakeJob(JobName.SendEmail, { outboundEmailId: ROW_ID });
    await expect(processor.process(job as unknown as Job)).rejects.toThrow('mailbox unavailable');
    expect(accepted).toEqual([]);
    expect(row()).toMatchObject({ status: 'pending', lastError: 'delivery failed (550)' });
    expect(job.data.acceptedMessageId).toBeUndefined();

    job.attemptsMade = 12;
    await processor.onFailed(job as unknown as Job);
    expect(row().status).toBe('failed');
  });

  it('in a render job: keeps the acceptance on the job, and its retry records without sending again', async () => {
    const { row, database, accepted, dispatched, processor } = setUp();
    database.failSentUpdates = 1;
    const job = fakeJob(JobName.RenderEmail, { kind: 'requester-receipt', dedupeKey: 'receipt-1' });

    await expect(processor.process(job as unknown as Job)).rejects.toBeInstanceOf(SentButNotRecordedError);
    expect(accepted).toHaveLength(1);
    expect(job.data.accepted).toEqual({ outboundEmailId: ROW_ID, messageId: `<${ROW_ID}@dsr-engine>` });

    job.attemptsMade = 1;
    expect(await processor.process(job as unknown as Job)).toBe('recorded');
    expect(accepted).toHaveLength(1);
    expect(dispatched).toEqual([]);
    expect(row()).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('in a render job: records an accepted message as sent when the attempts run out', async () => {
    const { row, database, accepted, processor } = setUp();
    database.failSentUpdates = 8;
    const job = fakeJob(JobName.RenderEmail, { kind: 'requester-receipt', dedupeKey: 'receipt-1' });
    await expect(processor.process(job as unknown as Job)).rejects.toBeInstanceOf(SentButNotRecordedError);

    database.failSentUpdates = 0;
    job.attemptsMade = 12;
    await processor.onFailed(job as unknown as Job);
    expect(row().status).toBe('sent');
    expect(accepted).toHaveLength(1);
  });

  it('in a render job: hands a refused message to a send-email job and completes', async () => {
    const { row, accepted, dispatched, processor } = setUp({ smtpRejects: true });
    const job = fakeJob(JobName.RenderEmail, { kind: 'requester-receipt', dedupeKey: 'receipt-1' });
    expect(await processor.process(job as unknown as Job)).toBe('queued');
    expect(accepted).toEqual([]);
    expect(dispatched).toEqual([ROW_ID]);
    expect(row()).toMatchObject({ status: 'pending', attempts: 1, lastError: 'delivery failed (550)' });
  });
});
