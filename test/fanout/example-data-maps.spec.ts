import { join } from 'node:path';
import type { CaseEntity } from '../../src/cases/case.entity';
import { SystemClock } from '../../src/common/clock';
import type { AppConfig } from '../../src/config/app-config';
import { ConnectorRegistry, isConnectorType, listedConnectors } from '../../src/connectors/connector-registry';
import type { SystemsService } from '../../src/systems/systems.service';
import { planTasks } from '../../src/connectors/fanout/fanout-plan';
import { controllersFor } from '../../src/connectors/manual/forwarding-targets';
import { processorControllers } from '../../src/systems/processor-controllers';
import { loadDataMap } from '../../src/systems/data-map.loader';
import { dataMapWarnings } from '../../src/systems/data-map-warnings';

const load = (name: string) => loadDataMap(join(__dirname, '..', '..', 'examples', `${name}.yaml`));
const verified = (type: CaseEntity['type'], details: Record<string, unknown> = {}) =>
  ({ type, status: 'in_progress', verifiedAt: new Date(), approvedAt: new Date(), details }) as Pick<
    CaseEntity,
    'type' | 'status' | 'verifiedAt' | 'approvedAt' | 'details'
  >;
const planned = (map: ReturnType<typeof loadDataMap>, type: CaseEntity['type'], details: Record<string, unknown> = {}) =>
  planTasks(verified(type, details), map.systems, null)
    .map((task) => `${task.systemId}:${task.action}`)
    .sort();

/** Recipients the examples list without an e-mail contact: staff are warned to tell them otherwise
 *  (Art 19). Skatteetaten receives data only on request: no recipient (Art 4(9)), no warning. */
const UNCONTACTED: Record<string, string[]> = {
  'logistics-software': [],
  'auto-parts-wholesaler': [],
  courier: ["accounting: the company's auditor"],
  'webshop-sql': [],
  webshop: [],
  '../config/systems': [],
};
const art19 = (warning: string) => /^([\w-]+)\.recipients: Art 19 notices to "(.+)" can't be e-mailed/.exec(warning);

describe('the example data maps in examples/', () => {
  it.each(['logistics-software', 'auto-parts-wholesaler', 'courier', 'webshop-sql', 'webshop', '../config/systems'])(
    '%s loads, uses known connectors and keeps retention within its basis',
    (name) => {
      const map = load(name);
      const registry = new ConnectorRegistry(
        { systems: () => map.systems } as SystemsService,
        listedConnectors({ CONNECTOR_INLINE_RETRY_WAIT_MS: 0, TZ_NAME: 'Europe/Oslo' } as AppConfig, new SystemClock()),
      );
      for (const system of map.systems) {
        expect(isConnectorType(system.connector)).toBe(true);
        expect({ system: system.id, problems: registry.forSystem(system)?.checkConnection(system.connection) ?? [] }).toEqual({
          system: system.id,
          problems: [],
        });
      }
      // Only "variable not set" warnings (no secrets here) and the recipients without an e-mail
      // contact; no retention longer than its legal basis.
      const warnings = dataMapWarnings(map, {}).filter((warning) => !warning.includes('is not set'));
      expect(warnings.filter((warning) => !art19(warning))).toEqual([]);
      expect(
        warnings
          .map(art19)
          .filter(Boolean)
          .map((match) => `${match![1]}: ${match![2]}`),
      ).toEqual(UNCONTACTED[name]);
    },
  );

  it('logistics software: the shipping data belongs to the web shops (forwarded at receipt, not fanned out), searches Zendesk, phone logs by hand', () => {
    const map = load('logistics-software');
    expect(map.systems.map((system) => `${system.id}:${system.connector}:${system.role}`)).toEqual([
      'zendesk:zendesk:controller',
      'shipping-platform:manual:processor',
      'phone-logs:manual:controller',
    ]);
    expect(planned(map, 'access')).toEqual(['phone-logs:export', 'zendesk:export']);
    const shipping = map.systems.find((system) => system.id === 'shipping-platform')!;
    expect(processorControllers(shipping).map((controller) => controller.id)).toEqual(['fjellsko', 'strikkeboden']);
    // Several web shops and the person names none: a handler picks, nobody gets it meanwhile.
    expect(controllersFor(shipping, {})).toEqual([]);
    expect(controllersFor(shipping, { controller: 'strikkeboden' }).map((controller) => controller.name)).toEqual(['Strikkeboden AS']);
  });

  it('auto-parts wholesaler: Visma erasure carries the bookkeeping hold; phone logs 4 months, CCTV one week', () => {
    const map = load('auto-parts-wholesaler');
    const visma = map.systems.find((system) => system.id === 'visma')!;
    expect(visma.legalHolds).toEqual([expect.objectContaining({ keepFor: 'P5Y', from: 'end-of-financial-year' })]);
    expect(map.systems.find((system) => system.id === 'phone-logs')!.retention.period).toBe('P4M');
    expect(map.systems.find((system) => system.id === 'cctv')!.retention.period).toBe('P7D');
    const erase = planTasks(verified('erasure'), map.systems, null).find((task) => task.systemId === 'visma')!;
    expect(erase.params.legalHolds).toEqual(visma.legalHolds);
    expect(planned(map, 'erasure')).toEqual(['cctv:erase', 'phone-logs:erase', 'visma:erase']);
  });

  it('courier: an objection to direct marketing restricts Mailchimp; one on legitimate interest waits for a decision', () => {
    const map = load('courier');
    expect(map.systems.find((system) => system.id === 'newsletter')!.legalBasis).toMatch(/legitimate interest/);
    expect(planned(map, 'objection', { processing: 'direct_marketing' })).toEqual(['newsletter:restrict']);
    expect(planned(map, 'objection', { processing: 'legitimate_interest' })).toEqual([]);
    expect(planTasks(verified('objection', { processing: 'legitimate_interest' }), map.systems, 'stop').map((task) => task.systemId)).toEqual(['newsletter']);
  });
});
