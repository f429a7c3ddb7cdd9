import { DiscoveryService } from '@nestjs/core';
import type Redis from 'ioredis';
import type { Registry } from 'prom-client';

/** What a metrics source gets at each scrape: Redis (for the counters workers keep in hashes under
 *  the queue prefix) and that prefix. */
export interface MetricsScrape {
  redis: Redis;
  prefix: string;
}

/**
 * A module's own Prometheus series, rendered by `GET /metrics` (health/metrics.controller.ts)
 * without health/ knowing the module: the provider is marked `@MetricsSource()`, found by
 * discovery at start-up, registers its series once into the endpoint's registry and fills them at
 * each scrape, from PostgreSQL or Redis (never from process memory: workers serve no HTTP).
 */
export interface ProvidesMetrics {
  register(registry: Registry): void;
  collect(scrape: MetricsScrape): Promise<void>;
}

/** Marks a provider implementing `ProvidesMetrics`. */
export const MetricsSource = DiscoveryService.createDecorator<void>();
