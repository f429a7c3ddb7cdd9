import { linkIn } from '../intake/intake-helpers';
import { Browser, codeIn, formOn } from '../responses/answer-stack';
import { SessionClient } from '../staff-ui/staff-session-client';
import { freePort } from '../support/free-port';
import { startApiAndWorker, waitUntil, type ServiceProcess } from '../support/service-process';
import { SmtpCapture } from '../support/smtp-capture';
import { TEST_ADMIN, freshQueuePrefix } from '../support/test-app';
import { createTestDatabase } from '../support/test-database';
import { TEST_REDIS_URL } from '../support/test-env';
import { csrfIn } from './fuzz-support';

/** The test subjects: everything about them that must never reach a log line. */
const SUBJECTS = [
  { email: 'margrethe.solbakken@example.no', name: 'Margrethe Solbakken', phone: '+47 913 57 246', customerNumber: 'KN-7731905' },
  { email: 'torbjorn.aasland@example.no', name: 'Torbjørn Åsland', phone: '+47 482 19 663', customerNumber: 'KN-5508214' },
  { email: 'synnove.rognli@example.no', name: 'Synnøve Rognli', phone: '+47 976 30 158', customerNumber: 'KN-9914407' },
];

/**
 * A realistic run through real `api` and `worker` processes at LOG_LEVEL=info: the form and the
 * JSON intake, verification by link, the status page, a staff-registered request, staff actions
 * (API and web UI, including a search by e-mail), fan-out to the manual systems with their
 * outcomes, completion, and the answer downloaded with a one-time code. Then the complete output
 * of both processes is searched for the subjects' e-mails, names, phone numbers and customer
 * numbers (and the link tokens they were sent): zero hits.
 */
