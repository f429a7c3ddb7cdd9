import { Module } from '@nestjs/common';
import { connectorProvider } from '../dsr-connector';
import { SqlConnector } from './sql.connector';

/** The declarative SQL connector, one stateless instance for every case and job (listed in ../connector-modules.ts). */
@Module({
  providers: [connectorProvider(SqlConnector, ({ timeZone, now }) => new SqlConnector({ timeZone, now }))],
  exports: [SqlConnector],
})
export class SqlConnectorModule {}
