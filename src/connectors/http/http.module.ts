import { Module } from '@nestjs/common';
import { connectorProvider } from '../dsr-connector';
import { HttpConnector } from './http.connector';

/** The declarative `http` connector, one stateless instance for every system that uses it (listed in ../connector-modules.ts). */
@Module({
  providers: [connectorProvider(HttpConnector, ({ maxInlineRetryWaitMs }) => new HttpConnector({ maxInlineRetryWaitMs }))],
  exports: [HttpConnector],
})
export class HttpConnectorModule {}
