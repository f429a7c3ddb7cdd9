import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { MailchimpSimulator } from '../simulators/mailchimp/mailchimp-simulator';

export const BYBUD = { name: 'Bybud Ekspress AS', email: 'personvern@bybud.example' };

/** A courier's data map with its newsletters in Mailchimp (every audience of the account). */
export function writeMailchimpDataMap(sim: MailchimpSimulator, apiKeyEnv: string, connection: Record<string, unknown> = {}): string {
  const map = {
    controller: BYBUD,
    policy: { approvalRequired: ['rectification'] },
    systems: [
      {
        id: 'mailchimp',
        name: 'Mailchimp',
        connector: 'mailchimp',
        owner: 'marked@bybud.example',
        connection: { apiKeyEnv, baseUrl: sim.apiRoot, ...connection },
        categories: ['name', 'e-mail', 'newsletter subscriptions', 'e-mail opens and clicks'],
        purposes: ['direct marketing to existing customers'],
        legalBasis: 'GDPR art. 6(1)(f) legitimate interest (ekomloven § 2-4)',
        retention: { criteria: 'until the person unsubscribes or objects' },
        portable: true,
      },
    ],
  };
  const file = join(mkdtempSync(join(tmpdir(), 'dsr-mailchimp-')), 'systems.yaml');
  writeFileSync(file, stringify(map));
  return file;
}
