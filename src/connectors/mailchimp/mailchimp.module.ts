import { Module } from '@nestjs/common';
import { connectorProvider } from '../dsr-connector';
import { MailchimpConnector } from './mailchimp.connector';

/** The Mailchimp connector, one stateless instance for every case and job (listed in ../connector-modules.ts). */
@Module({
  providers: [connectorProvider(MailchimpConnector, ({ maxInlineRetryWaitMs, now }) => new MailchimpConnector({ maxInlineRetryWaitMs, now }))],
  exports: [MailchimpConnector],
})
export class MailchimpConnectorModule {}
