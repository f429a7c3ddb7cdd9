import { LegalHoldService } from '../../src/connectors/holds/legal-hold.service';
import { JobName, QueueName, jobIds } from '../../src/queues/queue-catalogue';
import { FixedClock } from '../support/fixed-clock';
import { queueOf } from '../support/queues';
import { waitUntil } from '../support/service-process';
import { languageLeaks } from '../support/language-leaks';
import { SmtpCapture } from '../support/smtp-capture';
import { adminAuth, startTestApp, type TestApp } from '../support/test-app';
import {
  api,
  registration,
  searchDone,
  settled,
  simulatorSecrets,
  startSimulators,
  taskOf,
  waitForCase,
  writeDataMap,
  type Api,
  type Simulators,
} from './fanout-stack';
import { vismaSeed, type TestPerson } from './norwegian-people';

const PREFIX = 'HOLD_EXPIRY_E2E';
const OWNER = 'regnskap@firma.example';
/** associateNo = index + 1 (vismaSeed). */
const PEOPLE: TestPerson[] = [
  {
    name: 'Kari Nordmann',
    email: 'kari.hold@example.no',
    phone: '+4791234001',
    customerNo: 30001,
    invoices: [
      { voucherDate: 20250314, amount: 1250 },
      { voucherDate: 20250401, amount: -1250 },
    ],
  },
  { name: 'Ingrid Johansen', email: 'ingrid.hold@example.no', phone: '+4791234002', customerNo: 30002, invoices: [{ voucherDate: 20250610, amount: 990 }] },
  {
    name: 'Per Olsen',
    email: 'per.hold@example.no',
    phone: '+4791234003',
    customerNo: 30003,
    invoices: [
      { voucherDate: 20240110, amount: 300 },
      { voucherDate: 20240201, amount: -300 },
      { voucherDate: 20250314, amount: 700 },
      { voucherDate: 20250401, amount: -700 },
    ],
  },
];
const [KARI, INGRID, PER] = PEOPLE;

interface HoldBody {
  id: string;
  records: string;
  until: string;
  status: string;
  outcome?: { status: string; summary: string; dispositions?: unknown[] };
}

/**
 * Records kept under bokføringsloven § 13 are erased when the hold ends. Erasure blanked the
 * customer's e-mail and phone, so the job finds the records by the Visma numbers stored on the hold.
 * The engine's clock is moved past the end date and the hold's own delayed job is run.
 */
