import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { api, registration, waitForCase, type Api, type CaseBody } from '../fanout/fanout-stack';
import { SmtpCapture } from '../support/smtp-capture';
import { TEST_ADMIN, adminAuth, startTestApp, type TestApp } from '../support/test-app';
import { SessionClient, signedInStaff } from '../staff-ui/staff-session-client';

const CARRIER = 'personvern@fraktfirma.example';
const ACCOUNTANT = 'personvern@regnskapnord.example';
const TAX_AUTHORITY = 'post@skatteetaten.example';

/** A wholesaler's two systems without an API: the customer register (a carrier receives
 *  addresses, told in English) and the accounts (an accounting firm with a contact, told in
 *  Norwegian; the tax authority, only on request; a debt collector with no e-mail contact). */
function dataMap(): string {
  const common = { connector: 'manual', categories: ['contact details'], purposes: ['customer service'], legalBasis: 'GDPR art. 6(1)(b) contract' };
  const file = join(mkdtempSync(join(tmpdir(), 'dsr-art19-')), 'systems.yaml');
  writeFileSync(
    file,
    stringify({
      controller: { name: 'Delelageret AS', email: 'personvern@delelageret.example' },
      policy: { approvalRequired: [] },
      systems: [
        {
          id: 'crm',
          name: 'Kunderegister',
          owner: 'salg@delelageret.example',
          ...common,
          retention: { period: 'P2Y' },
          recipients: [{ name: 'Fraktfirma AS', role: 'carrier', email: CARRIER, language: 'en' }],
        },
        {
          id: 'accounting',
          name: 'Regnskap',
          owner: 'regnskap@delelageret.example',
          ...common,
          retention: { period: 'P5Y', basis: 'bokføringsloven § 13' },
          recipients: [
            { name: 'Regnskap Nord AS', role: 'accounting firm', email: ACCOUNTANT, language: 'nb' },
            { name: 'Skatteetaten', kind: 'authority-on-request', email: TAX_AUTHORITY },
            'Inkasso Nord AS (debt collection)',
          ],
        },
      ],
    }),
  );
  return file;
}

const VOUCHERS_KEPT = {
  kind: 'kept',
  what: 'voucher',
  count: 4,
  basis: 'legal_obligation',
  law: 'bokføringsloven § 13',
  until: '2031-12-31',
  allowedUse: 'bokføring, revisjon og skattekontroll',
};

