import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In, IsNull, Not } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CasesReader } from '../cases/cases-reader';
import { CasesService } from '../cases/cases.service';
import { isClosed } from '../cases/case-transitions';
import { Clock } from '../common/clock';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { OutboundEmailEntity } from '../notifications/outbound-email.entity';
import { OutboxService } from '../notifications/outbox.service';
import { CaseReplyFileEntity } from './case-reply-file.entity';
import { CaseReplyEntity, type ReplyAttachmentNote } from './case-reply.entity';
import { InboundMailReceiptEntity, type InboundOutcome } from './inbound-mail-receipt.entity';
import { tokenIn } from './reply-address';
import { safeFileName, sortAttachments, storableText, type AttachmentLimits } from './reply-attachments';
import { replyFileCipher } from './reply-cipher';
import { REPLY_NOTICE_KIND } from './reply-notice.mail';
import { ReplyTokensService } from './reply-tokens.service';
import { fromRequester } from './requester-sender';

/** One message from the reply mailbox, as the mailbox adapter read it. */
export interface MailboxMessage {
  mailbox: string;
  uidValidity: string;
  uid: number;
  source: Buffer;
}

/** The text kept of a reply: enough for any answer a person writes, not a whole mailing list. */
const MAX_TEXT_CHARS = 100_000;

/** Hand-over files' count limit, for the same reason: one reply is not an archive. */
const MAX_FILES = 20;

/**
 * Attaches an e-mailed reply to its case. The case is found by the token in the reply address
 * (or, failing that, by the Message-ID of one of our own messages it answers); the reply, its
 * sealed attachments and the mailbox receipt are stored in one transaction, so a message read
 * twice (same mailbox UID, or the same Message-ID under another UID) is attached once. After
 * that, idempotently: a reply from the requester's established address to a paused case resumes
 * the clock through the case's own resume, and the handler is e-mailed.
 */
@Injectable()
export class ReplyIntakeService {
  private readonly logger = new Logger('Replies');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tokens: ReplyTokensService,
    private readonly cases: CasesService,
    private readonly casesReader: CasesReader,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The outcome recorded for a mailbox message already read, or null. */
  async alreadyRead(mailbox: string, uidValidity: string, uid: number): Promise<InboundMailReceiptEntity | null> {
    return this.dataSource.getRepository(InboundMailReceiptEntity).findOne({ where: { mailbox, uidValidity, uid: String(uid) } });
  }

  async receive(message: MailboxMessage): Promise<InboundOutcome> {
    const known = await this.alreadyRead(message.mailbox, message.uidValidity, message.uid);
    if (known) {
      // Read before: finish what may not have been finished, attach nothing.
      if (known.replyId) await this.followUp(known.replyId);
      return known.outcome === 'unmatched' ? 'unmatched' : 'duplicate';
    }
    const parsed = await simpleParser(message.source);
    const messageId = parsed.messageId ? storableText(parsed.messageId, 300) : null;
    const caseId = await this.caseOf(parsed);
    if (!caseId || !(await this.casesReader.byId(caseId))) {
      // Ids only: the sender, subject and addresses are personal data.
      this.logger.warn(`a message in the reply mailbox matched no case (uid ${message.uid}); left for a person`);
      await this.record(message, messageId, 'unmatched', null);
      return 'unmatched';
    }
    const stored = await this.store(message, parsed, messageId, caseId);
    if (stored.outcome === 'attached') await this.followUp(stored.replyId);
    return stored.outcome;
  }

  /** The case by the token in a recipient address; else by our own Message-ID in In-Reply-To or References. */
  private async caseOf(parsed: ParsedMail): Promise<string | null> {
    const recipients = [parsed.to, parsed.cc]
      .flatMap((field) => ([] as AddressObject[]).concat(field ?? []))
      .flatMap((group) => group.value.map((address) => address.address));
    const delivered = ['delivered-to', 'x-original-to'].flatMap((name) => headerAddresses(parsed.headers.get(name)));
    const token = tokenIn(this.config.REPLY_ADDRESS!, [...recipients, ...delivered]);
    if (token) return this.tokens.caseOf(token);
    const ours = [parsed.inReplyTo, ...([] as string[]).concat(parsed.references ?? [])].filter((id): id is string =>
      Boolean(id && id.endsWith('@dsr-engine>')),
    );
    if (!ours.length) return null;
    const sent = await this.dataSource
      .getRepository(OutboundEmailEntity)
      .findOne({ where: { messageId: In(ours.slice(0, 50)), replyTo: Not(IsNull()) }, select: { id: true, caseId: true } });
    return sent?.caseId ?? null;
  }

