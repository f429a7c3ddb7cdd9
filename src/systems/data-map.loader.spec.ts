import { Logger } from '@nestjs/common';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { SystemClock } from '../common/clock';
import { humanDuration } from '../common/human-duration';
import type { AppConfig } from '../config/app-config';
import { ConnectionSettingsError, ConnectorRegistry, UnknownConnectorError, listedConnectors } from '../connectors/connector-registry';
import { DataMapError, loadDataMap } from './data-map.loader';
import { dataMapWarnings } from './data-map-warnings';
import { SystemsService } from './systems.service';
import { processorControllers } from './processor-controllers';

const dir = mkdtempSync(join(tmpdir(), 'dsr-datamap-spec-'));
let files = 0;
function file(text: string): string {
  const path = join(dir, `systems-${++files}.yaml`);
  writeFileSync(path, text);
  return path;
}

const base = (overrides: Record<string, unknown> = {}) => ({
  id: 'cctv',
  name: 'CCTV',
  connector: 'manual',
  owner: 'sikkerhet@firma.example',
  categories: ['video'],
  purposes: ['security'],
  legalBasis: 'GDPR art. 6(1)(f) legitimate interest',
  retention: { period: 'P7D' },
  ...overrides,
});
const mapWith = (...systems: Array<Record<string, unknown>>) =>
  file(stringify({ controller: { name: 'Firma AS', email: 'personvern@firma.example' }, systems }));

/** The loader's message for a broken map; fails the test when the map loads. */
function problem(path: string): string {
  try {
    loadDataMap(path);
  } catch (error) {
    expect(error).toBeInstanceOf(DataMapError);
    return (error as Error).message;
  }
  throw new Error('the data map loaded');
}

const config = { CONNECTOR_INLINE_RETRY_WAIT_MS: 0, TZ_NAME: 'Europe/Oslo', SYSTEMS_FILE: '' } as AppConfig;
function bootRegistry(path: string): void {
  const systems = new SystemsService({ ...config, SYSTEMS_FILE: path });
  new ConnectorRegistry(systems, listedConnectors(config, new SystemClock())).onModuleInit();
}

describe('data map validation', () => {
  it('refuses an inline secret, naming the system and the field', () => {
    const message = problem(mapWith(base({ id: 'hubspot', connector: 'hubspot', connection: { tokenEnv: 'HS', apiKey: 'pat-na1-123' } })));
    expect(message).toContain('systems[0] (id "hubspot").connection.apiKey: looks like an inline secret');
  });

  it('takes a list of controllers for a processor system, refusing a repeated id, a bad contact and controllers on a controller-role system', () => {
    const shops = [
      { id: 'shop-a', name: 'Shop A AS', contact: 'personvern@shop-a.example' },
      { id: 'shop-b', name: 'Shop B AS', contact: 'personvern@shop-b.example' },
    ];
    const map = loadDataMap(mapWith(base({ id: 'webshops', role: 'processor', controllers: shops, controllerLookup: 'handler' })));
    expect(processorControllers(map.systems[0])).toEqual(shops);
    expect(map.systems[0].controllerLookup).toBe('handler');
    const single = loadDataMap(mapWith(base({ id: 'shipping', role: 'processor', controllerName: 'Nettbutikken AS', controllerContact: 'p@n.example' })));
    expect(processorControllers(single.systems[0])).toEqual([{ id: 'controller', name: 'Nettbutikken AS', contact: 'p@n.example' }]);
    expect(problem(mapWith(base({ id: 'webshops', role: 'processor', controllers: [shops[0], shops[0]] })))).toContain(
      'systems[0] (id "webshops").controllers.1.id: "shop-a" is used twice',
    );
    expect(problem(mapWith(base({ id: 'webshops', role: 'processor', controllers: [{ ...shops[0], contact: 'nobody' }] })))).toContain(
      'must be an e-mail address',
    );
    expect(problem(mapWith(base({ controllers: shops })))).toContain('only a processor-role system lists controllers');
    expect(problem(mapWith(base({ id: 'webshops', role: 'processor', controllers: shops, controllerLookup: 'everyone' })))).toContain('controllerLookup');
  });

  it('refuses a processor-role system without controllerContact', () => {
    const message = problem(mapWith(base(), base({ id: 'shipping', role: 'processor', controllerName: 'Nettbutikken AS' })));
    expect(message).toContain('systems[1] (id "shipping").controllerContact: a processor-role system needs controllerName and controllerContact');
  });

  it('refuses a duplicate id', () => {
    expect(problem(mapWith(base(), base()))).toContain('systems[1] (id "cctv").id: "cctv" is used twice');
  });

  it('refuses a retention period that is not an ISO 8601 duration', () => {
    expect(problem(mapWith(base({ retention: { period: '7 days' } })))).toContain(
      'systems[0] (id "cctv").retention.period: must be an ISO-8601 duration such as P5Y, P4M or P7D',
    );
  });

  it('refuses a file that is not YAML, naming the file', () => {
    const path = file('systems: [\n  - id: cctv\n    name: "unterminated\n');
    expect(problem(path)).toMatch(new RegExp(`SYSTEMS_FILE ${path}: cannot read it as YAML`));
  });

  it('stops start-up on an unknown connector, naming the system', () => {
    const path = mapWith(base({ id: 'newsletter', connector: 'brevo' }));
    expect(() => bootRegistry(path)).toThrow(UnknownConnectorError);
    expect(() => bootRegistry(path)).toThrow('system "newsletter" uses connector "brevo"');
  });
});

