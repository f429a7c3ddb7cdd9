import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { EmailDeliveryService } from './email-delivery.service';
import { MailComposerRegistry } from './mail-composer.registry';
import { MailTransport } from './mail-transport';
import { OutboundEmailEntity } from './outbound-email.entity';
import { OutboxService } from './outbox.service';
import { ReplyToAddresses } from './reply-to';

@Module({
  imports: [TypeOrmModule.forFeature([OutboundEmailEntity]), AuditModule],
  providers: [MailTransport, MailComposerRegistry, OutboxService, EmailDeliveryService, ReplyToAddresses],
  exports: [MailTransport, MailComposerRegistry, OutboxService, EmailDeliveryService, ReplyToAddresses],
})
export class NotificationsModule {}
