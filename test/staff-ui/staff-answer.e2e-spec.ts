import { readFileSync, writeFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { CaseEntity } from '../../src/cases/case.entity';
import { DownloadService } from '../../src/responses/download/download.service';
import { AnswerPackageEntity } from '../../src/responses/package/answer-package.entity';
import { api, registration, simulatorSecrets, startSimulators, waitForCase, writeDataMap, type Api, type Simulators } from '../fanout/fanout-stack';
import { NORWEGIAN_PEOPLE } from '../fanout/norwegian-people';
import { Browser, codeIn, formOn } from '../responses/answer-stack';
import { SmtpCapture, type CapturedMail } from '../support/smtp-capture';
import { waitUntil } from '../support/service-process';
import { adminAuth, startTestApp, type TestApp } from '../support/test-app';
import { bearerFor, csrfTokenIn, signedInStaff, type SessionClient } from './staff-session-client';

const PREFIX = 'STAFF_ANSWER_E2E';

function withRecipient(file: string, systemId: string, recipient: string): string {
  const map = parse(readFileSync(file, 'utf8'));
  map.systems.find((system: { id: string }) => system.id === systemId).recipients = [recipient];
  writeFileSync(file, stringify(map));
  return file;
}
const [KARI, OLA] = NORWEGIAN_PEOPLE;

/** Handlebars' escaping of a value shown in the page, for comparing typed input with the HTML. */
const escaped = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#x27;')
    .replace(/`/g, '&#x60;')
    .replace(/=/g, '&#x3D;');

type CaseJson = { status: string; tasks: Array<{ id: string; system: string; status: string; outcome?: Record<string, unknown> }> };

/**
 * The staff case page's answer parts over HTTP with a real session and CSRF token (no browser):
 * the letter section and its edit, a manual task kept under a legal obligation, and unlocking a
 * download locked after three wrong codes.
 */
describe('staff UI: answer letter, retained outcome, download unlock (real stack)', () => {
  const smtp = new SmtpCapture();
  const secrets = simulatorSecrets(PREFIX);
  let sims: Simulators;
  let stack: TestApp;
  let client: Api;
  let handler: SessionClient;
  let auditor: SessionClient;

  beforeAll(async () => {
    Object.assign(process.env, secrets);
    sims = await startSimulators();
    stack = await startTestApp({
      env: {
        SMTP_URL: await smtp.start(),
        // One manual system: every case gets a task waiting for a person. Its recipient has no
        // e-mail contact, so staff must tell it of an erasure by other means (Art 19).
        SYSTEMS_FILE: withRecipient(writeDataMap(sims, PREFIX, ['phone-logs']), 'phone-logs', 'Telenor Norge AS (telephony provider)'),
        PACKAGE_KEY: Buffer.alloc(32, 9).toString('base64'),
        INTAKE_RATE_LIMIT_PER_MINUTE: '1000',
      },
    });
    const auth = await adminAuth(stack.url);
    client = api(stack.url, () => auth);
    handler = await signedInStaff(stack, 'answer.handler@example.no', 'handler');
    auditor = await signedInStaff(stack, 'answer.auditor@example.no', 'auditor');
  });
  afterAll(async () => {
    await stack?.close();
    await sims?.close();
    await smtp.stop();
    for (const name of Object.keys(secrets)) delete process.env[name];
  });

  const manualCase = async (type: string, person: (typeof NORWEGIAN_PEOPLE)[number]) => {
    const created = await client.post('/api/v1/cases', { ...registration(type, person), language: 'nb' });
    expect(created.status).toBe(201);
    const { reference } = (await created.json()) as { reference: string };
    if (type === 'erasure') expect((await client.post(`/api/v1/cases/${reference}/approve`, {})).status).toBe(200);
    const body = (await waitForCase(client, reference, (json) =>
      (json as unknown as CaseJson).tasks?.some((task) => task.status === 'manual'),
    )) as unknown as CaseJson;
    return { reference, taskId: body.tasks.find((task) => task.system === 'phone-logs')!.id };
  };
  const caseJson = async (reference: string) => (await (await client.get(`/api/v1/cases/${reference}`)).json()) as CaseJson;

  it('shows the letter as it would be sent, saves a handler’s edit that the API then returns, keeps input on an error, and refuses an auditor', async () => {
    const { reference } = await manualCase('access', KARI);
    const before = await (await client.get(`/api/v1/cases/${reference}/letter`)).json();
    const page = await (await handler.get(`/staff/cases/${reference}`)).text();
    expect(page).toContain('data-testid="letter"');
    expect(page).toContain(`action="/staff/cases/${reference}/letter"`);
    expect(page).toContain(`value="${escaped(before.subject)}"`);
    expect(page).toContain(`>${escaped(before.text)}</textarea>`);

    // A missing subject re-renders the page with the field marked and the typed text kept.
    const typed = `${before.text}\n\nVi beklager at svaret tok tid.`;
    const refused = await handler.submit(`/staff/cases/${reference}`, `/staff/cases/${reference}/letter`, { subject: '', text: typed });
    expect(refused.status).toBe(400);
    const again = await refused.text();
    expect(again).toContain('id="letter-subject-error">Må fylles ut.</p>');
    expect(again).toContain(`>${escaped(typed)}</textarea>`);

    const subject = `Svar på innsynsforespørselen din – ${reference}`;
    const saved = await handler.submit(`/staff/cases/${reference}`, `/staff/cases/${reference}/letter`, { subject, text: typed });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`/staff/cases/${reference}?done=letterSaved`);
    const after = await (await client.get(`/api/v1/cases/${reference}/letter`)).json();
    // The stored text is what was typed (a letter always ends with a line break).
    expect(after).toEqual(expect.objectContaining({ subject, text: `${typed}\n`, edited: true, kind: before.kind }));
    const shown = await (await handler.get(`/staff/cases/${reference}?done=letterSaved`)).text();
    expect(shown).toContain('Svarbrevet er lagret og sendes når saken fullføres.');
    expect(shown).toContain(`value="${escaped(subject)}"`);

    // The auditor reads the letter but has no form, and a forged post with their own token is 403.
    const readOnly = await (await auditor.get(`/staff/cases/${reference}`)).text();
    expect(readOnly).toContain(`data-testid="letter-subject">${escaped(subject)}</dd>`);
    expect(readOnly).not.toContain(`action="/staff/cases/${reference}/letter"`);
    const forbidden = await auditor.request('POST', `/staff/cases/${reference}/letter`, {
      _csrf: csrfTokenIn(readOnly),
      subject: 'Auditor was here',
      text: 'changed',
    });
    expect(forbidden.status).toBe(403);
    expect((await (await client.get(`/api/v1/cases/${reference}/letter`)).json()).subject).toBe(subject);
    const audit = await (await client.get(`/api/v1/cases/${reference}/audit`)).json();
    expect(audit.items.filter((event: { type: string }) => event.type === 'answer.letter_edited')).toHaveLength(1);
  });

  it('records a manual task kept under a legal obligation from the case page: a wrong until-date is shown with the input kept, then the hold is on the task', async () => {
    const { reference, taskId } = await manualCase('erasure', OLA);
    const page = await (await handler.get(`/staff/cases/${reference}`)).text();
    expect(page).toContain(`data-testid="retained-${taskId}"`);
    expect(page).toContain('name="status" value="retained"');

    const action = `/staff/cases/${reference}/tasks/${taskId}/outcome`;
    const form = {
      from: 'case',
      status: 'retained',
      summary: 'Call log kept; the rest of the recordings deleted.',
      records: 'call log entries for 2026-03-02',
      basis: 'GDPR art. 17(3)(e): a pending police report',
    };
    const wrong = await handler.submit(`/staff/cases/${reference}`, action, { ...form, until: '2031-02-30' });
    expect(wrong.status).toBe(400);
    const html = await wrong.text();
    expect(html).toContain(`id="until-${taskId}-error">Skriv en dato (ÅÅÅÅ-MM-DD).</p>`);
    expect(html).toContain(`id="until-${taskId}" name="until" value="2031-02-30"`);
    expect(html).toContain(`value="${escaped(form.records)}"`);
    expect(html).toContain(`value="${escaped(form.basis)}"`);
    expect(html).toContain(`>${escaped(form.summary)}</textarea>`);
    expect(html).toMatch(/<input type="radio" name="status" value="retained" checked>/);
    // A day already past is refused too: the deletion is scheduled for it.
    const past = await handler.submit(`/staff/cases/${reference}`, action, { ...form, until: '2020-01-31' });
    expect(past.status).toBe(400);
    expect(await past.text()).toContain(`id="until-${taskId}-error">Datoen kan ikke være passert.</p>`);
    expect((await caseJson(reference)).tasks.find((task) => task.id === taskId)!.status).toBe('manual');

    const recorded = await handler.submit(`/staff/cases/${reference}`, action, { ...form, until: '2031-12-31' });
    expect(recorded.status).toBe(303);
    expect(recorded.headers.get('location')).toBe(`/staff/cases/${reference}?done=outcome`);
    const task = (await caseJson(reference)).tasks.find((candidate) => candidate.id === taskId)!;
    expect(task.status).toBe('retained');
    expect(task.outcome).toEqual(
      expect.objectContaining({ status: 'retained', retained: [expect.objectContaining({ records: form.records, basis: form.basis, until: '2031-12-31' })] }),
    );
    const holds = await (await client.get(`/api/v1/cases/${reference}/legal-holds`)).json();
    expect(holds.items).toEqual([expect.objectContaining({ system: 'phone-logs', records: form.records, basis: form.basis, until: '2031-12-31' })]);
    const shown = await (await handler.get(`/staff/cases/${reference}`)).text();
    expect(shown).toMatch(
      new RegExp(
        `data-task="${taskId}" data-status="retained">\\s*<td[^>]*>Phone system call logs</td><td>[Ss]letting</td><td[^>]*>Beholdt \\(lovpålagt\\)</td>`,
      ),
    );
    expect(shown).toContain(
      `<li>Beholdt: ${escaped(form.records)} – grunnlag: ${escaped(form.basis)} – til og med <time datetime="2031-12-31">31. des. 2031</time></li>`,
    );
    // Everything in the system was kept, nothing erased: nothing changed that Art 19 would pass on,
    // so its recipient without an e-mail contact needs no telling.
    expect(shown).not.toContain('data-testid="recipient-tasks"');
    expect(shown).not.toContain('Telenor Norge AS');
  });

  it('lets the system owner record the same retained outcome from their task page', async () => {
    const { reference, taskId } = await manualCase('erasure', NORWEGIAN_PEOPLE[3]);
    const owner = await signedInStaff(stack, 'telefoni@firma.example', 'owner');
    const action = `/staff/cases/${reference}/tasks/${taskId}/outcome`;
    const form = {
      from: 'tasks',
      status: 'retained',
      summary: 'Kept the call log for the complaint.',
      records: 'one call log entry',
      basis: 'GDPR art. 17(3)(e)',
    };
    const wrong = await owner.submit('/staff/tasks', action, { ...form, until: '31.12.2031' });
    expect(wrong.status).toBe(400);
    const html = await wrong.text();
    expect(html).toContain(`id="until-${taskId}-error">Skriv en dato (ÅÅÅÅ-MM-DD).</p>`);
    expect(html).toContain(`id="until-${taskId}" name="until" value="31.12.2031"`);
    expect(html).toContain(`value="${escaped(form.records)}"`);
    const recorded = await owner.submit('/staff/tasks', action, { ...form, until: '2031-12-31' });
    expect(recorded.status).toBe(303);
    expect(recorded.headers.get('location')).toBe('/staff/tasks?done=outcome');
    const holds = await (await client.get(`/api/v1/cases/${reference}/legal-holds`)).json();
    expect(holds.items).toEqual([expect.objectContaining({ system: 'phone-logs', records: form.records, basis: form.basis, until: '2031-12-31' })]);
  });

  it('lets a handler unlock a download locked after three wrong codes (page button and API), audited; the requester then gets a new code and downloads', async () => {
    const person = NORWEGIAN_PEOPLE[2];
    const { reference, taskId } = await manualCase('access', person);
    const outcome = await client.post(`/api/v1/cases/${reference}/tasks/${taskId}/outcome`, { status: 'not_found', summary: 'No calls from this number.' });
    expect(outcome.status).toBe(200);
    await waitForCase(client, reference, (json) => (json as unknown as CaseJson).status === 'awaiting_review');
    expect((await client.post(`/api/v1/cases/${reference}/complete`, {})).status).toBe(200);
    const entity = await stack.dataSource.getRepository(CaseEntity).findOneByOrFail({ reference });
    const row = await stack.dataSource.getRepository(AnswerPackageEntity).findOneByOrFail({ caseId: entity.id });
    const answerPath = stack.context.get(DownloadService).pagePath(row.id);
    const requester = new Browser(stack.url);

    const seen = new Set<string>();
    const newCode = async () => {
      const landing = await requester.get(answerPath);
      expect(landing.status).toBe(200);
      const ask = formOn(landing.html, '/code');
      const sent = await requester.post(ask.action, { _csrf: ask.csrf });
      expect(sent.status).toBe(200);
      const isNew = (mail: CapturedMail) =>
        mail.to.includes(person.email) &&
        mail.subject.includes(reference) &&
        /kode|code/i.test(mail.subject) &&
        /\b\d{8}\b/.test(mail.text) &&
        !seen.has(mail.messageId);
      const mail = await smtp.waitFor(isNew);
      seen.add(mail.messageId);
      return { code: codeIn(mail), enter: formOn(await sent.text(), '/download') };
    };
    const lock = async () => {
      const { code, enter } = await newCode();
      const wrong = code === '00000000' ? '11111111' : '00000000';
      const statuses = [];
      for (let attempt = 0; attempt < 3; attempt++) statuses.push((await requester.post(enter.action, { _csrf: enter.csrf, code: wrong })).status);
      expect(statuses).toEqual([400, 400, 423]);
      expect((await requester.post(enter.action, { _csrf: enter.csrf, code })).status).toBe(423);
      expect((await requester.get(answerPath)).status).toBe(423);
      return { code, enter };
    };

    const first = await lock();
    const lockedPage = await (await handler.get(`/staff/cases/${reference}`)).text();
    expect(lockedPage).toContain('data-testid="download-state">Sperret etter tre feil koder.</p>');
    expect(lockedPage).toContain(`action="/staff/cases/${reference}/answer/unlock"`);
    const auditorPage = await (await auditor.get(`/staff/cases/${reference}`)).text();
    expect(auditorPage).toContain('Sperret etter tre feil koder.');
    expect(auditorPage).not.toContain(`action="/staff/cases/${reference}/answer/unlock"`);
    expect((await auditor.request('POST', `/staff/cases/${reference}/answer/unlock`, { _csrf: csrfTokenIn(auditorPage) })).status).toBe(403);
    expect((await client.post(`/api/v1/cases/${reference}/answer/unlock`, {}, await bearerFor(stack, 'answer.auditor@example.no'))).status).toBe(403);

    const unlocked = await handler.submit(`/staff/cases/${reference}`, `/staff/cases/${reference}/answer/unlock`, {});
    expect(unlocked.status).toBe(303);
    expect(unlocked.headers.get('location')).toBe(`/staff/cases/${reference}?done=unlocked`);
    const openPage = await (await handler.get(`/staff/cases/${reference}?done=unlocked`)).text();
    expect(openPage).toContain('Nedlastingen er åpnet igjen.');
    expect(openPage).not.toContain(`action="/staff/cases/${reference}/answer/unlock"`);
    // The requester, told of the lock, hears that the download works again, with the same link.
    const isUnlockMail = (mail: CapturedMail) => mail.to.includes(person.email) && mail.subject === `Du kan laste ned svaret igjen (${reference})`;
    const unlockMail = await smtp.waitFor(isUnlockMail);
    expect(unlockMail.text).toContain(answerPath);
    expect(unlockMail.text).toContain('be om en ny engangskode');
    // A code from before the lock does not come back to life; a new one is needed.
    expect((await requester.post(first.enter.action, { _csrf: first.enter.csrf, code: first.code })).status).toBe(400);
    // Unlocking what is not locked is a 409 with the reason, in the page and in the API.
    const stale = await handler.submit(`/staff/cases/${reference}`, `/staff/cases/${reference}/answer/unlock`, {});
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain('Nedlastingen er ikke sperret.');
    expect((await client.post(`/api/v1/cases/${reference}/answer/unlock`, {})).status).toBe(409);

    // Locked again, unlocked through the API this time; the requester asks for a code and downloads.
    await lock();
    const viaApi = await client.post(`/api/v1/cases/${reference}/answer/unlock`, {}, await bearerFor(stack, 'answer.handler@example.no'));
    expect(viaApi.status).toBe(200);
    expect(await viaApi.json()).toEqual(expect.objectContaining({ packageId: row.id, locked: false }));
    await waitUntil(async () => smtp.messages.filter(isUnlockMail).length === 2, 10_000, 'second unlock e-mail');
    const fresh = await newCode();
    const download = await requester.post(fresh.enter.action, { _csrf: fresh.enter.csrf, code: fresh.code });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/zip');
    expect(
      Buffer.from(await download.arrayBuffer())
        .subarray(0, 4)
        .equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])),
    ).toBe(true);

    const audit = await (await client.get(`/api/v1/cases/${reference}/audit`)).json();
    const unlocks = audit.items.filter((event: { type: string }) => event.type === 'answer.download_unlocked');
    expect(unlocks).toHaveLength(2);
    for (const event of unlocks) {
      expect(event.actor).toMatch(/^staff:/);
      expect(event.data).toEqual({ packageId: row.id, failedAttempts: 3 });
    }
    expect(audit.items.map((event: { type: string }) => event.type)).toContain('answer.downloaded');
  });
});
