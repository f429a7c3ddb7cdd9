import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { pageText, postJson } from '../intake/intake-helpers';
import { SessionClient } from '../staff-ui/staff-session-client';
import { FixedClock } from '../support/fixed-clock';
import { waitUntil } from '../support/service-process';
import { PreservationService } from '../../src/connectors/manual/preservation.service';
import { seedVerifiedCases } from '../faults/fault-workers';
import { SmtpCapture, type CapturedMail } from '../support/smtp-capture';
import { TEST_ADMIN, adminAuth, startTestApp, type TestApp } from '../support/test-app';

const CCTV_OWNER = 'sikkerhet@grossist.example';
const PHONE_OWNER = 'it@grossist.example';
const FORM_OWNER = 'web@forhandler.example';
const RECEIVED = '2026-04-27T09:00:00.000Z';

/** A wholesaler's systems without an API: CCTV overwritten after 7 days, call logs kept 4 months,
 *  and a reseller's web-form records purged after 60 days. */
function dataMap(): string {
  const map = parse(readFileSync(join(__dirname, '..', '..', 'examples', 'auto-parts-wholesaler.yaml'), 'utf8'));
  const manual = (id: string, name: string, owner: string, period: string) => ({
    id,
    name,
    connector: 'manual',
    owner,
    categories: ['recordings and logs'],
    purposes: ['security and customer service'],
    legalBasis: 'GDPR art. 6(1)(f) legitimate interest',
    retention: { period, basis: 'deleted by routine' },
  });
  map.systems = [
    manual('cctv', 'CCTV at the counter', CCTV_OWNER, 'P7D'),
    manual('phone-logs', 'Call logs', PHONE_OWNER, 'P4M'),
    manual('web-form', 'Reseller web form', FORM_OWNER, 'P60D'),
  ];
  const file = join(mkdtempSync(join(tmpdir(), 'dsr-preserve-')), 'systems.yaml');
  writeFileSync(file, stringify(map));
  return file;
}

/**
 * Preservation from the moment of receipt (issue 14, point 2): the owners of systems whose routine
 * deletion would remove the person's records before the deadline are asked at once, before anyone
 * verified the request, with the days to keep computed from the records' own dates; a system whose
 * deletion comes after the deadline gets nothing until an extension brings it within; closing the
 * case tells the owners preservation may end. The clock is fixed at 27 April 2026.
 */
