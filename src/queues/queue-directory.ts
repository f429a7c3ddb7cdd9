import { Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Queue } from 'bullmq';
import { QueueName } from './queue-catalogue';

/**
 * Every BullMQ queue of the application, found by discovery: the catalogue's (QueuesModule) and
 * the task queue of each connector type (registered by the connectors module). For what looks at
 * all queues: /metrics and the jobs dashboard. Catalogue queues first, in catalogue order.
 */
@Injectable()
export class QueueDirectory {
  private found: Queue[] | null = null;

  constructor(private readonly discovery: DiscoveryService) {}

  all(): Queue[] {
    if (this.found) return this.found;
    const byName = new Map<string, Queue>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (instance instanceof Queue && !byName.has(instance.name)) byName.set(instance.name, instance);
    }
    const order = Object.values(QueueName) as string[];
    const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
    this.found = [...byName.values()].sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
    return this.found;
  }
}
