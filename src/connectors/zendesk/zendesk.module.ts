import { Module } from '@nestjs/common';
import { connectorProvider } from '../dsr-connector';
import { ZendeskConnector } from './zendesk.connector';

/** The Zendesk connector, one stateless instance for every case and job (listed in ../connector-modules.ts). */
@Module({
  providers: [connectorProvider(ZendeskConnector, ({ maxInlineRetryWaitMs }) => new ZendeskConnector({ maxInlineRetryWaitMs }))],
  exports: [ZendeskConnector],
})
export class ZendeskConnectorModule {}
