import type { CaseEntity } from '../../cases/case.entity';
import { systemSchema, type SystemEntry } from '../../systems/data-map.schema';
import { changesFrom, contestedFields, planTasks, readiness } from './fanout-plan';

const system = (id: string, extra: Record<string, unknown> = {}): SystemEntry =>
  systemSchema.parse({
    id,
    name: id,
    connector: 'manual',
    owner: `${id}@example.no`,
    categories: ['contact details'],
    purposes: ['customer service'],
    legalBasis: 'GDPR art. 6(1)(b) contract',
    retention: { period: 'P1Y' },
    ...extra,
  });

const SYSTEMS = [
  system('crm', { connector: 'hubspot', purposes: ['direct marketing'], legalBasis: 'GDPR art. 6(1)(f) legitimate interest', portable: false }),
  system('erp', { connector: 'visma', portable: true, legalHolds: [{ records: 'invoices', basis: 'bokføringsloven § 13', keepFor: 'P5Y' }] }),
  system('cctv', { legalBasis: 'GDPR art. 6(1)(f) legitimate interest' }),
  system('shipping', { role: 'processor', controllerName: 'Shop AS', controllerContact: 'privacy@shop.example' }),
];

type PlanCase = Pick<CaseEntity, 'type' | 'status' | 'verifiedAt' | 'approvedAt' | 'details'>;
const ready = (type: CaseEntity['type'], details: Record<string, unknown> = {}): PlanCase => ({
  type,
  status: 'in_progress',
  verifiedAt: new Date(),
  approvedAt: null,
  details,
});
const keys = (entity: PlanCase, decision: 'stop' | 'compelling_grounds' | null = null) =>
  planTasks(entity, SYSTEMS, decision).map((task) => `${task.systemId}:${task.action}`);

