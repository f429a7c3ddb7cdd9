import { pageText, postJson } from '../intake/intake-helpers';
import { SessionClient } from '../staff-ui/staff-session-client';
import { FixedClock } from '../support/fixed-clock';
import { pdfText } from '../support/pdf-pages';
import { waitUntil } from '../support/service-process';
import { SmtpCapture } from '../support/smtp-capture';
import { TEST_ADMIN, adminAuth, startTestApp, type TestApp } from '../support/test-app';

/**
 * An extension for a request that came by phone, with no e-mail address (issue 14, point 5): the
 * requester is not recorded as told when the deadline is extended; the letter is there to print
 * and post, the case shows the task to post it, and "told" is recorded when a person marks it posted.
 */
describe('extension notice by post for a case without e-mail', () => {
  const smtp = new SmtpCapture();
  const clock = new FixedClock(new Date('2026-04-27T09:00:00.000Z'));
  let stack: TestApp;
  let auth: { Authorization: string };

  beforeAll(async () => {
    stack = await startTestApp({ clock, env: { SMTP_URL: await smtp.start() } });
    auth = await adminAuth(stack.url);
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
    await smtp.stop();
  });

  const api = (path: string, init: RequestInit = {}) => fetch(`${stack.url}${path}`, { ...init, headers: { ...auth, ...(init.headers ?? {}) } });
  const caseJson = async (reference: string) => (await api(`/api/v1/cases/${reference}`)).json();
  const register = async (subject: Record<string, string>, extra: Record<string, unknown> = {}) => {
    const created = await postJson(
      `${stack.url}/api/v1/cases`,
      { type: 'access', receivedAt: '2026-04-27T08:30:00.000Z', subject, identityVerified: { method: 'called back on the number on file' }, ...extra },
      auth,
    );
    expect(created.status).toBe(201);
    return ((await created.json()) as { reference: string }).reference;
  };
  const extend = (reference: string) => postJson(`${stack.url}/api/v1/cases/${reference}/extend`, { reason: 'Opptakene må gås gjennom for hånd' }, auth);

  it('a phone request without e-mail: extended but not told; the letter is a PDF to post and a task on the case', async () => {
    const reference = await register({ name: 'Per Telefon', phone: '+4791234567' }, { channel: 'phone', postalAddress: 'Storgata 1\n0155 Oslo' });
    const extended = await extend(reference);
    expect(extended.status).toBe(200);
    const body = await caseJson(reference);
    expect(body.deadlines.extended).toBe('2026-07-27');
    expect(body.extension).toEqual({
      reason: 'Opptakene må gås gjennom for hånd',
      notifiedAt: null,
      notifiedBy: null,
      toPost: {
        task: 'post_extension_letter',
        letter: `/api/v1/cases/${reference}/extension-letter.pdf`,
        markPosted: `/api/v1/cases/${reference}/extension-letter/posted`,
      },
    });
    await waitUntil(
      async () => (await stack.dataSource.query(`SELECT count(*)::int AS n FROM outbound_emails WHERE status <> 'sent'`))[0].n === 0,
      20_000,
      'the outbox',
    );
    const mails = await stack.dataSource.query(`SELECT kind FROM outbound_emails e JOIN cases c ON c.id = e.case_id WHERE c.reference = $1`, [reference]);
    expect(mails.map((mail: { kind: string }) => mail.kind)).not.toContain('requester-extension');

    const pdf = await api(body.extension.toPost.letter);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toContain('application/pdf');
    const text = await pdfText(Buffer.from(await pdf.arrayBuffer()));
    expect(text).toContain('Per Telefon');
    expect(text).toContain('Storgata 1');
    expect(text).toContain('0155 Oslo');
    expect(text).toContain(`Vi trenger mer tid for å svare på forespørselen din om å`);
    expect(text).toContain(`(referanse ${reference}), mottatt 27. april 2026.`);
    expect(text).toContain('Grunnen er: Opptakene må gås gjennom for hånd');
    expect(text).toContain('Ny frist er 27. juli 2026.');
    expect(text).toContain('klage til Datatilsynet');

    const staff = new SessionClient(stack.url);
    await staff.signIn(TEST_ADMIN.email, TEST_ADMIN.password);
    const page = pageText(await (await staff.get(`/staff/cases/${reference}`)).text());
    expect(page).toContain('Send brevet om forlengelsen i posten');
    expect(page).toContain('Registrer som sendt i posten');
    const staffPdf = await staff.get(`/staff/cases/${reference}/answer/extension-letter.pdf`);
    expect(staffPdf.status).toBe(200);
    expect(await pdfText(Buffer.from(await staffPdf.arrayBuffer()))).toContain('Grunnen er: Opptakene må gås gjennom for hånd');
  }, 60_000);

  it('records the requester as told once someone marks the letter posted, once', async () => {
    const reference = await register({ name: 'Kari Brev' }, { channel: 'letter', postalAddress: 'Kirkeveien 2, 0368 Oslo' });
    const staff = new SessionClient(stack.url);
    await staff.signIn(TEST_ADMIN.email, TEST_ADMIN.password);
    const extendedOnPage = await staff.submit(`/staff/cases/${reference}`, `/staff/cases/${reference}/extend`, { reason: 'Opptakene må gås gjennom for hånd' });
    expect(extendedOnPage.status).toBe(303);
    const told = pageText(await (await staff.get(extendedOnPage.headers.get('location')!)).text());
    expect(told).toContain('Den registrerte har ingen e-postadresse: send brevet om forlengelsen i posten og registrer det.');
    clock.set('2026-04-28T07:15:00.000Z');
    auth = await adminAuth(stack.url);
    // A day later, a new session (the first one's idle time ran out on the moved clock).
    const nextDay = new SessionClient(stack.url);
    await nextDay.signIn(TEST_ADMIN.email, TEST_ADMIN.password);
    const posted = await nextDay.submit(`/staff/cases/${reference}`, `/staff/cases/${reference}/extension-letter/posted`, {});
    expect([200, 303]).toContain(posted.status);
    const body = await caseJson(reference);
    expect(body.extension).toEqual({ reason: 'Opptakene må gås gjennom for hånd', notifiedAt: '2026-04-28T07:15:00.000Z', notifiedBy: 'post' });
    const page = pageText(await (await nextDay.get(`/staff/cases/${reference}`)).text());
    expect(page).not.toContain('Send brevet om forlengelsen i posten');
    expect(page).toContain('(brev i posten)');

    const again = await postJson(`${stack.url}/api/v1/cases/${reference}/extension-letter/posted`, {}, auth);
    expect(again.status).toBe(409);
    expect(JSON.stringify(await again.json())).toContain('already told');
    const audit = (await (await api(`/api/v1/cases/${reference}/audit`)).json()).items as Array<{ type: string; data: Record<string, unknown> }>;
    expect(audit.filter((event) => event.type === 'case.extension_notified')).toEqual([expect.objectContaining({ data: { by: 'post' } })]);
    expect(audit.some((event) => event.type === 'extension.letter_downloaded')).toBe(false);
  }, 60_000);

  it('the API marks it posted too; a case with e-mail is told by e-mail at once and has nothing to post', async () => {
    const byPhone = await register({ name: 'Ola Post', phone: '+4798765432' }, { channel: 'phone', postalAddress: 'Lagerveien 4, 2010 Strømmen' });
    expect((await extend(byPhone)).status).toBe(200);
    const marked = await postJson(`${stack.url}/api/v1/cases/${byPhone}/extension-letter/posted`, {}, auth);
    expect(marked.status).toBe(200);
    expect((await marked.json()).extension).toMatchObject({ notifiedBy: 'post', notifiedAt: expect.any(String) });

    const byMail = await register({ email: 'eva.epost@example.no' }, { channel: 'email' });
    expect((await extend(byMail)).status).toBe(200);
    const body = await caseJson(byMail);
    expect(body.extension).toEqual({ reason: 'Opptakene må gås gjennom for hånd', notifiedAt: expect.any(String), notifiedBy: 'email' });
    await waitUntil(async () => smtp.to('eva.epost@example.no').some((mail) => mail.subject.includes('Vi trenger mer tid')), 20_000, 'the extension e-mail');
    const refused = await postJson(`${stack.url}/api/v1/cases/${byMail}/extension-letter/posted`, {}, auth);
    expect(refused.status).toBe(409);
  }, 60_000);
});
