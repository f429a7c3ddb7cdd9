import type { DiscoveryService, MetadataScanner } from '@nestjs/core';

/** A provider method carrying a decorator's metadata, bound to its instance. */
export interface DiscoveredMethod<M> {
  /** `Class.method`, for start-up messages. */
  owner: string;
  metadata: M;
  call: (...args: unknown[]) => Promise<unknown>;
}

/**
 * Every provider method marked with `key` (a `SetMetadata` method decorator), found by Nest's
 * DiscoveryService. A class provided by two modules is two instances but one extension: it is
 * found once.
 */
export function discoverMethods<M>(discovery: DiscoveryService, scanner: MetadataScanner, key: string): Array<DiscoveredMethod<M>> {
  const found: Array<DiscoveredMethod<M>> = [];
  const seen = new Set<string>();
  for (const wrapper of discovery.getProviders()) {
    const instance: unknown = wrapper.instance;
    if (!instance || typeof instance !== 'object') continue;
    const prototype = Object.getPrototypeOf(instance) as object | null;
    if (!prototype) continue;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const method = (instance as Record<string, unknown>)[name];
      if (typeof method !== 'function') continue;
      const metadata = Reflect.getMetadata(key, method) as M | undefined;
      if (metadata === undefined) continue;
      const owner = `${instance.constructor.name}.${name}`;
      if (seen.has(owner)) continue;
      seen.add(owner);
      found.push({ owner, metadata, call: (...args: unknown[]) => (method as (...args: unknown[]) => Promise<unknown>).apply(instance, args) });
    }
  }
  return found;
}
