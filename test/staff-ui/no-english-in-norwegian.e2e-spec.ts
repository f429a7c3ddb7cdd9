import { DeadlineAlertService } from '../../src/deadlines/alerts/deadline-alert.service';
import { addDays } from '../../src/common/iso-date';
import { JobName, QueueName } from '../../src/queues/queue-catalogue';
import { CaseEntity } from '../../src/cases/case.entity';
import { DownloadService } from '../../src/responses/download/download.service';
import { AnswerPackageEntity } from '../../src/responses/package/answer-package.entity';
import { postJson } from '../intake/intake-helpers';
import { Browser, formOn } from '../responses/answer-stack';
import { registration, searchDone, settled as fannedOut, waitForCase } from '../fanout/fanout-stack';
import { useSimulatorStack } from '../responses/simulator-stack';
import { NORWEGIAN_PEOPLE } from '../fanout/norwegian-people';
import { queueOf } from '../support/queues';
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

/** A calendar day written as YYYY-MM-DD in text a person reads. Pages write days in words and keep
 *  the exact day in <time datetime> (an attribute); an input holds one in its value or shows one
 *  as the example of the format it asks for, so inputs are left out of this check. */
const BARE_DAY = /(?<![\w-])\d{4}-\d{2}-\d{2}(?![\w-])/g;
const bareDays = (text: string): Leak[] =>
  [...text.matchAll(BARE_DAY)].map((match) => ({ found: match[0], context: text.slice(Math.max(0, (match.index ?? 0) - 50), (match.index ?? 0) + 60) }));
const withoutInputs = (html: string) => html.replace(/<input\b[^>]*>/gi, ' ');

