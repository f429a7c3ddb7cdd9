import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { SystemEntry } from '../systems/data-map.schema';
import { SystemsService } from '../systems/systems.service';
import type { Connector } from './connector';
import { CONNECTOR_PLUGINS } from './connector-modules';
import type { Clock } from '../common/clock';
import { connectorPluginOf, connectorSettings } from './dsr-connector';

/** The connector types the engine knows: the listed connectors (connector-modules.ts), and `manual`,
 *  which has no API: its tasks go to the system's owner. */
export const CONNECTOR_TYPES: readonly string[] = [...CONNECTOR_PLUGINS.map((plugin) => plugin.type), 'manual'];

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

export function isConnectorType(type: string): boolean {
  return CONNECTOR_TYPES.includes(type);
}

/** The connector instances of the application: every provider whose class is marked `@DsrConnector`. */
@Injectable()
export class FoundConnectors {
  constructor(private readonly discovery: DiscoveryService) {}

  all(): Connector[] {
    const instances = this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is Connector => typeof instance === 'object' && instance !== null && connectorPluginOf(instance.constructor) !== undefined);
    return [...new Set(instances)];
  }
}

/** The listed connectors built outside Nest, from the settings (unit specs, scripts). */
export function listedConnectors(config: Parameters<typeof connectorSettings>[0], clock: Clock): Pick<FoundConnectors, 'all'> {
  const built = connectorSettings(config, clock);
  const connectors = CONNECTOR_PLUGINS.map((plugin) => plugin.build?.(built)).filter((connector): connector is Connector => connector !== undefined);
  return { all: () => connectors };
}

/**
 * One stateless instance per connector type, shared by every case and job, found by discovery.
 * Checked at boot against the listed connectors (their queues and processors) and the data map, so
 * an unknown type never gets as far as a task.
 */
@Injectable()
export class ConnectorRegistry implements OnModuleInit {
  private found: ReadonlyMap<string, Connector> | null = null;

  constructor(
    private readonly systems: SystemsService,
    @Inject(FoundConnectors) private readonly source: Pick<FoundConnectors, 'all'>,
  ) {}

  private get connectors(): ReadonlyMap<string, Connector> {
    this.found ??= new Map(this.source.all().map((connector) => [connectorPluginOf(connector.constructor)?.type ?? connector.type, connector]));
    return this.found;
  }

  /** Every listed connector has an instance and every instance is listed (so it has its task queue
   *  and processor); every system's connector exists and its `connection` has the right shape; a
   *  missing secret value stays a task-time failure, so the service still starts without it. */
  onModuleInit(): void {
    const listed = CONNECTOR_PLUGINS.map((plugin) => plugin.type);
    for (const type of this.connectors.keys()) {
      if (!listed.includes(type)) throw new Error(`connector "${type}" is provided but its module is not listed in src/connectors/connector-modules.ts`);
    }
    for (const type of listed) {
      if (!this.connectors.has(type)) throw new Error(`connector "${type}" is listed but no instance of it was found (is its module imported?)`);
    }
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