describe('preservation at receipt: CCTV, call logs, web form', () => {
  const smtp = new SmtpCapture();
  const clock = new FixedClock(new Date(RECEIVED));
  let stack: TestApp;
  let auth: { Authorization: string };

  beforeAll(async () => {
    stack = await startTestApp({ clock, env: { SMTP_URL: await smtp.start(), SYSTEMS_FILE: dataMap() } });
    auth = await adminAuth(stack.url);
    // Each owner reads their e-mails in their own language: the call-log and web-form owners have
    // English accounts; the CCTV owner has no account, so theirs are in the company's language (nb).
    for (const owner of [PHONE_OWNER, FORM_OWNER]) {
      await stack.dataSource.query(`INSERT INTO staff_users (email, name, role, password_hash, language) VALUES ($1, $1, 'owner', 'unused', 'en')`, [owner]);
    }
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
    await smtp.stop();
  });

  const outboxSettled = () =>
    waitUntil(
      async () => (await stack.dataSource.query(`SELECT count(*)::int AS n FROM outbound_emails WHERE status <> 'sent'`))[0].n === 0,
      20_000,
      'the outbox',
    );
  const mailsTo = (address: string, reference: string): CapturedMail[] => smtp.to(address).filter((mail) => mail.subject.includes(reference));
  const caseJson = async (reference: string) => (await fetch(`${stack.url}/api/v1/cases/${reference}`, { headers: auth })).json();
  const post = (path: string, body: unknown) => postJson(`${stack.url}${path}`, body, auth);

  let webCase: { reference: string };

  it('asks the CCTV and web-form owners at once, before verification, naming the days to keep; the call logs reach past the deadline', async () => {
    const created = await postJson(`${stack.url}/api/v1/requests`, {
      type: 'access',
      email: 'ola.kunde@example.no',
      name: 'Ola Kunde',
      details: { text: 'Film fra disken og skjemaet jeg sendte', period: { from: '2026-03-20', to: '2026-04-25' } },
    });
    expect(created.status).toBe(202);
    const { reference } = (await created.json()) as { reference: string };
    webCase = { reference };
    await waitUntil(async () => mailsTo(CCTV_OWNER, reference).length > 0 && mailsTo(FORM_OWNER, reference).length > 0, 20_000, 'the notices');
    await outboxSettled();
    const body = await caseJson(reference);
    expect(body.status).toBe('awaiting_verification');
    expect(body.deadlines.effective).toBe('2026-05-27');

    const [cctv, ...moreCctv] = mailsTo(CCTV_OWNER, reference);
    expect(moreCctv).toEqual([]);
    expect(cctv.subject).toBe(`[${reference}] BEVAR NÅ: CCTV at the counter 21. apr. 2026–25. apr. 2026`);
    // Footage before 21 April was overwritten before the request came (7 days before 27 April).
    expect(cctv.text).toContain('«CCTV at the counter» sletter eller overskriver opplysninger etter 7 dager.');
    expect(cctv.text).toContain(
      'Ta straks vare på opptak og opplysninger om personen fra og med 21. april 2026 til og med 25. april 2026. De første av dem slettes 28. april 2026.',
    );
    expect(cctv.text).toContain('Det som er fra før 21. april 2026, er allerede slettet etter rutinen.');
    expect(cctv.text).toContain('E-post: ola.kunde@example.no (oppgitt, ikke bekreftet)');
    expect(cctv.text).not.toContain('Preserve');

    const [form] = mailsTo(FORM_OWNER, reference);
    // A form record from 20 March under a 60-day purge is gone on 19 May, before the deadline of 27 May.
    expect(form.subject).toBe(`[${reference}] PRESERVE NOW: Reseller web form 20 Mar 2026–25 Apr 2026`);
    expect(form.text).toContain('"Reseller web form" deletes or overwrites data after 60 days.');
    expect(form.text).toContain('from 20 March 2026 to 25 April 2026 inclusive at once. The first of them is deleted on 19 May 2026.');
    expect(form.text).not.toContain('Ta straks vare');
    expect(form.text).not.toContain('already been deleted');
    // Call logs from 20 March are kept until 20 July, after the deadline: no notice.
    expect(mailsTo(PHONE_OWNER, reference)).toEqual([]);
  }, 60_000);

  it('refuses record dates that are not dates, naming the field', async () => {
    const wrongOrder = await postJson(`${stack.url}/api/v1/requests`, {
      type: 'access',
      email: 'kari@example.no',
      details: { period: { from: '2026-04-25', to: '2026-04-20' } },
    });
    expect(wrongOrder.status).toBe(400);
    expect(JSON.stringify(await wrongOrder.json())).toContain('details.period.to');
    const notADate = await post('/api/v1/cases', {
      type: 'access',
      channel: 'phone',
      receivedAt: RECEIVED,
      subject: { phone: '+4791234567' },
      details: { recordDates: ['2026-04-01', '2026-13-01'] },
    });
    expect(notADate.status).toBe(400);
    const problem = JSON.stringify(await notADate.json());
    expect(problem).toContain('details.recordDates[1]');
    expect(problem).toContain('must be a date (YYYY-MM-DD)');
  });

  it('records footage and form entries already gone at receipt instead of asking, and preserves the older call log once', async () => {
    const created = await post('/api/v1/cases', {
      type: 'access',
      channel: 'phone',
      receivedAt: RECEIVED,
      subject: { phone: '+4791234567', name: 'Kari Nordmann' },
      details: { recordDates: ['2026-01-05'] },
      identityVerified: { method: 'called back on the number in the customer file' },
    });
    expect(created.status).toBe(201);
    const { reference } = (await created.json()) as { reference: string };
    await waitUntil(async () => mailsTo(PHONE_OWNER, reference).length > 0, 20_000, 'the call-log notice');
    // Verified at registration: fan-out gives each system a task; wait for the owners' task e-mails.
    await waitUntil(
      async () => ((await caseJson(reference)).tasks ?? []).filter((task: { status: string }) => task.status === 'manual').length === 3,
      30_000,
      'tasks',
    );
    await outboxSettled();

    const phone = mailsTo(PHONE_OWNER, reference);
    const notices = phone.filter((mail) => mail.subject.includes('PRESERVE NOW'));
    expect(notices).toHaveLength(1);
    expect(notices[0].text).toContain('from 5 January 2026 to 5 January 2026 inclusive at once. The first of them is deleted on 5 May 2026.');
    // The task e-mail refers to the notice instead of repeating it.
    const task = phone.find((mail) => mail.subject.includes('] Task: Call logs (access)'))!;
    expect(task.text).toContain(
      'You were asked on 27 April 2026 (separate e-mail) to preserve the records from 5 January 2026 to 5 January 2026 in "Call logs"; that still applies.',
    );
    expect(mailsTo(CCTV_OWNER, reference).map((mail) => mail.subject)).toEqual([`[${reference}] Oppgave: CCTV at the counter (innsyn)`]);
    expect(mailsTo(FORM_OWNER, reference).map((mail) => mail.subject)).toEqual([`[${reference}] Task: Reseller web form (access)`]);
    for (const owner of [CCTV_OWNER, FORM_OWNER]) expect(mailsTo(owner, reference)[0].text).not.toMatch(/PRESERVE|BEVAR/);
    const audit = (await (await fetch(`${stack.url}/api/v1/cases/${reference}/audit`, { headers: auth })).json()).items as Array<{
      type: string;
      data: Record<string, unknown>;
    }>;
    expect(audit.filter((event) => event.type === 'preservation.not_held').map((event) => event.data)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ system: 'cctv', disposition: 'routine_deletion', goneOn: '2026-01-12' }),
        expect.objectContaining({ system: 'web-form', disposition: 'routine_deletion', goneOn: '2026-03-06' }),
      ]),
    );

    const staff = new SessionClient(stack.url);
    await staff.signIn(TEST_ADMIN.email, TEST_ADMIN.password);
    const page = pageText(await (await staff.get(`/staff/cases/${reference}`)).text());
    expect(page).toContain('Bevaring');
    expect(page).toMatch(/Call logs\s*: 5\. jan\. 2026 – 5\. jan\. 2026\s*\. Bedt om 27\. apr\. 2026 kl\. \d\d:\d\d\s*; første dag i fare 5\. mai 2026/);
    expect(page).toMatch(/CCTV at the counter\s*: 5\. jan\. 2026 – 5\. jan\. 2026\s*\. Allerede slettet etter rutinen 12\. jan\. 2026/);
  }, 90_000);

  it('asks the call-log owner when an extension brings its deletion within the deadline', async () => {
    const extended = await post(`/api/v1/cases/${webCase.reference}/extend`, { reason: 'Mange opptak å gå gjennom fra flere kameraer' });
    expect(extended.status).toBe(200);
    expect((await extended.json()).deadlines.effective).toBe('2026-07-27');
    await waitUntil(async () => mailsTo(PHONE_OWNER, webCase.reference).length > 0, 20_000, 'the call-log notice');
    await outboxSettled();
    const [phone] = mailsTo(PHONE_OWNER, webCase.reference);
    expect(phone.text).toContain('its deadline is 27 July 2026');
    expect(phone.text).toContain('from 20 March 2026 to 25 April 2026 inclusive at once. The first of them is deleted on 20 July 2026.');
    // The owners already asked are not asked again.
    expect(mailsTo(CCTV_OWNER, webCase.reference)).toHaveLength(1);
    expect(mailsTo(FORM_OWNER, webCase.reference)).toHaveLength(1);
  }, 60_000);

  it('tells each owner asked to preserve that it may end when the case closes', async () => {
    clock.set('2026-05-04T10:00:00.000Z');
    auth = await adminAuth(stack.url);
    const withdrawn = await post(`/api/v1/cases/${webCase.reference}/withdraw`, { reason: 'Trukket tilbake av personen på telefon' });
    expect(withdrawn.status).toBe(200);
    await waitUntil(async () => mailsTo(PHONE_OWNER, webCase.reference).length === 2, 20_000, 'the end notices');
    await outboxSettled();
    const cctv = mailsTo(CCTV_OWNER, webCase.reference);
    expect(cctv).toHaveLength(2);
    expect(cctv[1].subject).toBe(`[${webCase.reference}] Bevaring kan avsluttes: CCTV at the counter`);
    expect(cctv[1].text).toContain(`Sak ${webCase.reference} ble avsluttet 4. mai 2026.`);
    expect(cctv[1].text).toContain('bevaringen kan avsluttes');
    for (const owner of [FORM_OWNER, PHONE_OWNER]) {
      const mails = mailsTo(owner, webCase.reference);
      expect(mails).toHaveLength(2);
      expect(mails[1].subject).toContain('Preservation may end');
      expect(mails[1].text).toContain(`Case ${webCase.reference} closed on 4 May 2026.`);
      expect(mails[1].text).toContain('the preservation may end');
    }
  }, 60_000);

  it('the reconciliation pass makes the check a lost event never made, once', async () => {
    // A case committed by a process that died before publishing: no check, no notice.
    const [id] = await seedVerifiedCases(
      stack,
      [{ name: 'Lise Tapt', email: 'lise.tapt@example.no', phone: '+4790000000', customerNo: 1, invoices: [] }],
      'access',
    );
    const [{ reference }] = await stack.dataSource.query('SELECT reference FROM cases WHERE id = $1', [id]);
    const preservation = stack.context.get(PreservationService);
    await preservation.rebuild();
    await outboxSettled();
    expect(mailsTo(CCTV_OWNER, reference).map((mail) => mail.subject)).toEqual([expect.stringContaining('BEVAR NÅ')]);
    for (const owner of [PHONE_OWNER, FORM_OWNER])
      expect(mailsTo(owner, reference).map((mail) => mail.subject)).toEqual([expect.stringContaining('PRESERVE NOW')]);
    await preservation.rebuild();
    await outboxSettled();
    for (const owner of [CCTV_OWNER, PHONE_OWNER, FORM_OWNER]) expect(mailsTo(owner, reference)).toHaveLength(1);
  }, 60_000);

  it('the staff registration form takes the days the footage is from, and refuses them in the wrong order', async () => {
    clock.set(RECEIVED);
    const staff = new SessionClient(stack.url);
    await staff.signIn(TEST_ADMIN.email, TEST_ADMIN.password);
    const fields = { type: 'access', channel: 'in_person', receivedDate: '2026-04-27', name: 'Nils Disk', phone: '+4792222222', language: 'nb' };
    const wrong = await staff.submit('/staff/cases/new', '/staff/cases', { ...fields, recordsFrom: '2026-04-25', recordsTo: '2026-04-24' });
    expect(wrong.status).toBe(400);
    const page = await wrong.text();
    expect(pageText(page)).toContain('Sluttdatoen kan ikke være før startdatoen.');
    expect(page).toContain('value="2026-04-25"');

    const created = await staff.submit('/staff/cases/new', '/staff/cases', { ...fields, recordsFrom: '2026-04-24', recordsTo: '2026-04-25' });
    expect(created.status).toBe(303);
    const reference = /\/staff\/cases\/([^?]+)/.exec(created.headers.get('location')!)![1];
    await waitUntil(async () => mailsTo(CCTV_OWNER, reference).length > 0, 20_000, 'the CCTV notice');
    await outboxSettled();
    expect(mailsTo(CCTV_OWNER, reference)[0].text).toContain('fra og med 24. april 2026 til og med 25. april 2026. De første av dem slettes 1. mai 2026.');
    // Footage from 24–25 April reaches the web form's and call log's purges only after the deadline.
    expect(mailsTo(FORM_OWNER, reference)).toEqual([]);
    expect(mailsTo(PHONE_OWNER, reference)).toEqual([]);
  }, 60_000);
});