describe('no English in Norwegian staff pages and e-mails (real app, PostgreSQL, SMTP)', () => {
  const smtp = new SmtpCapture();
  let stack: TestApp;
  let auth: { Authorization: string };
  let admin: SessionClient;
  const references: string[] = [];
  const ids: string[] = [];

  beforeAll(async () => {
    // Alerts at midnight: each alert below is due the moment its day has come, whatever the hour.
    stack = await startTestApp({ env: { SMTP_URL: await smtp.start(), ALERT_HOUR: '0' } });
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
    const body = (await created.json()) as { reference: string; id: string };
    references.push(body.reference);
    ids.push(body.id);
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

  const reported = (where: string, leaks: Leak[]) => leaks.map((leak) => `${where}: «${leak.found}» in …${leak.context}…`);
  /** Known English words, ISO durations and bare days in a rendered page or a text. */
  const leaksIn = (where: string, html: string): string[] =>
    reported(where, [...languageLeaks(visibleText(html)), ...bareDays(visibleText(withoutInputs(html)))]);

  it('the detector finds a planted leak and a planted duration, and passes clean Norwegian', () => {
    expect(languageLeaks('Oppgaven venter: export av opplysninger').map((leak) => leak.found)).toEqual(['export']);
    expect(languageLeaks('Opptak overskrives etter P7D.').map((leak) => leak.found)).toEqual(['P7D']);
    expect(languageLeaks('Beholdes i PT24H, deretter P3Y6M').map((leak) => leak.found)).toEqual(['PT24H', 'P3Y6M']);
    expect(languageLeaks('Waiting for kontor@eksempel.no').map((leak) => leak.found)).toEqual(['Waiting for']);
    expect(languageLeaks('Opptak overskrives etter 7 dager. Eksporter opplysningene, referanse DSR-2026-000001.')).toEqual([]);
    expect(leaksIn('page', '<p title="Task failed">Feilet</p>')).toHaveLength(2);
    // A bare day is a leak; the same day in words, with the exact day in <time datetime> or an input, is not.
    expect(leaksIn('page', '<p>Frist 2026-12-05</p>')).toHaveLength(1);
    expect(leaksIn('page', '<p>Frist <time datetime="2026-12-05">5. des. 2026</time></p><input name="d" value="2026-12-05" placeholder="2031-12-31">')).toEqual(
      [],
    );
    expect(leaksIn('page', '<p>Sak DSR-2026-000001, frist 5. des. 2026</p>')).toEqual([]);
  });

  it('renders every staff page and every e-mail in Norwegian without a known English word or an ISO duration', async () => {
    const access = await register('access');
    const erasure = await register('erasure');
    // The case page shows these details in words: the field's name, the days as dates.
    await register('rectification', {
      field: 'phone',
      correctedValue: '+47 912 34 568',
      period: { from: '2026-05-03', to: '2026-05-05' },
      recordDates: ['2026-04-25'],
    });
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

    // Every deadline alert, to the (Norwegian) admin: 7 days, 2 days, on the day, overdue; the
    // overdue case also puts the daily digest in the admin's mailbox.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' }).format(new Date());
    const alerts = stack.context.get(DeadlineAlertService);
    for (const [index, days] of [7, 2, 0, -1].entries()) {
      await stack.dataSource.query('UPDATE cases SET effective_due = $2 WHERE id = $1', [ids[index + 1], addDays(today, days)]);
      expect((await alerts.fire(ids[index + 1])).outcome).toBe('sent');
    }
    await queueOf(stack.context, QueueName.StaffDigest).add(JobName.StaffDigest, {});
    await smtp.waitFor((mail) => mail.to.includes(TEST_ADMIN.email) && mail.subject.startsWith('Daglig oversikt'));

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
      leaks.push(...leaksIn(path, html).filter((leak) => !ENGLISH_SUBJECT.test(leak)));
    }
    // The requester's answer: the download page and the page asking for the one-time code, of an
    // answered portability request (its owners found nothing), in the requester's Norwegian.
    const portability = references[5];
    for (const task of await settled(portability)) {
      const recorded = await postJson(
        `${stack.url}/api/v1/cases/${portability}/tasks/${task.id}/outcome`,
        { status: 'not_found', summary: 'Ingen opplysninger.' },
        auth,
      );
      expect(recorded.status).toBe(200);
    }
    await waitUntil(
      async () => (await (await fetch(`${stack.url}/api/v1/cases/${portability}`, { headers: auth })).json()).status === 'awaiting_review',
      20_000,
      'the portability case to await review',
    );
    expect((await postJson(`${stack.url}/api/v1/cases/${portability}/complete`, {}, auth)).status).toBe(200);
    const answered = await stack.dataSource.getRepository(CaseEntity).findOneByOrFail({ reference: portability });
    const answerPackage = await stack.dataSource.getRepository(AnswerPackageEntity).findOneByOrFail({ caseId: answered.id });
    const requester = new Browser(stack.url);
    const landing = await requester.get(stack.context.get(DownloadService).pagePath(answerPackage.id));
    expect(landing.status).toBe(200);
    const ask = formOn(landing.html, '/code');
    const codePage = await requester.post(ask.action, { _csrf: ask.csrf });
    expect(codePage.status).toBe(200);
    const codeHtml = await codePage.text();
    for (const [where, html] of [
      ['the download page', landing.html],
      ['the code page', codeHtml],
    ]) {
      expect(html).toMatch(/<html lang="nb"/);
      leaks.push(...leaksIn(where, html));
    }
    expect(codeHtml).toContain('name="code"');

    const visitor = new SessionClient(stack.url);
    leaks.push(...leaksIn('/staff/login', await (await visitor.get('/staff/login')).text()));

    await waitUntil(
      async () => (await stack.dataSource.query(`SELECT count(*)::int AS n FROM outbound_emails WHERE status <> 'sent'`))[0].n === 0,
      20_000,
      'the outbox',
    );
    const norwegian = smtp.messages.filter((mail) => !mail.to.includes(ENGLISH_OWNER));
    // Owners' task and preservation e-mails, requesters' e-mails: all of them, and in Norwegian.
    expect(norwegian.some((mail) => mail.subject.includes('] Oppgave: Kameraovervåking på lageret (innsyn)'))).toBe(true);
    expect(norwegian.some((mail) => mail.text.includes('sletter eller overskriver opplysninger etter 7 dager'))).toBe(true);
    for (const mail of norwegian) {
      const text = `${mail.subject}\n${mail.text}`;
      const where = `e-mail to ${mail.to.join(',')} «${mail.subject}»`;
      leaks.push(...reported(where, [...languageLeaks(text), ...bareDays(text)]));
    }
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

/**
 * A case whose tasks ran against real connectors (the Zendesk, Visma and HubSpot simulators): the
 * case page as a Norwegian admin reads it, with each connector's outcome.
 */
describe('no English on the case page of connector tasks (simulators, real app)', () => {
  const env = useSimulatorStack('NOENGLISH', { env: { TASK_RATE_LIMITS: 'zendesk=100/1000,visma=100/1000,hubspot=100/1000' } });

  it('words every connector task and outcome in Norwegian, without a bare day', async () => {
    const created = await env.client.post('/api/v1/cases', { ...registration('access', NORWEGIAN_PEOPLE[0]), language: 'nb' });
    expect(created.status).toBe(201);
    const { reference } = (await created.json()) as { reference: string };
    const body = await waitForCase(env.client, reference, fannedOut, 60_000);
    expect(body.tasks.map((task) => task.status).filter((status) => status === 'done').length).toBeGreaterThan(0);

    const admin = new SessionClient(env.stack.url);
    await admin.signIn(TEST_ADMIN.email, TEST_ADMIN.password);
    const html = await (await admin.get(`/staff/cases/${reference}`)).text();
    expect(html).toContain('<html lang="nb">');
    expect(html).toContain('Zendesk Support');
    const found = [...languageLeaks(visibleText(html)), ...bareDays(visibleText(withoutInputs(html)))];
    expect(found.map((leak) => `«${leak.found}» in …${leak.context}…`)).toEqual([]);
  });

  it('words the summaries Zendesk, Visma and HubSpot build from ids and counts, and the plan’s rows, after an approved erasure in Norwegian', async () => {
    const created = await env.client.post('/api/v1/cases', { ...registration('erasure', NORWEGIAN_PEOPLE[0]), language: 'nb' });
    expect(created.status).toBe(201);
    const { reference } = (await created.json()) as { reference: string };
    await waitForCase(env.client, reference, searchDone, 60_000);
    expect((await env.client.post(`/api/v1/cases/${reference}/approve`, {})).status).toBe(200);
    const body = await waitForCase(env.client, reference, fannedOut, 60_000);
    const finished = body.tasks.filter((task) => ['done', 'retained', 'failed'].includes(task.status)).map((task) => task.system);
    expect(finished).toEqual(expect.arrayContaining(['zendesk', 'visma', 'hubspot']));

    const admin = new SessionClient(env.stack.url);
    await admin.signIn(TEST_ADMIN.email, TEST_ADMIN.password);
    const html = await (await admin.get(`/staff/cases/${reference}`)).text();
    expect(html).toContain('<html lang="nb">');
    // The connectors' own summaries are there, in Norwegian.
    expect(visibleText(html)).toMatch(/Zendesk-bruker #\d+/);
    expect(visibleText(html)).toContain('HubSpot-kontakt');
    expect(visibleText(html)).toContain('Visma Business beholder');
    // The plan's rows: the connectors' survey labels and notes, with dates as people read them.
    const plan = visibleText(html.match(/<section[^>]*data-testid="plan"[\s\S]*?<\/section>/)?.[0] ?? '');
    expect(plan).toMatch(/Bilag \d+ · \d+\. \p{L}+\.? \d{4}/u);
    expect(plan).toMatch(/Zendesk-sluttbruker #\d+/);
    const found = [...languageLeaks(visibleText(html)), ...bareDays(visibleText(withoutInputs(html)))];
    expect(found.map((leak) => `«${leak.found}» in …${leak.context}…`)).toEqual([]);
  }, 180_000);
});