describe('connection settings, checked when the registry starts', () => {
  const expectBootProblem = (system: Record<string, unknown>, text: string) => {
    const path = mapWith(base(system));
    expect(() => bootRegistry(path)).toThrow(ConnectionSettingsError);
    expect(() => bootRegistry(path)).toThrow(text);
  };

  it('Zendesk: base URL and the env names its auth kind needs', () => {
    expectBootProblem(
      { id: 'zendesk', connector: 'zendesk', connection: { auth: 'oauth', clientIdEnv: 'ZD_ID', clientSecretEnv: 'ZD_SECRET' } },
      'system "zendesk" has invalid connection settings: connection.baseUrl:',
    );
    expectBootProblem(
      { id: 'zendesk', connector: 'zendesk', connection: { baseUrl: 'https://acme.zendesk.com', auth: 'oauth', clientIdEnv: 'ZD_ID' } },
      'connection.clientSecretEnv: auth "oauth" needs clientId or clientIdEnv, and clientSecretEnv',
    );
    expectBootProblem(
      { id: 'zendesk', connector: 'zendesk', connection: { baseUrl: 'https://acme.zendesk.com', auth: 'api_token', emailEnv: 'ZD_EMAIL' } },
      'connection.apiTokenEnv: auth "api_token" needs email or emailEnv, and apiTokenEnv',
    );
  });

  it('Visma: companyNo and the client id/secret env names', () => {
    expectBootProblem(
      { id: 'visma', connector: 'visma', connection: { clientIdEnv: 'V_ID', clientSecretEnv: 'V_SECRET' } },
      'system "visma" has invalid connection settings: connection.companyNo:',
    );
    expectBootProblem({ id: 'visma', connector: 'visma', connection: { companyNo: 1, clientIdEnv: 'V_ID' } }, 'connection.clientSecretEnv:');
    expectBootProblem(
      { id: 'visma', connector: 'visma', connection: { companyNo: 1, clientIdEnv: 'V_ID', clientSecretEnv: 'V_S', financialYearStart: '13-01' } },
      'connection.financialYearStart: must be MM-DD',
    );
  });

  it('HubSpot: lists in connection (channels, subscriptionIds, exportProperties) load and boot, a wrong channel is named', () => {
    const hubspot = (connection: Record<string, unknown>) =>
      mapWith(base({ id: 'hubspot', connector: 'hubspot', connection: { tokenEnv: 'HUBSPOT_TOKEN', ...connection } }));
    const lists = { channels: ['EMAIL', 'SMS'], subscriptionIds: ['123456', '789012'], exportProperties: ['email', 'firstname', 'phone'] };
    const loaded = loadDataMap(hubspot(lists));
    expect(loaded.systems[0].connection).toEqual({ tokenEnv: 'HUBSPOT_TOKEN', ...lists });
    expect(() => bootRegistry(hubspot(lists))).not.toThrow();
    expectBootProblem({ id: 'hubspot', connector: 'hubspot', connection: { tokenEnv: 'HUBSPOT_TOKEN', channels: ['FAX'] } }, 'connection.channels.0:');
  });

  it('HubSpot: tokenEnv', () => {
    expectBootProblem(
      { id: 'hubspot', connector: 'hubspot', connection: { baseUrl: 'https://api.hubapi.com' } },
      'system "hubspot" has invalid connection settings: connection.tokenEnv:',
    );
  });

  it('starts with well-formed settings whose secrets are not set (that stays a task-time failure)', () => {
    const path = mapWith(
      base({
        id: 'zendesk',
        connector: 'zendesk',
        connection: { baseUrl: 'https://acme.zendesk.com', auth: 'oauth', clientIdEnv: 'UNSET_ZD_ID', clientSecretEnv: 'UNSET_ZD_SECRET' },
      }),
      base({ id: 'visma', connector: 'visma', connection: { companyNo: 1, clientIdEnv: 'UNSET_V_ID', clientSecretEnv: 'UNSET_V_SECRET' } }),
      base({ id: 'hubspot', connector: 'hubspot', connection: { tokenEnv: 'UNSET_HS_TOKEN' } }),
    );
    expect(() => bootRegistry(path)).not.toThrow();
    expect(dataMapWarnings(loadDataMap(path), {})).toContain(
      'visma.connection.clientIdEnv: environment variable UNSET_V_ID is not set; its tasks will fail until it is',
    );
  });
});

