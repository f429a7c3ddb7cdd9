import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import type { SystemEntry } from '../systems/data-map.schema';
import { SystemsService } from '../systems/systems.service';
import type { Connector } from './connector';
import { HubSpotConnector } from './hubspot/hubspot.connector';
import { VismaConnector } from './visma/visma.connector';
import { ZendeskConnector } from './zendesk/zendesk.connector';

/** The connector types the engine knows. `manual` has no API: its tasks go to the system's owner. */
export const CONNECTOR_TYPES = ['zendesk', 'visma', 'hubspot', 'manual'] as const;
export type ConnectorType = (typeof CONNECTOR_TYPES)[number];

/** A data map names a connector type the engine does not have: start-up stops and says which system. */
export class UnknownConnectorError extends Error {
  constructor(readonly systemId: string, readonly connectorType: string) {
    super(
      `system "${systemId}" uses connector "${connectorType}", which this engine does not have (known: ${CONNECTOR_TYPES.join(', ')}); use "manual" for a system without an API`,
    );
    this.name = 'UnknownConnectorError';
  }
}

export function isConnectorType(type: string): type is ConnectorType {
  return (CONNECTOR_TYPES as readonly string[]).includes(type);
}

/**
 * One stateless instance per connector type, shared by every case and job. Checked against the data
 * map at boot, so an unknown type never gets as far as a task.
 */
@Injectable()
export class ConnectorRegistry implements OnModuleInit {
  private readonly connectors: ReadonlyMap<string, Connector>;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly systems: SystemsService,
  ) {
    const inline = { maxInlineRetryWaitMs: config.CONNECTOR_INLINE_RETRY_WAIT_MS };
    const timeZone = config.TZ_NAME;
    this.connectors = new Map<string, Connector>([
      ['zendesk', new ZendeskConnector(inline)],
      ['visma', new VismaConnector({ ...inline, timeZone })],
      ['hubspot', new HubSpotConnector(inline)],
    ]);
  }

  onModuleInit(): void {
    for (const system of this.systems.systems()) this.assertKnown(system);
  }

  assertKnown(system: Pick<SystemEntry, 'id' | 'connector'>): void {
    if (!isConnectorType(system.connector)) throw new UnknownConnectorError(system.id, system.connector);
  }

  /** The API connector for a system; undefined for `manual` systems. */
  forSystem(system: Pick<SystemEntry, 'id' | 'connector'>): Connector | undefined {
    this.assertKnown(system);
    return this.connectors.get(system.connector);
  }
}
