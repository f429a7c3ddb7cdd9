import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { SystemContext } from '../../src/connectors/connector';
import { WEBSHOP_API_KEY, WEBSHOP_CLIENT, type WebshopSimulator } from '../simulators/webshop/webshop-simulator';
import type { SeedCustomer } from '../simulators/webshop/webshop-state';

/** The web shop's `connection` exactly as examples/webshop.yaml writes it, pointed at the simulator. */
export function exampleConnection(sim: WebshopSimulator): Record<string, unknown> {
  const map = parse(readFileSync(join(__dirname, '..', '..', 'examples', 'webshop.yaml'), 'utf8')) as {
    systems: Array<{ id: string; connection: Record<string, unknown> }>;
  };
  const system = map.systems.find((candidate) => candidate.id === 'webshop')!;
  return { ...system.connection, baseUrl: sim.baseUrl };
}

export const WEBSHOP_SECRETS: Record<string, string> = {
  WEBSHOP_CLIENT_ID: WEBSHOP_CLIENT.clientId,
  WEBSHOP_CLIENT_SECRET: WEBSHOP_CLIENT.clientSecret,
  WEBSHOP_API_KEY,
};

export function webshopContext(connection: Record<string, unknown>, secrets: Record<string, string> = WEBSHOP_SECRETS): SystemContext {
  return {
    systemId: 'webshop',
    connection,
    secret: (name) => {
      const value = secrets[name];
      if (value === undefined) throw new Error(`unexpected secret ${name}`);
      return value;
    },
  };
}

const address = (line1: string, postal_code: string, city: string) => ({ line1, postal_code, city, country: 'NO' });

export const KARI: SeedCustomer = {
  email: 'kari.nordmann@example.no',
  first_name: 'Kari',
  last_name: 'Nordmann',
  phone: '+47 912 34 567',
  address: address('Storgata 1', '0155', 'Oslo'),
  marketing_consent: true,
  orders: [{ total: 899 }, { total: 1299, status: 'shipped' }, { total: 349 }],
};

export const OLA: SeedCustomer = {
  email: 'ola.hansen@example.no',
  first_name: 'Ola',
  last_name: 'Hansen',
  phone: '+47 415 55 123',
  address: address('Bryggen 4', '5003', 'Bergen'),
  orders: [{ total: 450 }],
};

/** Shoppers who are neither Kari nor Ola, to fill pages. */
export function strangers(count: number): SeedCustomer[] {
  return Array.from({ length: count }, (_, index) => ({ email: `kunde${index}@example.org`, first_name: 'Kunde', last_name: `Nummer ${index}` }));
}
