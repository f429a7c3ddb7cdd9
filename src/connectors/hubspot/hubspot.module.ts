import { Module } from '@nestjs/common';
import { connectorProvider } from '../dsr-connector';
import { HubSpotConnector } from './hubspot.connector';

/** The HubSpot connector, one stateless instance for every case and job (listed in ../connector-modules.ts). */
@Module({
  providers: [connectorProvider(HubSpotConnector, ({ maxInlineRetryWaitMs, now }) => new HubSpotConnector({ maxInlineRetryWaitMs, now }))],
  exports: [HubSpotConnector],
})
export class HubSpotConnectorModule {}
