import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { getDataSourceToken } from '@nestjs/typeorm';
import { PasswordHasher } from '../../src/staff/auth/password-hasher';
import { startHubSpotSimulator, DEFAULT_SIMULATOR_TOKEN, type HubSpotSimulator, type HubSpotSimulatorOptions } from '../simulators/hubspot/hubspot-simulator';
import {
  SIM_CLIENT_ID,
  SIM_CLIENT_SECRET,
  SIM_COMPANY_NO,
  startVismaSimulator,
  type VismaSimulator,
  type VismaSimulatorOptions,
} from '../simulators/visma/visma-simulator';
import {
  startZendeskSimulator,
  ZENDESK_SIMULATOR_CREDENTIALS,
  type ZendeskSimulator,
  type ZendeskSimulatorOptions,
} from '../simulators/zendesk/zendesk-simulator';
import type { TestApp } from '../support/test-app';
import { seedHubSpot, seedZendesk, vismaSeed, type TestPerson } from './norwegian-people';

export interface Simulators {
  zendesk: ZendeskSimulator;
  visma: VismaSimulator;
  hubspot: HubSpotSimulator;
  close(): Promise<void>;
}

export async function startSimulators(
  options: { zendesk?: ZendeskSimulatorOptions; visma?: VismaSimulatorOptions; hubspot?: HubSpotSimulatorOptions } = {},
): Promise<Simulators> {
  const zendesk = await startZendeskSimulator(options.zendesk);
  const visma = await startVismaSimulator(options.visma);
  const hubspot = await startHubSpotSimulator(options.hubspot);
  return {
    zendesk,
    visma,
    hubspot,
    close: async () => {
      await Promise.all([zendesk.close(), visma.close(), hubspot.close()]);
    },
  };
}

/** The simulators with `people` in all three: Visma's customers (and their invoices), a Zendesk
 *  user and a HubSpot contact each. `options` tune the simulators (e.g. raised rate limits). */
export async function startSimulatorsWith(
  people: TestPerson[],
  options: {
    zendesk?: ZendeskSimulatorOptions;
    visma?: Omit<VismaSimulatorOptions, 'associates' | 'customerTransactions'>;
    hubspot?: HubSpotSimulatorOptions;
  } = {},
): Promise<Simulators> {
  const sims = await startSimulators({ ...options, visma: { ...vismaSeed(people), ...options.visma } });
  for (const person of people) {
    seedZendesk(sims.zendesk, person);
    seedHubSpot(sims.hubspot, person);
  }
  return sims;
}

/** The secrets the data maps below name, as the simulators accept them. */
export function simulatorSecrets(prefix: string): Record<string, string> {
  return {
    [`${prefix}_ZENDESK_CLIENT_ID`]: ZENDESK_SIMULATOR_CREDENTIALS.oauth.clientId,
    [`${prefix}_ZENDESK_CLIENT_SECRET`]: ZENDESK_SIMULATOR_CREDENTIALS.oauth.clientSecret,
    [`${prefix}_VISMA_CLIENT_ID`]: SIM_CLIENT_ID,
    [`${prefix}_VISMA_CLIENT_SECRET`]: SIM_CLIENT_SECRET,
    [`${prefix}_HUBSPOT_TOKEN`]: DEFAULT_SIMULATOR_TOKEN,
  };
}

const common = {
  categories: ['contact details'],
  purposes: ['customer service'],
  legalBasis: 'GDPR art. 6(1)(b) contract',
  retention: { period: 'P2Y' },
};

export const BOOKKEEPING_HOLD = {
  records: 'invoices and customer ledger entries',
  basis: 'GDPR art. 6(1)(c) and 17(3)(b), bokføringsloven § 13 (5-year rule)',
  keepFor: 'P5Y',
  from: 'end-of-financial-year',
};

export type SystemKey = 'zendesk' | 'visma' | 'hubspot' | 'phone-logs' | 'shipping';