describe('no personal data in the logs of a whole run (api + worker processes)', () => {
  const smtp = new SmtpCapture();
  let api: ServiceProcess;
  let worker: ServiceProcess;
  let url: string;
  const secrets: string[] = [];

  beforeAll(async () => {
    const database = await createTestDatabase('logs');
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: freshQueuePrefix(),
      APP_SECRET: 'log-scan-secret-0123456789abcdef0123456789',
      ADMIN_EMAIL: TEST_ADMIN.email,
      ADMIN_PASSWORD: TEST_ADMIN.password,
      SMTP_URL: await smtp.start(),
      PORT: String(port),
      PUBLIC_URL: url,
      LOG_LEVEL: 'info',
      INTAKE_RATE_LIMIT_PER_MINUTE: '1000',
    };
    ({ api, worker } = await startApiAndWorker(env, url));
  }, 120_000);

  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
    await smtp.stop();
  });

  const json = async (path: string, method: string, body: unknown, auth: Record<string, string>) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...auth },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  };
  const caseJson = async (reference: string, auth: Record<string, string>) => (await json(`/api/v1/cases/${reference}`, 'GET', undefined, auth)).body;

  it('runs intake → verification → staff work → fan-out → answer, and the logs name no one', async () => {
    const [margrethe, torbjorn, synnove] = SUBJECTS;
    const login = await json('/api/v1/auth/login', 'POST', TEST_ADMIN, {});
    const auth = { Authorization: `Bearer ${login.body.token}` };

    // 1. The form, as a browser posts it (with a validation error first, which re-renders the input).
    const browser = new Browser(url);
    const formPage = await browser.get('/');
    const formCsrf = csrfIn(formPage.html);
    const idempotencyKey = /name="idempotencyKey" value="([^"]+)"/.exec(formPage.html)![1];
    const fields = {
      _csrf: formCsrf,
      idempotencyKey,
      lang: 'nb',
      type: 'access',
      email: margrethe.email,
      name: margrethe.name,
      phone: margrethe.phone,
      customerNumber: margrethe.customerNumber,
      text: `Jeg er ${margrethe.name}, kundenummer ${margrethe.customerNumber}.`,
    };
    expect((await browser.post('/', { ...fields, email: `${margrethe.name} at example` })).status).toBe(400);
    expect((await browser.post('/', fields)).status).toBe(200);

    // 2. The JSON intake, once refused (the bad value is the person's own data) and once accepted.
    expect(
      (await json('/api/v1/requests', 'POST', { type: 'rectification', email: torbjorn.email, phone: `${torbjorn.phone} ${torbjorn.name}` }, {})).status,
    ).toBe(400);
    const rectification = await json(
      '/api/v1/requests',
      'POST',
      {
        type: 'rectification',
        email: torbjorn.email,
        name: torbjorn.name,
        phone: torbjorn.phone,
        customerNumber: torbjorn.customerNumber,
        details: { field: 'phone', correctedValue: torbjorn.phone, text: `Ring ${torbjorn.name}` },
      },
      {},
    );
    expect(rectification.status).toBe(202);

    // 3. Verification links from the e-mails, the status page, and the verification through the page.
    const references: string[] = [];
    for (const person of [margrethe, torbjorn]) {
      const mail = await smtp.waitFor((message) => message.to.includes(person.email) && /bekreft|confirm/i.test(message.subject));
      const verifyLink = linkIn(mail, 'verify', url);
      secrets.push(verifyLink.split('/').pop()!);
      expect((await browser.get(new URL(verifyLink).pathname)).status).toBe(200);
      expect((await fetch(verifyLink, { method: 'POST' })).status).toBe(200);
      references.push(/DSR-\d{4}-\d{6}/.exec(mail.subject)![0]);
    }
    const [accessReference, rectificationReference] = references;
    const receipt = await smtp.waitFor((message) => message.to.includes(margrethe.email) && message.text.includes('/status/'));
    const statusLink = linkIn(receipt, 'status', url);
    secrets.push(statusLink.split('/').pop()!);
    expect((await fetch(statusLink)).status).toBe(200);

    // 4. A request registered by staff (a letter), and actions on it through the API.
    const registered = await json(
      '/api/v1/cases',
      'POST',
      {
        type: 'erasure',
        channel: 'letter',
        receivedAt: new Date(Date.now() - 86_400_000).toISOString(),
        subject: { email: synnove.email, name: synnove.name, phone: synnove.phone, customerNumber: synnove.customerNumber },
        details: { text: `Slett alt om ${synnove.name}` },
        identityVerified: { method: `signed letter from ${synnove.name}` },
      },
      auth,
    );
    expect(registered.status).toBe(201);
    const erasureReference = registered.body.reference;
    expect((await json(`/api/v1/cases/${erasureReference}/notes`, 'POST', { text: `${synnove.name} ringte fra ${synnove.phone}` }, auth)).status).toBeLessThan(
      300,
    );
    expect((await json(`/api/v1/cases/${erasureReference}/extend`, 'POST', { reason: `many systems hold ${synnove.customerNumber}` }, auth)).status).toBe(200);
    for (const query of [synnove.email, synnove.name, synnove.phone, synnove.customerNumber]) {
      expect((await json(`/api/v1/cases?q=${encodeURIComponent(query)}`, 'GET', undefined, auth)).status).toBe(200);
    }
    // A bad staff input that quotes personal data.
    expect(
      (
        await json(
          '/api/v1/cases',
          'POST',
          { type: 'erasure', channel: 'letter', receivedAt: 'yesterday', subject: { email: `${synnove.name}@`, phone: synnove.name } },
          auth,
        )
      ).status,
    ).toBe(400);

    // 5. The staff web UI: sign in, search by e-mail and phone, open the case, add a note.
    const staff = new SessionClient(url);
    expect((await staff.signIn(TEST_ADMIN.email, TEST_ADMIN.password)).status).toBe(303);
    for (const query of [margrethe.email, torbjorn.phone, synnove.name]) expect((await staff.get(`/staff?q=${encodeURIComponent(query)}`)).status).toBe(200);
    expect((await staff.get(`/staff/cases/${accessReference}`)).status).toBe(200);
    expect(
      (
        await staff.submit(`/staff/cases/${accessReference}`, `/staff/cases/${accessReference}/notes`, {
          text: `Snakket med ${margrethe.name} på ${margrethe.phone}`,
        })
      ).status,
    ).toBe(303);
    expect((await staff.get(`/api/v1/cases?q=${encodeURIComponent(margrethe.email)}`)).status).toBe(401);

    // 6. Fan-out to the manual systems of the default data map: each owner records an outcome.
    for (const [reference, approve, person] of [
      [accessReference, false, margrethe],
      [rectificationReference, true, torbjorn],
      [erasureReference, true, synnove],
    ] as const) {
      if (approve) expect((await json(`/api/v1/cases/${reference}/approve`, 'POST', {}, auth)).status).toBe(200);
      const settled = async () => {
        const tasks: Array<{ status: string }> = (await caseJson(reference, auth)).tasks ?? [];
        return tasks.length > 0 && tasks.every((task) => task.status !== 'pending' && task.status !== 'running');
      };
      await waitUntil(settled, 30_000, `tasks of ${reference}`);
      const tasks: Array<{ id: string; status: string }> = (await caseJson(reference, auth)).tasks;
      expect(tasks.some((task) => task.status === 'manual')).toBe(true);
      for (const task of tasks.filter((item) => item.status === 'manual')) {
        const outcome = await json(
          `/api/v1/cases/${reference}/tasks/${task.id}/outcome`,
          'POST',
          { status: 'done', summary: `checked ${person.name}, ${person.customerNumber}` },
          auth,
        );
        expect(outcome.status).toBeLessThan(300);
      }
      await waitUntil(async () => (await caseJson(reference, auth)).status === 'awaiting_review', 30_000, `${reference} awaiting review`);
      expect((await json(`/api/v1/cases/${reference}/complete`, 'POST', {}, auth)).status).toBe(200);
    }

    // 7. The answer: letter by e-mail, the status page's download link, a code by e-mail, the zip.
    const letter = await smtp.waitFor(
      (message) => message.to.includes(margrethe.email) && message.subject.includes(accessReference) && /Svar|answer/i.test(message.subject),
    );
    const answerStatus = await browser.get(new URL(linkIn(letter, 'status', url)).pathname);
    const answerLink = /href="(http[^"]+\/answer\/[A-Za-z0-9_-]+)"/.exec(answerStatus.html)![1];
    const answerPath = new URL(answerLink).pathname;
    secrets.push(answerPath.split('/').pop()!);
    const landing = await browser.get(answerPath);
    const ask = formOn(landing.html, '/code');
    const sent = await browser.post(ask.action, { _csrf: ask.csrf });
    expect(sent.status).toBe(200);
    const enter = formOn(await sent.text(), '/download');
    const codeMail = await smtp.waitFor((message) => message.to.includes(margrethe.email) && /kode|code/i.test(message.subject));
    const code = codeIn(codeMail);
    secrets.push(code);
    expect((await browser.post(enter.action, { _csrf: enter.csrf, code: '00000000' })).status).toBe(400);
    const download = await browser.post(enter.action, { _csrf: enter.csrf, code });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/zip');

    // Let the worker finish what it was given (the erasure and rectification letters).
    for (const person of [torbjorn, synnove])
      await smtp.waitFor(
        (message) =>
          message.to.includes(person.email) &&
          /DSR-\d{4}-\d{6}/.test(message.subject) &&
          /svar|answer|rett|slett|corrected|erased/i.test(message.subject + message.text),
      );

    // The scan: both processes' whole output.
    const logs = api.output() + worker.output();
    expect(logs.split('\n').filter((line) => line.includes('"req"')).length).toBeGreaterThan(30);
    const needles = SUBJECTS.flatMap((person) => [
      person.email,
      person.email.split('@')[0],
      person.name,
      ...person.name.split(' '),
      person.phone,
      person.phone.replace(/\D/g, ''),
      person.phone.replace(/^\+47 /, ''),
      person.customerNumber,
      person.customerNumber.replace(/\D/g, ''),
    ]);
    const hits = [...needles, ...secrets, encodeURIComponent(margrethe.email)].filter((needle) => logs.toLowerCase().includes(needle.toLowerCase()));
    const context = hits.map((needle) => {
      const at = logs.toLowerCase().indexOf(needle.toLowerCase());
      return `${needle}: …${logs.slice(Math.max(0, at - 200), at + 100)}…`;
    });
    expect(context).toEqual([]);
  }, 240_000);
});
