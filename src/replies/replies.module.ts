import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { CasesModule } from '../cases/cases.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { CaseReplyFileEntity } from './case-reply-file.entity';
import { CaseReplyTokenEntity } from './case-reply-token.entity';
import { CaseReplyEntity } from './case-reply.entity';
import { ConversationService } from './conversation.service';
import { InboundMailReceiptEntity } from './inbound-mail-receipt.entity';
import { ReplyAddressPlug } from './reply-address.plug';
import { ReplyIntakeService } from './reply-intake.service';
import { ReplyMailbox } from './reply-mailbox';
import { ReplyNoticeComposer } from './reply-notice.composer';
import { ReplyTokensService } from './reply-tokens.service';

/** Replies by e-mail (README "Replies by e-mail"): the reply address on requester e-mails, the
 *  mailbox poll that attaches replies to their cases, and the conversation the case page shows. */
@Module({
  imports: [
    TypeOrmModule.forFeature([CaseReplyEntity, CaseReplyFileEntity, CaseReplyTokenEntity, InboundMailReceiptEntity]),
    AuditModule,
    CasesModule,
    NotificationsModule,
  ],
  providers: [ReplyTokensService, ReplyAddressPlug, ReplyIntakeService, ReplyMailbox, ReplyNoticeComposer, ConversationService],
  exports: [ReplyIntakeService, ReplyMailbox, ConversationService],
})
export class RepliesModule {}
