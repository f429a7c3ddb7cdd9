import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { Clock } from '../common/clock';
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
  constructor(
    readonly systemId: string,
    readonly connectorType: string,
  ) {
    super(
      `system "${systemId}" uses connector "${connectorType}", which this engine does not have (known: ${CONNECTOR_TYPES.join(', ')}); use "manual" for a system without an API`,
    );
    this.name = 'UnknownConnectorError';
  }
}

/** A system's `connection` block has the wrong shape: start-up stops and names the system and field. */
export class ConnectionSettingsError extends Error {
  constructor(
    readonly systemId: string,
    readonly problems: string[],
  ) {
    super(`system "${systemId}" has invalid connection settings: ${problems.join('; ')}`);
    this.name = 'ConnectionSettingsError';
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
    clock: Clock,
  ) {
    const inline = { maxInlineRetryWaitMs: config.CONNECTOR_INLINE_RETRY_WAIT_MS };
    const timeZone = config.TZ_NAME;
    // Retention dates ("is the hold over?") follow the engine's clock, like every other deadline.
    const now = () => clock.now();
    this.connectors = new Map<string, Connector>([
      ['zendesk', new ZendeskConnector(inline)],
      ['visma', new VismaConnector({ ...inline, timeZone, now })],
      ['hubspot', new HubSpotConnector({ ...inline, now })],
    ]);
  }

  /** Every system's connector exists and its `connection` has the right shape; a missing secret
   *  value stays a task-time failure, so the service still starts without it. */
  onModuleInit(): void {
    for (const system of this.systems.systems()) {
      const problems = this.forSystem(system)?.checkConnection(system.connection ?? {}) ?? [];
      if (problems.length) throw new ConnectionSettingsError(system.id, problems);
    }
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
