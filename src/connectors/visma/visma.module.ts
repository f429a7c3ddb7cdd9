import { Module } from '@nestjs/common';
import { connectorProvider } from '../dsr-connector';
import { VismaConnector } from './visma.connector';

/** The Visma connector, one stateless instance for every case and job (listed in ../connector-modules.ts). */
@Module({
  providers: [connectorProvider(VismaConnector, ({ maxInlineRetryWaitMs, timeZone, now }) => new VismaConnector({ maxInlineRetryWaitMs, timeZone, now }))],
  exports: [VismaConnector],
})
export class VismaConnectorModule {}