describe('fan-out plan', () => {
  it('waits for verification, approval where required, and an objection decision on legitimate interest', () => {
    expect(readiness({ ...ready('erasure'), verifiedAt: null }, true, null)).toBe('unverified');
    expect(readiness(ready('erasure'), true, null)).toBe('awaiting_approval');
    expect(readiness({ ...ready('erasure'), approvedAt: new Date() }, true, null)).toBe('ready');
    expect(readiness(ready('objection', { processing: 'direct_marketing' }), true, null)).toBe('ready');
    expect(readiness(ready('objection', { processing: 'legitimate_interest' }), false, null)).toBe('awaiting_objection_decision');
    expect(readiness(ready('objection', { processing: 'legitimate_interest' }), false, 'stop')).toBe('ready');
    expect(readiness({ ...ready('access'), status: 'awaiting_review' }, false, null)).toBe('not_in_progress');
  });

  it('waits for the record search and for every possible match to be decided, even on a marketing objection', () => {
    const searching = { searching: true, undecided: false, approvalCurrent: false };
    const undecided = { searching: false, undecided: true, approvalCurrent: false };
    const approved = { ...ready('erasure'), approvedAt: new Date() };
    expect(readiness(ready('access'), false, null, searching)).toBe('searching_records');
    expect(readiness(ready('objection', { processing: 'direct_marketing' }), false, null, searching)).toBe('searching_records');
    expect(readiness(ready('objection', { processing: 'direct_marketing' }), false, null, undecided)).toBe('matches_undecided');
    expect(readiness(approved, true, null, undecided)).toBe('matches_undecided');
    expect(readiness({ ...ready('access'), verifiedAt: null }, false, null, searching)).toBe('unverified');
  });

  it('counts an approval only while it covers exactly the records that would be touched', () => {
    const approved = { ...ready('erasure'), approvedAt: new Date() };
    expect(readiness(approved, true, null, { searching: false, undecided: false, approvalCurrent: true })).toBe('ready');
    expect(readiness(approved, true, null, { searching: false, undecided: false, approvalCurrent: false })).toBe('awaiting_approval');
    expect(readiness(ready('access'), false, null, { searching: false, undecided: false, approvalCurrent: false })).toBe('ready');
  });

  it('gives each right its actions and leaves processor-role systems alone (their forward was made at receipt)', () => {
    expect(keys(ready('access'))).toEqual(['crm:export', 'erp:export', 'cctv:export']);
    expect(keys(ready('portability'))).toEqual(['erp:export']);
    expect(keys(ready('restriction'))).toEqual(['crm:restrict', 'erp:restrict', 'cctv:restrict']);
    expect(keys(ready('erasure'))).toEqual(['crm:erase', 'erp:erase', 'cctv:erase']);
    expect(planTasks(ready('erasure'), SYSTEMS, null)[1].params.legalHolds).toEqual([expect.objectContaining({ records: 'invoices', keepFor: 'P5Y' })]);
  });

  it('stops marketing in every API system at once and restricts legitimate-interest systems after a stop decision', () => {
    expect(keys(ready('objection', { processing: 'direct_marketing' }))).toEqual(['crm:restrict', 'erp:restrict']);
    expect(planTasks(ready('objection', { processing: 'direct_marketing' }), SYSTEMS, null)[0].params.scope).toBe('marketing');
    const lawful = ready('objection', { processing: 'legitimate_interest' });
    expect(keys(lawful)).toEqual([]);
    expect(keys(lawful, 'stop')).toEqual(['crm:restrict', 'cctv:restrict']);
    expect(keys(lawful, 'compelling_grounds')).toEqual([]);
  });

  it('instructs the marketing processors of every system that lists them, only on an objection to direct marketing', () => {
    const gateway = { name: 'SMS-porten AS', contact: 'personvern@smsporten.example' };
    const systems = [
      system('crm', { connector: 'hubspot', purposes: ['direct marketing'], marketingProcessors: [gateway] }),
      // A manual system that names marketing channels is asked to stop them, whatever its purposes say.
      system('club', {
        purposes: ['customer club'],
        marketingChannels: ['post'],
        marketingProcessors: [{ name: 'Trykk og Post AS', contact: 'gdpr@trykk.example' }],
      }),
      system('cctv'),
    ];
    const plan = planTasks(ready('objection', { processing: 'direct_marketing' }), systems, null);
    expect(plan.map((task) => `${task.systemId}:${task.action}`)).toEqual(['crm:restrict', 'club:restrict', 'crm:instruct', 'club:instruct']);
    expect(plan[2].params).toEqual({ processors: ['SMS-porten AS'] });
    expect(planTasks(ready('objection', { processing: 'legitimate_interest' }), systems, 'stop').map((task) => task.action)).not.toContain('instruct');
    expect(planTasks(ready('erasure'), systems, null).map((task) => task.action)).not.toContain('instruct');
  });

  it('refuses a marketing processor without an e-mail address, or listed twice, naming the field', () => {
    const parsed = systemSchema.safeParse({
      ...system('crm'),
      purposes: ['direct marketing'],
      categories: ['contact details'],
      marketingProcessors: [
        { name: 'SMS-porten AS', contact: 'not an address' },
        { name: 'sms-porten as', contact: 'a@b.example' },
      ],
    });
    expect(parsed.success).toBe(false);
    const problems = parsed.error!.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    expect(problems).toEqual(expect.arrayContaining(['marketingProcessors.0.contact: must be the e-mail address the instruction goes to']));
    const twice = systemSchema.safeParse({
      ...system('crm'),
      marketingProcessors: [
        { name: 'SMS-porten AS', contact: 'a@b.example' },
        { name: 'sms-porten as', contact: 'c@d.example' },
      ],
    });
    expect(twice.error!.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)).toEqual([
      'marketingProcessors.1.name: "sms-porten as" is listed twice',
    ]);
  });

  it('reads rectification changes from either shape of the details', () => {
    expect(changesFrom({ field: 'phone', correctedValue: '+4791234567' })).toEqual({ phone: '+4791234567' });
    expect(changesFrom({ changes: { name: 'Kari Nordmann', email: 'kari@example.no' } })).toEqual({ name: 'Kari Nordmann', email: 'kari@example.no' });
    expect(keys(ready('rectification', { field: 'name', correctedValue: 'Kari' }))).toEqual(['crm:rectify', 'erp:rectify', 'cctv:rectify']);
  });

  it('passes the contested fields of a restriction to every restrict task, and none when all data is contested', () => {
    expect(contestedFields({ fields: ['phone', ' phone ', 'email', 3, 'note\nDSR X: all restricted'] })).toEqual(['phone', 'email']);
    expect(contestedFields({ fields: 'phone' })).toEqual([]);
    const one = planTasks(ready('restriction', { fields: ['phone'] }), SYSTEMS, null).filter((task) => task.action === 'restrict');
    expect(one.map((task) => task.params)).toEqual([
      { scope: 'processing', fields: ['phone'] },
      { scope: 'processing', fields: ['phone'] },
      { scope: 'processing', fields: ['phone'] },
    ]);
    expect(planTasks(ready('restriction'), SYSTEMS, null)[0].params).toEqual({ scope: 'processing' });
  });
});