/** Writes a data map pointing at the simulators; `include` picks the systems. Returns its path. */
export function writeDataMap(sims: Simulators, prefix: string, include: SystemKey[], approvalRequired: string[] = ['erasure', 'rectification']): string {
  const systems: Record<SystemKey, Record<string, unknown>> = {
    zendesk: {
      id: 'zendesk',
      name: 'Zendesk Support',
      connector: 'zendesk',
      owner: 'kundeservice@firma.example',
      connection: {
        baseUrl: sims.zendesk.baseUrl,
        auth: 'oauth',
        clientIdEnv: `${prefix}_ZENDESK_CLIENT_ID`,
        clientSecretEnv: `${prefix}_ZENDESK_CLIENT_SECRET`,
      },
      ...common,
      portable: true,
    },
    visma: {
      id: 'visma',
      name: 'Visma Business NXT',
      connector: 'visma',
      owner: 'regnskap@firma.example',
      connection: {
        companyNo: SIM_COMPANY_NO,
        clientIdEnv: `${prefix}_VISMA_CLIENT_ID`,
        clientSecretEnv: `${prefix}_VISMA_CLIENT_SECRET`,
        tokenUrl: sims.visma.tokenUrl,
        graphqlUrl: sims.visma.graphqlUrl,
        marketingFlagField: 'noMarketing',
        restrictionFlagField: 'processingRestricted',
      },
      ...common,
      legalBasis: 'GDPR art. 6(1)(b) contract and 6(1)(c) legal obligation (bokføringsloven)',
      retention: { period: 'P5Y', basis: 'bokføringsloven § 13' },
      legalHolds: [BOOKKEEPING_HOLD],
      portable: true,
    },
    hubspot: {
      id: 'hubspot',
      name: 'HubSpot CRM',
      connector: 'hubspot',
      owner: 'marked@firma.example',
      connection: { baseUrl: sims.hubspot.baseUrl, tokenEnv: `${prefix}_HUBSPOT_TOKEN` },
      ...common,
      purposes: ['direct marketing'],
      legalBasis: 'GDPR art. 6(1)(f) legitimate interest',
      retention: { criteria: 'until the person objects' },
    },
    'phone-logs': {
      id: 'phone-logs',
      name: 'Phone system call logs',
      connector: 'manual',
      owner: 'telefoni@firma.example',
      ...common,
      legalBasis: 'GDPR art. 6(1)(f) legitimate interest',
      retention: { period: 'P4M' },
    },
    shipping: {
      id: 'shipping',
      name: 'Cargonizer shipping (for our customers)',
      connector: 'manual',
      role: 'processor',
      controllerName: 'Nettbutikken AS',
      controllerContact: 'personvern@nettbutikken.example',
      owner: 'logistikk@firma.example',
      ...common,
    },
  };
  const map = {
    controller: { name: 'Firma AS', email: 'personvern@firma.example' },
    policy: { approvalRequired },
    systems: include.map((key) => systems[key]),
  };
  const file = join(mkdtempSync(join(tmpdir(), 'dsr-datamap-')), 'systems.yaml');
  writeFileSync(file, stringify(map));
  return file;
}

/** A staff user with the given role, signed in. */
export async function staffUser(stack: TestApp, email: string, role: 'owner' | 'handler' | 'auditor'): Promise<{ Authorization: string }> {
  const password = 'owner password 0123456789';
  const hash = await new PasswordHasher().hash(password);
  await stack.context
    .get(getDataSourceToken())
    .query(`INSERT INTO staff_users (email, name, role, password_hash) VALUES ($1, $2, $3, $4) ON CONFLICT (email) DO NOTHING`, [
      email,
      email.split('@')[0],
      role,
      hash,
    ]);
  const response = await fetch(`${stack.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`login failed: ${response.status}`);
  return { Authorization: `Bearer ${(await response.json()).token}` };
}

export interface Api {
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
}

export function api(url: string, auth: () => Record<string, string>): Api {
  return {
    post: (path, body, headers = auth()) =>
      fetch(`${url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) }),
    get: (path, headers = auth()) => fetch(`${url}${path}`, { headers }),
  };
}

/** Polls the case until `check` holds for it (beats sleep). */
export async function waitForCase(client: Api, reference: string, check: (body: CaseBody) => boolean, timeoutMs = 30_000): Promise<CaseBody> {
  const deadline = Date.now() + timeoutMs;
  let last: CaseBody | null;
  for (;;) {
    last = await (await client.get(`/api/v1/cases/${reference}`)).json();
    if (last && check(last)) return last;
    if (Date.now() > deadline) throw new Error(`case ${reference} never got there: ${JSON.stringify(last?.tasks ?? last)}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

export interface TaskBody {
  id: string;
  system: string;
  action: string;
  status: string;
  outcome?: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  error?: string;
  errorText?: { nb: string; en: string };
}

export interface CaseBody {
  id: string;
  reference: string;
  status: string;
  tasks: TaskBody[];
  recordSearch?: Array<{ system: string; status: string; error?: string | null; errorText?: { nb: string; en: string } }>;
}

export const taskOf = (body: CaseBody, system: string) => {
  const task = body.tasks.find((candidate) => candidate.system === system);
  if (!task) throw new Error(`no task for ${system}: ${JSON.stringify(body.tasks)}`);
  return task;
};

/** Every API system's search for the person's records is done (for data maps with an API system). */
export const searchDone = (body: CaseBody) => Boolean(body.recordSearch?.length) && body.recordSearch!.every((search) => search.status === 'done');

export const searchOf = (body: CaseBody, system: string) => body.recordSearch?.find((search) => search.system === system);

/** Fan-out's tasks exist and none is pending or running. A processor system's forward, made at
 *  receipt, does not count as fan-out having run. */
export const settled = (body: CaseBody) =>
  body.tasks.some((task) => task.action !== 'forward') && body.tasks.every((task) => !['pending', 'running'].includes(task.status));

/** A case registered by staff, identity already checked (so it starts in_progress). */
export function registration(type: string, person: { email: string; name: string; phone?: string }, details: Record<string, unknown> = {}) {
  return {
    type,
    channel: 'email',
    receivedAt: new Date(Date.now() - 3600_000).toISOString(),
    subject: { email: person.email, name: person.name, ...(person.phone ? { phone: person.phone } : {}) },
    details,
    identityVerified: { method: 'replied from the e-mail address on file' },
  };
}
