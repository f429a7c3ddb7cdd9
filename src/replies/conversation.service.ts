import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CasesReader } from '../cases/cases-reader';
import { notFound } from '../common/domain-error';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { OutboundEmailEntity } from '../notifications/outbound-email.entity';
import { CaseReplyFileEntity } from './case-reply-file.entity';
import { CaseReplyEntity, type ReplyAttachmentNote } from './case-reply.entity';
import { replyFileCipher } from './reply-cipher';
import { sameEmail } from '../identity/email';
import { requesterAddresses } from './requester-sender';

/** One message between the company and the requester, in the order they happened. */
export type ConversationEntry =
  | { direction: 'out'; at: Date; to: string; subject: string; text: string; status: OutboundEmailEntity['status'] }
  | {
      direction: 'in';
      at: Date;
      replyId: string;
      from: string;
      subject: string;
      text: string;
      senderKnown: boolean;
      resumedClock: boolean;
      attachments: ReplyAttachmentNote[];
    };

export interface OpenedReplyFile {
  name: string;
  contentType: string;
  bytes: Buffer;
}

/** The case's conversation with its requester: our e-mails to them (as stored, without their codes
 *  and link tokens once sent) and their replies, oldest first. */
@Injectable()
export class ConversationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cases: CasesReader,
  ) {}

  async forCase(caseId: string): Promise<ConversationEntry[]> {
    const manager = this.dataSource.manager;
    const entity = await this.cases.byId(caseId);
    if (!entity) return [];
    const sent = await manager.find(OutboundEmailEntity, { where: { caseId }, order: { createdAt: 'ASC' } });
    const out: ConversationEntry[] = [];
    // Read once for the whole list, not once per message.
    const requester = await requesterAddresses(manager, caseId, entity.subjectEmail);
    for (const row of sent) {
      if (!requester.some((address) => sameEmail(address, row.toAddress))) continue;
      out.push({ direction: 'out', at: row.sentAt ?? row.createdAt, to: row.toAddress, subject: row.subject, text: row.textBody, status: row.status });
    }
    const replies = await manager.find(CaseReplyEntity, { where: { caseId }, order: { receivedAt: 'ASC' } });
    const inbound: ConversationEntry[] = replies.map((reply) => ({
      direction: 'in',
      at: reply.receivedAt,
      replyId: reply.id,
      from: reply.fromAddress,
      subject: reply.subject,
      text: reply.textBody,
      senderKnown: reply.senderKnown,
      resumedClock: reply.resumedClock,
      attachments: reply.attachments,
    }));
    return [...out, ...inbound].sort((a, b) => a.at.getTime() - b.at.getTime());
  }

  /** A reply's attachment, opened, when it belongs to this case and was not deleted yet (404 else). */
  async openFile(caseId: string, fileId: string): Promise<OpenedReplyFile> {
    const row = await this.dataSource.getRepository(CaseReplyFileEntity).findOne({ where: { id: fileId, caseId } });
    if (!row) throw notFound('Attachment');
    const bytes = replyFileCipher(this.config).open({ ciphertext: row.ciphertext, iv: row.iv, authTag: row.authTag }, row.id);
    return { name: row.name, contentType: row.contentType, bytes };
  }
}
