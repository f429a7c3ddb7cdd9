import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { Simulators } from '../fanout/fanout-stack';

export const SMS_GATEWAY = { name: 'SMS-porten AS', contact: 'personvern@smsporten.example' };
/** The mailing house reads English (`language: en` in the data map); the SMS gateway gives none and is written to in nb. */
export const MAILING_HOUSE = { name: 'Trykk og Post AS', contact: 'gdpr@trykkogpost.example', language: 'en' };

const common = { categories: ['contact details'], legalBasis: 'GDPR art. 6(1)(f) legitimate interest', retention: { criteria: 'until the person objects' } };

/**
 * A marketing data map: HubSpot with e-mail and SMS opt-outs and a do-not-call flag, an SMS gateway
 * that sends our campaigns from its contacts; a manual customer club posted by a mailing house.
 */
export function writeMarketingDataMap(sims: Simulators, prefix: string): string {
  const map = {
    controller: { name: 'Firma AS', email: 'personvern@firma.example' },
    policy: { approvalRequired: ['erasure', 'rectification'] },
    systems: [
      {
        id: 'hubspot',
        name: 'HubSpot CRM',
        connector: 'hubspot',
        owner: 'marked@firma.example',
        connection: {
          baseUrl: sims.hubspot.baseUrl,
          tokenEnv: `${prefix}_HUBSPOT_TOKEN`,
          channels: ['EMAIL', 'SMS'],
          subscriptionIds: ['1001'],
          doNotCallProperty: 'do_not_call',
        },
        ...common,
        purposes: ['direct marketing'],
        marketingProcessors: [SMS_GATEWAY],
      },
      {
        id: 'club',
        name: 'Kundeklubben (papirkatalog)',
        connector: 'manual',
        owner: 'klubb@firma.example',
        ...common,
        purposes: ['customer club catalogue'],
        marketingChannels: ['post', 'phone'],
        marketingProcessors: [MAILING_HOUSE],
      },
    ],
  };
  const file = join(mkdtempSync(join(tmpdir(), 'dsr-objection-')), 'systems.yaml');
  writeFileSync(file, stringify(map));
  return file;
}