describe('legal hold expiry: the scheduled deletion really deletes', () => {
  const smtp = new SmtpCapture();
  const clock = new FixedClock(new Date());
  const secrets = simulatorSecrets(PREFIX);
  let sims: Simulators;
  let stack: TestApp;
  let auth: { Authorization: string };
  let client: Api;

  beforeAll(async () => {
    Object.assign(process.env, secrets);
    sims = await startSimulators({ visma: { ...vismaSeed(PEOPLE), now: () => clock.now() } });
    stack = await startTestApp({
      clock,
      env: { SMTP_URL: await smtp.start(), SYSTEMS_FILE: writeDataMap(sims, PREFIX, ['visma']), CONNECTOR_INLINE_RETRY_WAIT_MS: '0', TASK_BACKOFF_MS: '100' },
    });
    auth = await adminAuth(stack.url);
    client = api(stack.url, () => auth);
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
    await sims?.close();
    await smtp.stop();
    for (const name of Object.keys(secrets)) delete process.env[name];
  });

  const erase = async (person: TestPerson) => {
    const created = await client.post('/api/v1/cases', registration('erasure', person));
    expect(created.status).toBe(201);
    const { reference } = (await created.json()) as { reference: string };
    // Approval is of the records found: once every system's search is done.
    await waitForCase(client, reference, searchDone);
    expect((await client.post(`/api/v1/cases/${reference}/approve`, {})).status).toBe(200);
    const body = await waitForCase(client, reference, settled);
    expect(taskOf(body, 'visma').status).toBe('retained');
    return reference;
  };
  const holdsOf = async (reference: string): Promise<HoldBody[]> => (await (await client.get(`/api/v1/cases/${reference}/legal-holds`)).json()).items;
  const auditTypes = async (reference: string): Promise<string[]> =>
    ((await (await client.get(`/api/v1/cases/${reference}/audit`)).json()).items as Array<{ type: string }>).map((event) => event.type);
  /** Moves the engine's clock (and so the simulator's) and signs in again: staff tokens expire too. */
  const moveClockTo = async (instant: string) => {
    clock.set(instant);
    auth = await adminAuth(stack.url);
  };
  /** Runs the hold's own delayed job now and waits until the hold shows `check`. */
  const runHoldJob = async (reference: string, hold: HoldBody, check: (hold: HoldBody) => boolean) => {
    const job = await queueOf(stack.context, QueueName.Fanout).getJob(jobIds.legalHold(hold.id));
    expect(job?.name).toBe(JobName.LegalHoldExpiry);
    expect(await job!.getState()).toBe('delayed');
    await job!.promote();
    await waitUntil(async () => check((await holdsOf(reference)).find((item) => item.id === hold.id)!), 30_000, 'the hold job');
    return (await holdsOf(reference)).find((item) => item.id === hold.id)!;
  };
  const associate = (no: number) => sims.visma.state.associates.find((row) => row.associateNo === no);

  it('erases the kept customer once the hold ends; a newer ledger entry first moves the date; the audit trail shows it', async () => {
    const reference = await erase(KARI);
    const [hold] = await holdsOf(reference);
    expect(hold).toMatchObject({ records: 'invoices and customer ledger entries, financial year 2025', until: '2030-12-31', status: 'held' });
    expect(associate(1)).toMatchObject({ emailAddress: '', mobilePhone: '', name: KARI.name });
    const stored = await stack.dataSource.query('SELECT external_ids FROM legal_holds WHERE id = $1', [hold.id]);
    expect(stored[0].external_ids).toEqual({ associateNos: [1], contactNos: [] });

    // A credit note booked in 2026 for the same customer restarts the period for that year.
    sims.visma.state.customerTransactions.push({ customerNo: KARI.customerNo, voucherNo: 5999, voucherDate: 20260901, amountDomestic: 0 });
    await moveClockTo('2031-01-02T09:00:00Z');
    const moved = await runHoldJob(reference, hold, (item) => item.until !== '2030-12-31');
    expect(moved).toMatchObject({ status: 'held', until: '2031-12-31' });
    expect(associate(1)).toBeDefined();
    expect(sims.visma.calls.associateDeletes.get(1)).toBeUndefined();
    const rescheduled = await queueOf(stack.context, QueueName.Fanout).getJob(jobIds.legalHold(hold.id));
    expect(await rescheduled!.getState()).toBe('delayed');
    expect(await auditTypes(reference)).toContain('legal_hold.extended');

    await moveClockTo('2032-01-02T09:00:00Z');
    const released = await runHoldJob(reference, moved, (item) => item.status !== 'held');
    expect(released).toMatchObject({ status: 'released', outcome: { status: 'done' } });
    // What the end of the hold erased, as the case's letters and notices can state it.
    expect(released.outcome?.dispositions).toEqual([{ kind: 'erased', what: 'customer', count: 1 }]);
    expect(associate(1)).toBeUndefined();
    expect(sims.visma.calls.associateDeletes.get(1)).toBe(1);
    expect(await auditTypes(reference)).toContain('legal_hold.released');
    expect(smtp.to(OWNER).filter((mail) => mail.subject.includes(reference))).toEqual([]);

    // Reconciliation offers no job for a released hold, and nothing is deleted twice.
    await stack.context.get(LegalHoldService).rebuild();
    expect(
      await queueOf(stack.context, QueueName.Fanout)
        .getJob(jobIds.legalHold(hold.id))
        .then((job) => job?.getState()),
    ).not.toBe('delayed');
    expect(sims.visma.calls.associateDeletes.get(1)).toBe(1);
  }, 90_000);

  it('an open balance at the end of the hold goes to the system owner by e-mail', async () => {
    await moveClockTo(new Date().toISOString());
    const reference = await erase(INGRID);
    const [hold] = await holdsOf(reference);
    expect(hold).toMatchObject({ until: '2030-12-31', status: 'held' });

    await moveClockTo('2031-01-02T09:00:00Z');
    const ended = await runHoldJob(reference, hold, (item) => item.status !== 'held');
    expect(ended).toMatchObject({ status: 'needs_person', outcome: { status: 'manual' } });
    expect(ended.outcome!.summary).toContain('open balance');
    const mail = await smtp.waitFor((message) => message.to.includes(OWNER) && message.subject.includes(reference));
    expect(mail.subject).toContain('Slett etter oppbevaringsplikt');
    expect(mail.text).toContain('systemet krever at en person gjør det ferdig.');
    // The owner has no account: nb only, the connector's English summary left to the case page.
    expect(languageLeaks(`${mail.subject}\n${mail.text}`)).toEqual([]);
    expect(mail.text).not.toContain('open balance');
    expect(associate(2)).toMatchObject({ name: INGRID.name, emailAddress: '' });
    expect(sims.visma.calls.associateDeletes.get(2)).toBeUndefined();
    expect(await auditTypes(reference)).toContain('legal_hold.needs_person');
  }, 90_000);

  it('one hold per financial year: the earlier one waits for the later, then both end together and the customer is deleted once', async () => {
    await moveClockTo(new Date().toISOString());
    const reference = await erase(PER);
    const [fy2024, fy2025] = await holdsOf(reference);
    expect(fy2024).toMatchObject({ records: 'invoices and customer ledger entries, financial year 2024', until: '2029-12-31' });
    expect(fy2025).toMatchObject({ records: 'invoices and customer ledger entries, financial year 2025', until: '2030-12-31' });

    // Visma keeps the customer while the 2025 entries are held: the 2024 hold moves to their end.
    await moveClockTo('2030-01-02T09:00:00Z');
    expect(await runHoldJob(reference, fy2024, (item) => item.until !== '2029-12-31')).toMatchObject({ status: 'held', until: '2030-12-31' });
    expect(associate(3)).toBeDefined();

    await moveClockTo('2031-01-02T09:00:00Z');
    const jobs = await Promise.all([fy2024, fy2025].map((hold) => queueOf(stack.context, QueueName.Fanout).getJob(jobIds.legalHold(hold.id))));
    await Promise.all(jobs.map((job) => job!.promote()));
    await waitUntil(async () => (await holdsOf(reference)).every((item) => item.status !== 'held'), 30_000, 'both holds to end');
    expect((await holdsOf(reference)).map((item) => item.status)).toEqual(['released', 'released']);
    expect(associate(3)).toBeUndefined();
    expect(sims.visma.calls.associateDeletes.get(3)).toBe(1);
    expect((await auditTypes(reference)).filter((type) => type === 'legal_hold.released')).toHaveLength(2);
    expect(smtp.to(OWNER).filter((mail) => mail.subject.includes(reference))).toEqual([]);
  }, 90_000);
});