describe('Art 19 notices from what the case changed (manual systems, real PostgreSQL/Redis/SMTP)', () => {
  const smtp = new SmtpCapture();
  let stack: TestApp;
  let client: Api;
  let people = 0;

  beforeAll(async () => {
    stack = await startTestApp({ env: { SMTP_URL: await smtp.start(), SYSTEMS_FILE: dataMap() } });
    const auth = await adminAuth(stack.url);
    client = api(stack.url, () => auth);
  });
  afterAll(async () => {
    await stack?.close();
    await smtp.stop();
  });

  /** Registers a case and records each system's outcome as its owner would; returns it settled. */
  const settledCase = async (type: string, language: 'nb' | 'en', outcomes: Record<string, unknown[]>, details: Record<string, unknown> = {}) => {
    people += 1;
    const person = { name: `Kari Nordmann ${people}`, email: `kari${people}@example.no`, phone: '+4791234567' };
    const created = await client.post('/api/v1/cases', { ...registration(type, person, details), language });
    expect(created.status).toBe(201);
    const { reference } = (await created.json()) as { reference: string };
    const waiting = await waitForCase(client, reference, (body) => body.tasks.length === 2 && body.tasks.every((task) => task.status === 'manual'));
    for (const task of waiting.tasks) {
      const recorded = await client.post(`/api/v1/cases/${reference}/tasks/${task.id}/outcome`, {
        summary: 'done by the owner',
        dispositions: outcomes[task.system],
      });
      expect(recorded.status).toBe(200);
    }
    await waitForCase(client, reference, (body) => body.status === 'awaiting_review');
    return { reference, person };
  };
  const noticesOf = async (reference: string): Promise<string[]> => {
    const rows = await stack.dataSource.query(
      `SELECT to_address FROM outbound_emails e JOIN cases c ON c.id = e.case_id WHERE c.reference = $1 AND e.kind = 'art19-notice' ORDER BY to_address`,
      [reference],
    );
    return rows.map((row: { to_address: string }) => row.to_address);
  };
  const recipientTasks = async (reference: string) =>
    (await (await client.get(`/api/v1/cases/${reference}/recipient-tasks`)).json()).items as Array<{
      id: string;
      recipient: string;
      status: string;
      systemName: string;
    }>;
  const audit = async (reference: string) =>
    (await (await client.get(`/api/v1/cases/${reference}/audit`)).json()).items as Array<{ type: string; data: unknown }>;

  it('an erasure that changed one of two systems: only that system’s recipient is told, in its language, of exactly what was erased', async () => {
    const { reference, person } = await settledCase('erasure', 'en', {
      crm: [{ kind: 'erased', what: 'customer', count: 1 }],
      accounting: [{ kind: 'not_held', reason: 'not_found' }],
    });
    const preview = await (await client.get(`/api/v1/cases/${reference}/letter`)).json();
    expect(preview.notices).toEqual([{ name: 'Fraktfirma AS', email: CARRIER, system: 'Kunderegister' }]);
    expect(preview.notNotified).toEqual([]);
    expect(await recipientTasks(reference)).toEqual([]);

    expect((await client.post(`/api/v1/cases/${reference}/complete`, {})).status).toBe(200);
    const notice = await smtp.waitFor((mail) => mail.to.includes(CARRIER) && mail.subject.includes(reference));
    expect(notice.subject).toBe(`Notice under GDPR Art 19 (${reference})`);
    expect(notice.text).toContain('Erased by us – please erase the copies of these you received as well:\n- 1 customer record');
    expect(notice.text).toContain(person.email);
    expect(notice.text).not.toMatch(/Kept|Slettet|do the same/);
    // The accounts were not changed: neither the accounting firm nor the tax authority hears of it.
    expect(await noticesOf(reference)).toEqual([CARRIER]);
  });

  it('a partial erasure: the accounting firm is told what was erased and which bookkeeping records are kept and must not be deleted; the tax authority gets nothing', async () => {
    const { reference } = await settledCase('erasure', 'nb', {
      crm: [{ kind: 'not_held', reason: 'not_found' }],
      accounting: [{ kind: 'erased', what: 'customer', count: 1 }, VOUCHERS_KEPT],
    });
    // The debt collector has no e-mail contact: completion waits until it is told by other means.
    const refused = await client.post(`/api/v1/cases/${reference}/complete`, {});
    expect(refused.status).toBe(409);
    expect((await refused.json()).message).toContain('tell Inkasso Nord AS of the change by other means');
    const [task] = await recipientTasks(reference);
    expect(task).toEqual(expect.objectContaining({ recipient: 'Inkasso Nord AS', systemName: 'Regnskap', status: 'open' }));
    const told = await client.post(`/api/v1/cases/${reference}/recipient-tasks/${task.id}/done`, {
      how: 'Ringte Inkasso Nord AS 4. desember og sendte varselet i posten.',
    });
    expect(told.status).toBe(200);
    expect((await told.json()).status).toBe('done');

    expect((await client.post(`/api/v1/cases/${reference}/complete`, {})).status).toBe(200);
    const notice = await smtp.waitFor((mail) => mail.to.includes(ACCOUNTANT) && mail.subject.includes(reference));
    expect(notice.subject).toBe(`Varsel etter personvernforordningen art. 19 (${reference})`);
    expect(notice.text).toContain('Slettet hos oss – slett også kopiene dere har fått av disse:\n- 1 kundeoppføring');
    expect(notice.text).toContain(
      'Beholdt – disse er IKKE slettet og skal ikke slettes, heller ikke hos dere:\n- 4 bilag (grunnlag: bokføringsloven § 13; oppbevares til og med 31. desember 2031; kan bare brukes til bokføring, revisjon og skattekontroll)',
    );
    expect(notice.text).not.toMatch(/gjøre det samme|do the same/);
    expect(await noticesOf(reference)).toEqual([ACCOUNTANT]);
    // The letter lists the recipients told: by e-mail, and the one told by other means.
    const letter = await smtp.waitFor(
      (mail) => mail.to.some((to) => to.startsWith('kari')) && mail.text.includes(reference) && mail.text.includes('Regnskap Nord AS'),
    );
    expect(letter.text).toContain('Inkasso Nord AS');
    expect(letter.text).not.toContain('Skatteetaten');
    const events = await audit(reference);
    expect(events.filter((event) => event.type === 'answer.recipient_told_otherwise').map((event) => event.data)).toEqual([
      { system: 'accounting', recipient: 'Inkasso Nord AS', recipientTaskId: task.id },
    ]);
    // Staff's note on how it was told stays on the task, out of the trail.
    expect(JSON.stringify(events)).not.toContain('Ringte');
  });

  it('a rectification: the recipient is told the field, old → new', async () => {
    const { reference } = await settledCase(
      'rectification',
      'en',
      {
        crm: [{ kind: 'corrected', what: 'customer', field: 'phone', old: '+4791234567', new: '+4799999999' }],
        accounting: [{ kind: 'not_held', reason: 'not_found' }],
      },
      { field: 'phone', correctedValue: '+4799999999' },
    );
    expect((await client.post(`/api/v1/cases/${reference}/complete`, {})).status).toBe(200);
    const notice = await smtp.waitFor((mail) => mail.to.includes(CARRIER) && mail.subject.includes(reference));
    expect(notice.text).toContain(
      'Corrected by us – please correct the data you received as well:\n- phone number (customer record): +4791234567 → +4799999999',
    );
    expect(notice.text).not.toContain('Erased by us');
  });

  it('the staff case page lists the recipient to tell, takes how it was told (field named when missing), and an auditor cannot settle it', async () => {
    const { reference } = await settledCase('restriction', 'en', {
      crm: [{ kind: 'not_held', reason: 'not_found' }],
      accounting: [{ kind: 'restricted', what: 'customer', count: 1, how: 'flagged restricted, hidden from invoicing runs' }],
    });
    const staff = new SessionClient(stack.url);
    expect((await staff.signIn(TEST_ADMIN.email, TEST_ADMIN.password)).status).toBe(303);
    const page = `/staff/cases/${reference}`;
    const html = await (await staff.get(page)).text();
    const section = /<section[^>]*data-testid="recipient-tasks"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    expect(section).toContain('<strong>Inkasso Nord AS</strong> (Regnskap)');
    const [task] = await recipientTasks(reference);
    const action = `/staff/cases/${reference}/recipient-tasks/${task.id}/done`;
    expect(section).toContain(`action="${action}"`);

    const empty = await staff.submit(page, action, { how: '' });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain(`id="recipient-how-${task.id}-error"`);
    const auditor = await signedInStaff(stack, 'revisor@delelageret.example', 'auditor');
    expect((await auditor.submit(page, action, { how: 'phoned them' })).status).toBe(403);

    const told = await staff.submit(page, action, { how: 'Phoned their office and posted the notice on 4 December.' });
    expect(told.status).toBe(303);
    const after = await (await staff.get(page)).text();
    // The staff pages speak Norwegian unless the user picks English.
    expect(after).toContain('varslet på annen måte – Phoned their office and posted the notice on 4 December.');
    expect(after).not.toContain(`action="${action}"`);
    expect((await client.post(`/api/v1/cases/${reference}/complete`, {})).status).toBe(200);
  });

  it('an uncontacted recipient waived with a reason: completion waits for it, and the letter never names it as told', async () => {
    const { reference } = await settledCase('erasure', 'en', {
      crm: [{ kind: 'not_held', reason: 'not_found' }],
      accounting: [{ kind: 'erased', what: 'customer', count: 1 }],
    });
    const preview = await (await client.get(`/api/v1/cases/${reference}/letter`)).json();
    expect(preview.notNotified).toEqual([{ name: 'Inkasso Nord AS', system: 'Regnskap' }]);
    const [task] = await recipientTasks(reference);

    const blocked = await client.post(`/api/v1/cases/${reference}/complete`, {});
    expect(blocked.status).toBe(409);
    expect(await blocked.json()).toEqual(expect.objectContaining({ code: 'recipients_untold' }));
    const noReason = await client.post(`/api/v1/cases/${reference}/recipient-tasks/${task.id}/waive`, {});
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(await noReason.json())).toContain('reason');
    expect((await client.post(`/api/v1/cases/${reference}/recipient-tasks/not-a-task/waive`, { reason: 'never received data' })).status).toBe(404);

    const waived = await client.post(`/api/v1/cases/${reference}/recipient-tasks/${task.id}/waive`, {
      reason: 'The debt collector never received this customer: no claims were sent in the period.',
    });
    expect(waived.status).toBe(200);
    const again = await client.post(`/api/v1/cases/${reference}/recipient-tasks/${task.id}/done`, { how: 'phoned them' });
    expect(again.status).toBe(409);
    expect(await again.json()).toEqual(expect.objectContaining({ code: 'recipient_task_settled' }));

    expect((await client.post(`/api/v1/cases/${reference}/complete`, {})).status).toBe(200);
    const letter = await smtp.waitFor(
      (mail) => mail.to.some((to) => to.startsWith('kari')) && mail.text.includes(reference) && mail.text.includes('Regnskap Nord AS'),
    );
    expect(letter.text).not.toContain('Inkasso Nord AS');
    expect((await audit(reference)).filter((event) => event.type === 'answer.recipient_waived').map((event) => event.data)).toEqual([
      { system: 'accounting', recipient: 'Inkasso Nord AS', recipientTaskId: task.id },
    ]);
    expect(await noticesOf(reference)).toEqual([ACCOUNTANT]);
    expect((await waitForCase(client, reference, (body: CaseBody) => body.status === 'completed')).status).toBe('completed');
  });
});
