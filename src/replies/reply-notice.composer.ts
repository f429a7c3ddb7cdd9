import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CasesReader } from '../cases/cases-reader';
import { STAFF_DIRECTORY, type StaffDirectory } from '../common/auth/staff-directory';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { MailComposerRegistry, type ComposeRequest, type ComposedMail } from '../notifications/mail-composer.registry';
import { CaseReplyEntity } from './case-reply.entity';
import { composeReplyNotice, REPLY_NOTICE_KIND } from './reply-notice.mail';

/** Registers the handler's notice of a reply, composed from the stored reply and the case as they are when it renders. */
@Injectable()
export class ReplyNoticeComposer implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: MailComposerRegistry,
    private readonly cases: CasesReader,
    @Inject(STAFF_DIRECTORY) private readonly staff: StaffDirectory,
  ) {}

  onModuleInit(): void {
    this.registry.register(REPLY_NOTICE_KIND, (request) => this.compose(request));
  }

  private async compose(request: ComposeRequest): Promise<ComposedMail | null> {
    const reply = request.params.replyId ? await this.dataSource.getRepository(CaseReplyEntity).findOne({ where: { id: request.params.replyId } }) : null;
    const entity = reply ? await this.cases.byId(reply.caseId) : null;
    if (!reply || !entity) return null;
    const recipient = await this.staff.handlerRecipient(entity.assigneeId);
    return composeReplyNotice(
      {
        to: recipient.address,
        language: recipient.language,
        caseId: entity.id,
        reference: entity.reference,
        senderKnown: reply.senderKnown,
        resumedClock: reply.resumedClock,
        stillPaused: Boolean(entity.pausedAt),
        attachments: reply.attachments.filter((note) => note.fileId || !note.skipped).length,
        skippedAttachments: reply.attachments.filter((note) => note.skipped).length,
      },
      this.config.PUBLIC_URL,
    );
  }
}
