import { postJson } from '../intake/intake-helpers';
import { waitUntil } from '../support/service-process';
import { languageLeaks, visibleText, type Leak } from '../support/language-leaks';
import { SmtpCapture } from '../support/smtp-capture';
import { adminAuth, startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app';
import { SessionClient } from './staff-session-client';

/**
 * Issue 17: "A test fails on any English word in a rendered Norwegian page or e-mail from a list of
 * known leaks, and on any ISO-8601 duration in rendered text." Every staff page, signed in as a
 * Norwegian-speaking admin over HTTP, on cases of every request type with tasks in every state,
 * and every e-mail those cases sent (the requesters asked in Norwegian, the staff accounts are nb).
 */
const ENGLISH_OWNER = 'it@eksempel.no';
/** The subject of an e-mail to the English owner (they own the phone logs), as the case page lists it. */
const ENGLISH_SUBJECT = /\] (?:Task|PRESERVE NOW): Phone system call logs /;

describe('no English in Norwegian staff pages and e-mails (real app, PostgreSQL, SMTP)', () => {
  const smtp = new SmtpCapture();
  let stack: TestApp;
  let auth: { Authorization: string };
  let admin: SessionClient;
  const references: string[] = [];

  beforeAll(async () => {
    stack = await startTestApp({ env: { SMTP_URL: await smtp.start() } });
    auth = await adminAuth(stack.url);
    admin = new SessionClient(stack.url);
    await admin.signIn(TEST_ADMIN.email, TEST_ADMIN.password);
    // One owner reads English: their e-mails are in English and left out of the Norwegian check.
    await stack.dataSource.query(`INSERT INTO staff_users (email, name, role, password_hash, language) VALUES ($1, 'IT', 'owner', 'unused', 'en')`, [
      ENGLISH_OWNER,
    ]);
  });
  afterAll(async () => {
    await stack.close();
    await smtp.stop();
  });

  const register = async (type: string, details: Record<string, unknown> = {}) => {
    const created = await postJson(
      `${stack.url}/api/v1/cases`,
      {
        type,
        channel: 'letter',
        receivedAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
        language: 'nb',
        subject: { email: `${type}@example.no`, name: 'Kari Nordmann', phone: '+47 912 34 567' },
        identityVerified: { method: 'signert brev' },
        details,
      },
      auth,
    );
    expect(created.status).toBe(201);
    const body = (await created.json()) as { reference: string };
    references.push(body.reference);
    return body.reference;
  };

  const tasksOf = async (reference: string) =>
    (await (await fetch(`${stack.url}/api/v1/cases/${reference}`, { headers: auth })).json()).tasks as Array<{ id: string; status: string }>;

  const settled = async (reference: string) => {
    for (let round = 0; round < 300; round++) {
      const tasks = await tasksOf(reference);
      if (tasks.length > 0 && tasks.every((task) => task.status === 'manual')) return tasks;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`tasks of ${reference} did not settle`);
  };

  const leaksIn = (where: string, text: string): string[] => languageLeaks(text).map((leak: Leak) => `${where}: «${leak.found}» in …${leak.context}…`);

  it('the detector finds a planted leak and a planted duration, and passes clean Norwegian', () => {
    expect(languageLeaks('Oppgaven venter: export av opplysninger').map((leak) => leak.found)).toEqual(['export']);
    expect(languageLeaks('Opptak overskrives etter P7D.').map((leak) => leak.found)).toEqual(['P7D']);
    expect(languageLeaks('Beholdes i PT24H, deretter P3Y6M').map((leak) => leak.found)).toEqual(['PT24H', 'P3Y6M']);
    expect(languageLeaks('Waiting for kontor@eksempel.no').map((leak) => leak.found)).toEqual(['Waiting for']);
    expect(languageLeaks('Opptak overskrives etter 7 dager. Eksporter opplysningene, referanse DSR-2026-000001.')).toEqual([]);
    expect(leaksIn('page', visibleText('<p title="Task failed">Feilet</p>'))).toHaveLength(2);
  });

  it('renders every staff page and every e-mail in Norwegian without a known English word or an ISO duration', async () => {
    const access = await register('access');
    const erasure = await register('erasure');
    await register('rectification', { corrections: [{ field: 'phone', value: '+47 912 34 568' }] });
    await register('restriction');
    await register('objection', { processing: 'direct_marketing' });
    await register('portability');
    const accessTasks = await settled(access);
    // Tasks in every state, as a connector or an owner would leave them.
    const states: Array<[string, Record<string, unknown>, string | null]> = [
      ['done', { status: 'done', summary: 'Fant 3 henvendelser.' }, null],
      ['failed', { status: 'failed' }, 'ECONNREFUSED'],
      ['not_found', { status: 'not_found', summary: 'Ingen opplysninger.' }, null],
      ['pending', {}, null],
      ['running', {}, null],
    ];
    for (const [index, [status, outcome, error]] of states.entries()) {
      const task = accessTasks[index];
      if (!task) break;
      await stack.dataSource.query('UPDATE case_tasks SET status = $2, outcome = $3, error = $4 WHERE id = $1', [task.id, status, outcome, error]);
    }
    await postJson(`${stack.url}/api/v1/cases/${erasure}/approve`, {}, auth);

    const pages = [
      '/staff',
      '/staff?status=open',
      '/staff/tasks',
      '/staff/users',
      '/staff/systems',
      '/staff/account',
      '/staff/cases/new',
      ...references.map((ref) => `/staff/cases/${ref}`),
    ];
    const leaks: string[] = [];
    for (const path of pages) {
      const response = await admin.get(path);
      expect(`${path} ${response.status}`).toBe(`${path} 200`);
      const html = await response.text();
      expect(html).toContain('<html lang="nb">');
      // The case page lists each e-mail by the subject it went out with: the English owner's stay English.
      leaks.push(...leaksIn(path, visibleText(html)).filter((leak) => !ENGLISH_SUBJECT.test(leak)));
    }
    const visitor = new SessionClient(stack.url);
    leaks.push(...leaksIn('/staff/login', visibleText(await (await visitor.get('/staff/login')).text())));

    await waitUntil(
      async () => (await stack.dataSource.query(`SELECT count(*)::int AS n FROM outbound_emails WHERE status <> 'sent'`))[0].n === 0,
      20_000,
      'the outbox',
    );
    const norwegian = smtp.messages.filter((mail) => !mail.to.includes(ENGLISH_OWNER));
    // Owners' task and preservation e-mails, requesters' e-mails: all of them, and in Norwegian.
    expect(norwegian.some((mail) => mail.subject.includes('] Oppgave: CCTV at the warehouse (innsyn)'))).toBe(true);
    expect(norwegian.some((mail) => mail.text.includes('sletter eller overskriver opplysninger etter 7 dager'))).toBe(true);
    for (const mail of norwegian) leaks.push(...leaksIn(`e-mail to ${mail.to.join(',')} «${mail.subject}»`, `${mail.subject}\n${mail.text}`));
    expect(leaks).toEqual([]);

    // The English-speaking owner's e-mails are in English, with the period in words too.
    const english = smtp.to(ENGLISH_OWNER);
    expect(english.some((mail) => mail.subject.includes('] Task: Phone system call logs (access)'))).toBe(true);
    expect(english.some((mail) => mail.text.includes('deletes or overwrites data after 4 months'))).toBe(true);
    expect(english.every((mail) => !/Oppgave|BEVAR/.test(mail.subject))).toBe(true);

    // The data map page: periods in words.
    const systems = visibleText(await (await admin.get('/staff/systems')).text());
    expect(systems).toContain('7 dager – overskrives etter sju dager');
    expect(systems).toContain('3 år og 6 måneder');
  });
});
