import { SystemClock } from '../common/clock';
import type { AppConfig } from '../config/app-config';
import type { SystemsService } from '../systems/systems.service';
import { ConnectorRegistry, UnknownConnectorError, listedConnectors } from './connector-registry';
import { MissingSecretError, systemContext } from './system-context';
import type { SystemEntry } from '../systems/data-map.schema';

const config = { CONNECTOR_INLINE_RETRY_WAIT_MS: 5000, TZ_NAME: 'Europe/Oslo' } as AppConfig;
const systems = (list: Array<Pick<SystemEntry, 'id' | 'connector'>>) => ({ systems: () => list }) as unknown as SystemsService;

describe('connector registry', () => {
  it('hands out one stateless instance per type, none for manual systems', () => {
    const registry = new ConnectorRegistry(systems([]), listedConnectors(config, new SystemClock()));
    const first = registry.forSystem({ id: 'a', connector: 'zendesk' });
    expect(first?.type).toBe('zendesk');
    expect(registry.forSystem({ id: 'b', connector: 'zendesk' })).toBe(first);
    expect(registry.forSystem({ id: 'c', connector: 'visma' })?.type).toBe('visma');
    expect(registry.forSystem({ id: 'd', connector: 'hubspot' })?.type).toBe('hubspot');
    expect(registry.forSystem({ id: 'e', connector: 'manual' })).toBeUndefined();
  });

  it('stops start-up on an unknown connector type, naming the system', () => {
    const registry = new ConnectorRegistry(systems([{ id: 'brevo-news', connector: 'brevo' }]), listedConnectors(config, new SystemClock()));
    expect(() => registry.onModuleInit()).toThrow(UnknownConnectorError);
    expect(() => registry.onModuleInit()).toThrow(/system "brevo-news" uses connector "brevo"/);
  });

  it('resolves secrets by the variable the data map names, and names a missing one', () => {
    const ctx = systemContext({ id: 'hubspot', connection: { tokenEnv: 'HS_TOKEN' } } as unknown as SystemEntry, { HS_TOKEN: 'pat-1' });
    expect(ctx.secret('HS_TOKEN')).toBe('pat-1');
    expect(() => ctx.secret('HS_OTHER')).toThrow(MissingSecretError);
    expect(() => ctx.secret('HS_OTHER')).toThrow('environment variable HS_OTHER (named in the data map for system "hubspot") is not set');
  });
});