describe('retention longer than bokføringsloven § 13 allows', () => {
  const warningsFor = (period: string, basis: string) =>
    dataMapWarnings(loadDataMap(mapWith(base({ id: 'ledger', retention: { period, basis } }))), {}).filter((warning) => warning.startsWith('ledger.retention'));
  const FIVE = 'bokføringsloven § 13';
  const SHORT = 'bokføringsloven § 13 (3½-year rule)';

  it.each([
    ['P7Y', FIVE, true],
    ['P6Y', FIVE, true],
    ['P5Y6M', FIVE, true],
    ['P5Y1D', FIVE, true],
    ['P5Y', FIVE, false],
    ['P4Y11M', FIVE, false],
    ['P5Y', SHORT, true],
    ['P3Y7M', SHORT, true],
    ['P3Y6M', SHORT, false],
  ])('%s under "%s" → warns: %s', (period, basis, warns) => {
    const warnings = warningsFor(period, basis);
    expect(warnings).toHaveLength(warns ? 1 : 0);
    if (warns) expect(warnings[0]).toContain(`ledger.retention: ${humanDuration(period, 'en')} is longer than its basis "${basis}" allows`);
  });

  it('checks legal holds too, and a 15-year customer register', () => {
    const path = mapWith(
      base({
        id: 'crm',
        retention: { period: 'P15Y', basis: 'bokføringsloven' },
        legalHolds: [{ records: 'invoices', basis: 'bokføringsloven § 13', keepFor: 'P7Y' }],
      }),
    );
    expect(dataMapWarnings(loadDataMap(path), {})).toEqual([
      expect.stringContaining('crm.retention: 15 years is longer than its basis'),
      expect.stringContaining('crm.legalHolds.0: 7 years is longer than its basis'),
    ]);
  });

  it('logs the warnings when the service starts', () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      new SystemsService({
        ...config,
        SYSTEMS_FILE: mapWith(base({ id: 'ledger', retention: { period: 'P7Y', basis: 'bokføringsloven § 13' } })),
      }).onModuleInit();
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('ledger.retention: 7 years is longer than its basis'));
    } finally {
      warn.mockRestore();
    }
  });
});

describe('translated texts', () => {
  const translated = base({
    purposes: [{ nb: 'sikring av lokalene', en: 'securing the premises' }, 'security'],
    categories: [{ nb: 'videoopptak' }],
    retention: { period: 'P7D', basis: { en: 'overwritten after seven days' } },
    fieldLabels: { recorded_at: { nb: 'Tatt opp', en: 'Recorded' }, camera: 'Kamera' },
  });

  it('loads {nb, en} texts beside plain strings: staff and rules read the English, the answer the translations', () => {
    const map = loadDataMap(mapWith(translated));
    const system = map.systems[0];
    expect(system.purposes).toEqual(['securing the premises', 'security']);
    expect(system.categories).toEqual(['videoopptak']);
    expect(system.retention).toEqual({ period: 'P7D', basis: 'overwritten after seven days' });
    expect(system.texts.purposes[0]).toEqual({ nb: 'sikring av lokalene', en: 'securing the premises' });
    expect(system.fieldLabels.recorded_at).toEqual({ nb: 'Tatt opp', en: 'Recorded' });
  });

  const untranslated = (warning: string) => warning.includes('.texts:');

  it('warns once per system of the texts missing a language, and of nothing in a map of plain strings', () => {
    const warnings = dataMapWarnings(loadDataMap(mapWith(translated)), {}).filter(untranslated);
    expect(warnings).toEqual([
      'cctv.texts: written in one language only, so readers of the other see it as written: categories[0] (no English); retention.basis (no Norwegian)',
    ]);
    expect(dataMapWarnings(loadDataMap(mapWith(base())), {}).filter(untranslated)).toEqual([]);
  });

  it('refuses a translation with an unknown language or no text, naming the field', () => {
    expect(problem(mapWith(base({ purposes: [{ de: 'Sicherheit' }] })))).toContain('systems[0] (id "cctv").purposes.0');
    expect(problem(mapWith(base({ fieldLabels: { camera: {} } })))).toContain('systems[0] (id "cctv").fieldLabels.camera');
  });

  it('starts the shipped data map without a single warning', () => {
    expect(dataMapWarnings(loadDataMap(join(__dirname, '..', '..', 'config', 'systems.yaml')), {})).toEqual([]);
  });

  it('loads every data map shipped with the project unchanged', () => {
    for (const name of ['config/systems.yaml', 'examples/auto-parts-wholesaler.yaml', 'examples/courier.yaml', 'examples/logistics-software.yaml']) {
      const map = loadDataMap(join(__dirname, '..', '..', name));
      expect(map.systems.length).toBeGreaterThan(0);
      expect(dataMapWarnings(map, {}).filter(untranslated)).toEqual([]);
    }
  });
});
