import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

/**
 * One manual system kept as long as the customer relationship lasts: no routine deletion, so no
 * preservation e-mail goes to an owner at receipt. For specs that count every e-mail or outbox row
 * (alerts, SMTP outage) and are about something else than what owners are asked.
 */
export function dataMapWithoutRoutineDeletion(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'dsr-quiet-')), 'systems.yaml');
  const system = {
    id: 'crm',
    name: 'Customer register',
    connector: 'manual',
    owner: 'kundeservice@example.no',
    categories: ['name', 'e-mail address'],
    purposes: ['customer service'],
    legalBasis: 'GDPR art. 6(1)(b) contract',
    retention: { criteria: 'as long as the customer relationship lasts' },
  };
  writeFileSync(file, stringify({ controller: { name: 'Eksempel AS', email: 'personvern@example.no' }, systems: [system] }));
  return file;
}