  private async store(
    message: MailboxMessage,
    parsed: ParsedMail,
    messageId: string | null,
    caseId: string,
  ): Promise<{ outcome: InboundOutcome; replyId: string }> {
    const from = parsed.from?.value[0]?.address?.trim().toLowerCase() ?? null;
    const limits: AttachmentLimits = {
      maxFileBytes: this.config.REPLY_ATTACHMENT_MAX_KB * 1024,
      maxTotalBytes: this.config.REPLY_ATTACHMENTS_TOTAL_KB * 1024,
      maxFiles: MAX_FILES,
    };
    const sorted = sortAttachments(
      parsed.attachments.map((attachment, index) => ({
        name: safeFileName(attachment.filename, index + 1),
        contentType: storableText(attachment.contentType || 'application/octet-stream', 100),
        bytes: attachment.content,
      })),
      limits,
    );
    const cipher = replyFileCipher(this.config);
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      await this.casesReader.lockById(manager, caseId);
      if (messageId) {
        const earlier = await manager.findOne(CaseReplyEntity, { where: { caseId, messageId }, select: { id: true } });
        if (earlier) {
          await this.record(message, messageId, 'duplicate', earlier.id, manager);
          return { outcome: 'duplicate' as const, replyId: earlier.id };
        }
      }
      const replyId = randomUUID();
      const senderKnown = await fromRequester(manager, caseId, from);
      const notes: ReplyAttachmentNote[] = sorted.map(({ attachment, skipped }) => ({
        name: attachment.name,
        sizeBytes: attachment.bytes.length,
        contentType: attachment.contentType,
        fileId: skipped ? null : randomUUID(),
        ...(skipped ? { skipped } : {}),
      }));
      await manager.insert(CaseReplyEntity, {
        id: replyId,
        caseId,
        messageId,
        fromAddress: storableText(from ?? '', 320),
        subject: storableText(parsed.subject, 300),
        textBody: storableText(parsed.text?.trim(), MAX_TEXT_CHARS),
        sentAt: parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date : null,
        receivedAt: now,
        senderKnown,
        attachments: notes,
      });
      for (const [index, note] of notes.entries()) {
        if (!note.fileId) continue;
        const bytes = sorted[index].attachment.bytes;
        await manager.insert(CaseReplyFileEntity, {
          id: note.fileId,
          caseId,
          replyId,
          name: note.name,
          contentType: note.contentType,
          sizeBytes: bytes.length,
          ...cipher.seal(bytes, note.fileId),
        });
      }
      await this.record(message, messageId, 'attached', replyId, manager);
      await this.audit.append(manager, {
        caseId,
        type: 'reply.received',
        actor: 'requester',
        occurredAt: now,
        data: {
          replyId,
          senderKnown,
          attachments: notes.filter((note) => note.fileId).length,
          skippedAttachments: notes.filter((note) => note.skipped).length,
        },
      });
      return { outcome: 'attached' as const, replyId };
    });
  }

  /**
   * What a stored reply sets off, safe to run again: a reply from the requester's established
   * address to a case paused before it arrived resumes the clock (the case's own resume, so the
   * deadline moves by the days paused and its jobs follow); the handler is told by e-mail once.
   */
  async followUp(replyId: string): Promise<void> {
    const reply = await this.dataSource.getRepository(CaseReplyEntity).findOneOrFail({ where: { id: replyId } });
    const entity = await this.casesReader.byIdOrFail(reply.caseId);
    if (reply.senderKnown && !reply.resumedClock && entity.pausedAt && entity.pausedAt <= reply.receivedAt && !isClosed(entity)) {
      await this.cases.resume(entity.reference, 'requester');
      await this.dataSource.getRepository(CaseReplyEntity).update({ id: reply.id }, { resumedClock: true });
    }
    await this.outbox.requestEmail({ kind: REPLY_NOTICE_KIND, dedupeKey: `reply-${reply.id}`, caseId: reply.caseId, params: { replyId: reply.id } });
  }

  private async record(
    message: MailboxMessage,
    messageId: string | null,
    outcome: InboundOutcome,
    replyId: string | null,
    manager?: EntityManager,
  ): Promise<void> {
    await (manager ?? this.dataSource.manager)
      .createQueryBuilder()
      .insert()
      .into(InboundMailReceiptEntity)
      .values({ mailbox: message.mailbox, uidValidity: message.uidValidity, uid: String(message.uid), messageId, outcome, replyId })
      .orIgnore()
      .execute();
  }
}

/** The addresses in a header such as Delivered-To, as mailparser gives it (text or an address object). */
function headerAddresses(value: unknown): string[] {
  if (!value) return [];
  if (typeof value === 'string') return [value];
  const group = value as Partial<AddressObject>;
  return (group.value ?? []).map((address) => address.address ?? '');
}
