import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EmailDeliveryService } from './email-delivery.service';
import { MailComposerRegistry } from './mail-composer.registry';
import { MailTransport } from './mail-transport';
import { OutboundEmailEntity } from './outbound-email.entity';
import { OutboxRows } from './outbox-rows';
import { OutboxService } from './outbox.service';
import { ReplyToAddresses } from './reply-to';

@Module({
  imports: [TypeOrmModule.forFeature([OutboundEmailEntity])],
  providers: [MailTransport, MailComposerRegistry, OutboxRows, OutboxService, EmailDeliveryService, ReplyToAddresses],
  exports: [MailTransport, MailComposerRegistry, OutboxService, EmailDeliveryService, ReplyToAddresses],
})
export class NotificationsModule {}
