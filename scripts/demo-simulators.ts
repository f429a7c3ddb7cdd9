import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { stringify } from 'yaml';
import { NORWEGIAN_PEOPLE, seedHubSpot, seedZendesk, vismaSeed } from '../test/fanout/norwegian-people';
import { DEFAULT_SIMULATOR_TOKEN, startHubSpotSimulator, type HubSpotSimulator } from '../test/simulators/hubspot/hubspot-simulator';
import { SIM_CLIENT_ID, SIM_CLIENT_SECRET, SIM_COMPANY_NO, startVismaSimulator, type VismaSimulator } from '../test/simulators/visma/visma-simulator';
import { startZendeskSimulator, ZENDESK_SIMULATOR_CREDENTIALS, type ZendeskSimulator } from '../test/simulators/zendesk/zendesk-simulator';

/** The three API simulators, seeded with the same made-up Norwegian people. */
export interface DemoSimulators {
  zendesk: ZendeskSimulator;
  visma: VismaSimulator;
  hubspot: HubSpotSimulator;
  close(): Promise<void>;
}

export async function startDemoSimulators(): Promise<DemoSimulators> {
  const zendesk = await startZendeskSimulator();
  const visma = await startVismaSimulator(vismaSeed(NORWEGIAN_PEOPLE));
  const hubspot = await startHubSpotSimulator();
  for (const person of NORWEGIAN_PEOPLE) {
    seedZendesk(zendesk, person);
    seedHubSpot(hubspot, person);
  }
  return { zendesk, visma, hubspot, close: async () => void (await Promise.all([zendesk.close(), visma.close(), hubspot.close()])) };
}

/** The environment the demo data map names for its secrets, as the simulators accept them. */
export const DEMO_SECRETS: Record<string, string> = {
  DEMO_ZENDESK_CLIENT_ID: ZENDESK_SIMULATOR_CREDENTIALS.oauth.clientId,
  DEMO_ZENDESK_CLIENT_SECRET: ZENDESK_SIMULATOR_CREDENTIALS.oauth.clientSecret,
  DEMO_VISMA_CLIENT_ID: SIM_CLIENT_ID,
  DEMO_VISMA_CLIENT_SECRET: SIM_CLIENT_SECRET,
  DEMO_HUBSPOT_TOKEN: DEFAULT_SIMULATOR_TOKEN,
};

/** A connector-based data map (a small Norwegian web shop) pointing at the running simulators. */
export function writeDemoDataMap(sims: DemoSimulators, file: string): void {
  const common = { categories: ['name', 'e-mail', 'phone'], source: 'the data subject' };
  const map = {
    controller: { name: 'Demo Handel AS', orgNumber: '999 999 999', email: 'personvern@demohandel.example' },
    policy: { approvalRequired: ['erasure', 'rectification'] },
    systems: [
      {
        id: 'zendesk',
        name: 'Zendesk Support (simulator)',
        connector: 'zendesk',
        owner: 'kundeservice@demohandel.example',
        connection: { baseUrl: sims.zendesk.baseUrl, auth: 'oauth', clientIdEnv: 'DEMO_ZENDESK_CLIENT_ID', clientSecretEnv: 'DEMO_ZENDESK_CLIENT_SECRET' },
        ...common,
        categories: ['name', 'e-mail', 'phone', 'support tickets'],
        purposes: ['customer support'],
        legalBasis: 'GDPR art. 6(1)(b) contract',
        retention: { period: 'P2Y' },
        portable: true,
      },
      {
        id: 'visma',
        name: 'Visma Business NXT (simulator)',
        connector: 'visma',
        owner: 'regnskap@demohandel.example',
        connection: {
          companyNo: SIM_COMPANY_NO,
          clientIdEnv: 'DEMO_VISMA_CLIENT_ID',
          clientSecretEnv: 'DEMO_VISMA_CLIENT_SECRET',
          tokenUrl: sims.visma.tokenUrl,
          graphqlUrl: sims.visma.graphqlUrl,
          marketingFlagField: 'noMarketing',
          restrictionFlagField: 'processingRestricted',
        },
        ...common,
        categories: ['name', 'address', 'orders', 'invoices'],
        purposes: ['sales', 'bookkeeping'],
        legalBasis: 'GDPR art. 6(1)(b) contract and 6(1)(c) legal obligation (bokføringsloven)',
        retention: { period: 'P5Y', basis: 'bokføringsloven § 13' },
        legalHolds: [
          {
            records: 'invoices and customer ledger entries',
            basis: 'GDPR art. 6(1)(c) and 17(3)(b), bokføringsloven § 13 (5-year rule)',
            keepFor: 'P5Y',
            from: 'end-of-financial-year',
          },
        ],
        portable: true,
      },
      {
        id: 'hubspot',
        name: 'HubSpot CRM (simulator)',
        connector: 'hubspot',
        owner: 'marked@demohandel.example',
        connection: { baseUrl: sims.hubspot.baseUrl, tokenEnv: 'DEMO_HUBSPOT_TOKEN' },
        ...common,
        purposes: ['direct marketing'],
        legalBasis: 'GDPR art. 6(1)(f) legitimate interest',
        retention: { criteria: 'until the person unsubscribes or objects' },
      },
      {
        id: 'phone-logs',
        name: 'Phone system call logs',
        connector: 'manual',
        owner: 'it@demohandel.example',
        ...common,
        categories: ['phone number', 'time of calls'],
        purposes: ['call-back'],
        legalBasis: 'GDPR art. 6(1)(f) legitimate interest',
        retention: { period: 'P4M' },
      },
    ],
  };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `# Written by \`npm run demo\` / \`npm run simulators\`: the simulators' ports change every run.\n${stringify(map)}`);
}

export function describeSimulators(sims: DemoSimulators): string {
  return [
    `  Zendesk Support API v2   ${sims.zendesk.baseUrl}/api/v2   (OAuth client ${ZENDESK_SIMULATOR_CREDENTIALS.oauth.clientId})`,
    `  Visma Business NXT       ${sims.visma.graphqlUrl}   (token ${sims.visma.tokenUrl})`,
    `  HubSpot CRM              ${sims.hubspot.baseUrl}   (private-app token ${DEFAULT_SIMULATOR_TOKEN})`,
    '  Test people (in all three):',
    ...NORWEGIAN_PEOPLE.map(
      (person) => `    ${person.name.padEnd(16)} ${person.email.padEnd(28)} customer ${person.customerNo}${person.invoices.length ? ' (has invoices)' : ''}`,
    ),
  ].join('\n');
}
