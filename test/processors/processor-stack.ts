import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

export const SHOP_A = { id: 'fjellsko', name: 'Fjellsko Nettbutikk AS', contact: 'personvern@fjellsko.example' };
/** Shop B reads English (`language: en` in the data map); shop A gives no language and is written to in nb. */
export const SHOP_B = { id: 'strikkeboden', name: 'Strikkeboden AS', contact: 'personvern@strikkeboden.example', language: 'en' };

/** One shop platform, a processor for two web shops: requests go to the shop, never to both. */
export function writeProcessorDataMap(): string {
  const map = {
    controller: { name: 'Butikkplattform AS', email: 'personvern@butikkplattform.example' },
    policy: { approvalRequired: ['erasure'] },
    systems: [
      {
        id: 'webshops',
        name: 'Nettbutikkplattformen',
        connector: 'manual',
        role: 'processor',
        controllers: [SHOP_A, SHOP_B],
        controllerLookup: 'named',
        owner: 'drift@butikkplattform.example',
        categories: ['orders and customer accounts'],
        purposes: ['running the web shops on behalf of the shops'],
        legalBasis: 'GDPR art. 28 data processing agreement',
        retention: { criteria: 'as each shop instructs' },
      },
    ],
  };
  const file = join(mkdtempSync(join(tmpdir(), 'dsr-processor-')), 'systems.yaml');
  writeFileSync(file, stringify(map));
  return file;
}
