import { readFileSync, writeFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { ReconciliationService } from '../../src/deadlines/alerts/reconciliation.service';
import {
  api,
  registration,
  searchDone,
  settled,
  simulatorSecrets,
  startSimulatorsWith,
  waitForCase,
  writeDataMap,
  type Api,
  type Simulators,
} from '../fanout/fanout-stack';
import { NORWEGIAN_PEOPLE } from '../fanout/norwegian-people';
import { FixedClock } from '../support/fixed-clock';
import { waitUntil } from '../support/service-process';
import { SmtpCapture } from '../support/smtp-capture';
import { adminAuth, startTestApp, type TestApp } from '../support/test-app';

const PREFIX = 'VISMA_FIELD_E2E';
const [KARI, OLA] = NORWEGIAN_PEOPLE;
const OWN_NOTE = 'Kunde siden 2019';

type AuditItem = { type: string; data: Record<string, unknown> };
type TaskItem = { system: string; action: string; status: string; outcome?: { dispositions?: unknown[] } };

/** Visma with the company's note field named in the data map (connection.annotationField). */
function withNoteField(file: string): string {
  const map = parse(readFileSync(file, 'utf8')) as { systems: Array<{ id: string; connection: Record<string, unknown> }> };
  for (const system of map.systems) if (system.id === 'visma') system.connection.annotationField = 'memo';
  writeFileSync(file, stringify(map));
  return file;
}

/**
 * Issue #14 "a one-field restriction with its lifting notice period", through REST without the plan
 * review: the restriction request names the contested field, the Visma restrict task notes only
 * that field on the one customer card, and the lift — only after the notice period — removes
 * exactly that note.
 */
describe('one-field restriction in Visma and its lift after the notice period (REST, simulator, SMTP, injected clock)', () => {
  const smtp = new SmtpCapture();
  const secrets = simulatorSecrets(PREFIX);
  const clock = new FixedClock(new Date());
  let sims: Simulators;
  let stack: TestApp;
  let client: Api;
  let auth: { Authorization: string };
  const card = (email: string) => sims.visma.state.associates.find((row) => row.emailAddress === email)!;

  beforeAll(async () => {
    Object.assign(process.env, secrets);
    sims = await startSimulatorsWith(NORWEGIAN_PEOPLE);
    for (const person of [KARI, OLA]) Object.assign(card(person.email), { phone: '22 33 44 55', memo: OWN_NOTE });
    stack = await startTestApp({
      clock,
      env: {
        SMTP_URL: await smtp.start(),
        SYSTEMS_FILE: withNoteField(writeDataMap(sims, PREFIX, ['visma'])),
        TASK_BACKOFF_MS: '100',
        CONNECTOR_INLINE_RETRY_WAIT_MS: '0',
      },
    });
    auth = await adminAuth(stack.url);
    client = api(stack.url, () => auth);
  });
  afterAll(async () => {
    await stack?.close();
    await sims?.close();
    await smtp.stop();
    for (const name of Object.keys(secrets)) delete process.env[name];
  });

  const auditOf = async (reference: string): Promise<AuditItem[]> =>
    ((await (await client.get(`/api/v1/cases/${reference}/audit`)).json()) as { items: AuditItem[] }).items;

  it('refuses contested fields that are not a list of field names, naming the bad one', async () => {
    const response = await fetch(`${stack.url}/api/v1/requests`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'restriction', email: OLA.email, details: { fields: ['phone', 'my phone!'] } }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { details: unknown }).details).toEqual([
      { field: 'details.fields[1]', problem: 'must be a list of at most 20 field names (a letter, then letters, digits or _), e.g. ["phone"]' },
    ]);
  });

  it('notes only the contested phone on the one card, and lifts exactly that note once the notice period is over', async () => {
    const registered = await client.post('/api/v1/cases', registration('restriction', OLA, { text: 'Telefonnummeret er feil.', fields: ['phone'] }));
    expect(registered.status).toBe(201);
    const { reference } = (await registered.json()) as { reference: string };
    const note = `DSR ${reference}: phone contested, restricted (Art 18(1)(a))`;
    await waitForCase(client, reference, searchDone);
    await client.post(`/api/v1/cases/${reference}/approve`, {});
    const answered = await waitForCase(client, reference, (body) => settled(body) && (body as unknown as { status: string }).status === 'awaiting_review');

    const task = (answered.tasks as TaskItem[]).find((item) => item.system === 'visma')!;
    expect(task).toMatchObject({ action: 'restrict', status: 'done' });
    expect(task.outcome?.dispositions).toEqual([
      {
        kind: 'restricted',
        what: 'customer',
        count: 1,
        how: 'phone number marked as contested in a note on this record in Visma Business: not used until its accuracy is settled; the rest of the record is not restricted',
      },
    ]);
    // One line on Ola's card, nothing flagged; Kari (same landline, not the subject) untouched.
    expect(card(OLA.email)).toMatchObject({ memo: `${OWN_NOTE}\n${note}`, processingRestricted: false, noMarketing: false, phone: '22 33 44 55' });
    expect(card(KARI.email)).toMatchObject({ memo: OWN_NOTE, processingRestricted: false });

    expect((await client.post(`/api/v1/cases/${reference}/complete`, {})).status).toBe(200);
    const decided = await client.post(`/api/v1/cases/${reference}/lift-restriction`, { reason: 'The phone number was checked against the signed contract.' });
    expect(decided.status).toBe(202);
    const { liftOn } = (await decided.json()) as { liftOn: string };
    const notice = await smtp.waitFor((mail) => mail.to.includes(OLA.email) && mail.subject.includes('Begrensningen av behandlingen oppheves'));
    expect(notice.text).toContain('Visma Business NXT');
    // The notice has gone out, but its period has not ended: the note stays.
    expect(card(OLA.email).memo).toBe(`${OWN_NOTE}\n${note}`);

    clock.set(`${liftOn}T12:00:00Z`);
    auth = await adminAuth(stack.url);
    await stack.context.get(ReconciliationService).reconcile();
    await waitUntil(async () => (await auditOf(reference)).some((event) => event.type === 'restriction.lifted'), 20_000);
    expect(card(OLA.email)).toMatchObject({ memo: OWN_NOTE, processingRestricted: false, phone: '22 33 44 55' });
    expect(card(KARI.email).memo).toBe(OWN_NOTE);
    const lifted = (await auditOf(reference)).find((event) => event.type === 'restriction.lifted')!;
    // Visma lifted its own note: no task for the system owner.
    expect(lifted.data).toMatchObject({ liftedBySystem: ['visma'], ownerTasks: [] });
  });
});
