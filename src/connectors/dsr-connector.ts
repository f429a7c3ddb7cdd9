import { Injectable, type FactoryProvider, type Type } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Clock } from '../common/clock';
import { taskQueueName, type TaskQueueName } from '../queues/queue-catalogue';
import type { Connector } from './connector';

/** Task jobs per window for one connector type's queue (TASK_RATE_LIMITS overrides it). */
export interface RateLimit {
  max: number;
  durationMs: number;
}

export interface DsrConnectorOptions {
  /** The default, below the provider's documented limit given that one task makes several requests
   *  (docs/connectors.md). */
  rateLimit: RateLimit;
}

/** A connector as the engine knows it: its type (the data map's `connector` value), its task queue
 *  (`tasks-<type>`, with its own worker and rate limit) and its default rate limit. */
export interface ConnectorPlugin extends DsrConnectorOptions {
  type: string;
  queue: TaskQueueName;
  /** The connector class (its name gives the task processor's: ZendeskConnector → ZendeskTaskProcessor). */
  target: Type<Connector>;
}

const DSR_CONNECTOR = 'dsr:connector';

/**
 * Marks a connector class (ARCHITECTURE.md "Adding a connector"): the registry finds its instance
 * by discovery, and the task queue, its rate limit and its processor are derived from it.
 */
export function DsrConnector(type: string, options: DsrConnectorOptions): ClassDecorator {
  return (target) => {
    const plugin: ConnectorPlugin = { type, queue: taskQueueName(type), ...options, target: target as unknown as Type<Connector> };
    Reflect.defineMetadata(DSR_CONNECTOR, plugin, target);
    Injectable()(target);
  };
}

/** The `@DsrConnector` of a class, if it has one. */
export function connectorPluginOf(target: unknown): ConnectorPlugin | undefined {
  return typeof target === 'function' ? (Reflect.getMetadata(DSR_CONNECTOR, target) as ConnectorPlugin | undefined) : undefined;
}

/** What every connector may be built with: the inline 429 wait, the company's time zone and clock. */
export interface ConnectorSettings {
  maxInlineRetryWaitMs: number;
  timeZone: string;
  /** Retention dates ("is the hold over?") follow the engine's clock, like every other deadline. */
  now: () => Date;
}

export function connectorSettings(config: Pick<AppConfig, 'CONNECTOR_INLINE_RETRY_WAIT_MS' | 'TZ_NAME'>, clock: Clock): ConnectorSettings {
  return { maxInlineRetryWaitMs: config.CONNECTOR_INLINE_RETRY_WAIT_MS, timeZone: config.TZ_NAME, now: () => clock.now() };
}

/** The provider of one connector class, built from the settings (a connector module lists it). */
export function connectorProvider<C extends Connector>(
  target: Type<C>,
  build: (settings: ConnectorSettings) => C,
): FactoryProvider<C> & { build: (settings: ConnectorSettings) => C } {
  return {
    provide: target,
    inject: [APP_CONFIG, Clock],
    useFactory: (config: AppConfig, clock: Clock) => build(connectorSettings(config, clock)),
    build,
  };
}

/** The connectors the listed modules provide, read from their `@Module` metadata, in list order:
 *  the task queues and processors must exist before Nest builds any instance. */
export function connectorsOf(modules: ReadonlyArray<Type<unknown>>): Array<ConnectorPlugin & { build?: (settings: ConnectorSettings) => Connector }> {
  return modules.flatMap((module) => {
    const providers = (Reflect.getMetadata('providers', module) ?? []) as unknown[];
    const found = providers.flatMap((provider) => {
      const target = typeof provider === 'function' ? provider : (provider as { provide?: unknown }).provide;
      const plugin = connectorPluginOf(target);
      if (!plugin) return [];
      return [{ ...plugin, build: (provider as { build?: (settings: ConnectorSettings) => Connector }).build }];
    });
    if (!found.length) throw new Error(`${module.name} is listed as a connector module but provides no @DsrConnector class`);
    return found;
  });
}
