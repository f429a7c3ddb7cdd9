import { LinkSigner } from '../../src/public-site/link-signer';
import { FixedClock } from '../support/fixed-clock';
import { drainQueues } from '../support/queues';
import { SmtpCapture } from '../support/smtp-capture';
import { adminAuth, startTestApp, type TestApp } from '../support/test-app';
import { linkIn, pageText, postJson } from './intake-helpers';

describe('requester journey over the JSON API (real PostgreSQL, Redis and SMTP)', () => {
  // Received Thursday 5 March 2026: statutory 7 April (Easter), 30-day promise 4 April.
  const clock = new FixedClock(new Date('2026-03-05T10:00:00+01:00'));
  const smtp = new SmtpCapture();
  let stack: TestApp;

  beforeAll(async () => {
    stack = await startTestApp({
      clock,
      env: { SMTP_URL: await smtp.start(), INTAKE_RATE_LIMIT_PER_MINUTE: '1000', STAFF_ALERT_EMAIL: 'privacy-team@eksempel.no' },
    });
  });
  afterAll(async () => {
    await stack.close();
    await smtp.stop();
  });

  const submit = (body: unknown, headers: Record<string, string> = {}) => postJson(`${stack.url}/api/v1/requests`, body, headers);
  const caseRow = async (reference: string) => (await stack.dataSource.query('SELECT * FROM cases WHERE reference = $1', [reference]))[0];

  it('sends a verification e-mail whose link verifies the case, then a receipt with reference and deadline', async () => {
    const response = await submit({ type: 'access', email: 'Kari.Nordmann@example.no', name: 'Kari Nordmann', customerNumber: '10042' });
    expect(response.status).toBe(202);
    const body = await response.json();
    expect(body).toEqual({ reference: expect.stringMatching(/^DSR-2026-\d{6}$/), status: 'awaiting_verification' });
    const reference: string = body.reference;
    expect(await caseRow(reference)).toMatchObject({ status: 'awaiting_verification', channel: 'api', subject_email: 'kari.nordmann@example.no' });

    const verification = await smtp.waitFor((mail) => mail.subject === `Bekreft forespørselen din (${reference})`);
    expect(verification.to).toEqual(['kari.nordmann@example.no']);
    expect(verification.text).toContain('Lenken virker én gang og gjelder til 12. mars 2026.');
    const verifyLink = linkIn(verification, 'verify', stack.url);

    // Opening the link (as a mail scanner would) shows a button; it does not verify by itself.
    const confirmPage = await fetch(verifyLink);
    expect(confirmPage.status).toBe(200);
    const confirmHtml = await confirmPage.text();
    expect(pageText(confirmHtml)).toContain(`bekrefte at det var du som sendte forespørselen ${reference}`);
    expect(confirmHtml).toMatch(/<form method="post" action="\/verify\/[A-Za-z0-9_-]+"><button type="submit">Bekreft forespørselen<\/button>/);
    expect((await caseRow(reference)).status).toBe('awaiting_verification');

    const confirmed = await fetch(verifyLink, { method: 'POST' });
    expect(confirmed.status).toBe(200);
    expect(pageText(await confirmed.text())).toContain('Takk, forespørselen er bekreftet');
    expect(await caseRow(reference)).toMatchObject({ status: 'in_progress', verification_method: 'e-mail link' });

    const receipt = await smtp.waitFor((mail) => mail.subject === `Vi har mottatt forespørselen din (${reference})`);
    expect(receipt.text).toContain(`registrert med referansen ${reference}`);
    expect(receipt.text).toContain('Du får svar senest 4. april 2026.');
    expect(receipt.html).toContain(reference);
    const handler = await smtp.waitFor((mail) => mail.to.includes('privacy-team@eksempel.no') && mail.subject.includes(reference));
    expect(handler.subject).toContain('Ny bekreftet forespørsel');
    expect(handler.text).not.toContain('kari');

    // The link works once: a second confirmation changes nothing and sends nothing.
    const again = await fetch(verifyLink, { method: 'POST' });
    expect(again.status).toBe(200);
    expect(pageText(await again.text())).toContain('Forespørselen er allerede bekreftet');
    await drainQueues(stack.context);
    expect(smtp.messages.filter((mail) => mail.subject.includes(`(${reference})`) && mail.subject.startsWith('Vi har mottatt'))).toHaveLength(1);

    const audit = await stack.dataSource.query(`SELECT type, actor, data FROM audit_events WHERE case_id = $1 ORDER BY id`, [(await caseRow(reference)).id]);
    expect(audit.find((event: { type: string }) => event.type === 'case.verified')).toMatchObject({ actor: 'requester', data: { method: 'e-mail link' } });
    expect(audit.filter((event: { type: string }) => event.type === 'email.sent').length).toBeGreaterThanOrEqual(3);

    const status = await fetch(linkIn(receipt, 'status', stack.url));
    expect(status.status).toBe(200);
    const statusText = pageText(await status.text());
    expect(statusText).toContain(`Referanse ${reference}`);
    expect(statusText).toContain('Hva du ba om Se opplysningene mine (innsyn)');
    expect(statusText).toContain('Mottatt 5. mars 2026');
    expect(statusText).toContain('Svarfrist 4. april 2026');
    expect(statusText).toContain('Dette skjer nå Vi går gjennom systemene der vi kan ha opplysninger om deg.');
    expect(statusText).toContain('Når svaret er klart, finner du en nedlastingslenke her');
    expect(statusText).not.toMatch(/kari|Nordmann|10042/i);
  });

  it('keeps the deadline counted from receipt when the requester confirms five days later', async () => {
    const received = clock.now();
    const { reference } = await (await submit({ type: 'access', email: 'sein@example.no' })).json();
    // Signed in afresh each time: a staff session does not outlive five days on the clock.
    const caseJson = async () => (await fetch(`${stack.url}/api/v1/cases/${reference}`, { headers: await adminAuth(stack.url) })).json();
    const before = await caseJson();
    expect(before.deadlines).toMatchObject({ statutory: '2026-04-07', promise: '2026-04-04', effective: '2026-04-04' });
    const verification = await smtp.waitFor((mail) => mail.subject === `Bekreft forespørselen din (${reference})`);

    clock.advance(5 * 24 * 3600 * 1000);
    try {
      expect((await fetch(linkIn(verification, 'verify', stack.url), { method: 'POST' })).status).toBe(200);
      const after = await caseJson();
      expect(after.status).toBe('in_progress');
      expect(after.receivedAt).toBe(before.receivedAt);
      expect(after.deadlines).toEqual(before.deadlines);
      const receipt = await smtp.waitFor((mail) => mail.subject === `Vi har mottatt forespørselen din (${reference})`);
      expect(receipt.text).toContain('Vi mottok den 5. mars 2026.');
      expect(receipt.text).toContain('Du får svar senest 4. april 2026.');
    } finally {
      clock.set(received);
    }
  });

  it('writes to an English requester in English, and the status page follows', async () => {
    const { reference } = await (await submit({ type: 'portability', email: 'jo@example.com', language: 'en' })).json();
    const verification = await smtp.waitFor((mail) => mail.subject === `Confirm your request (${reference})`);
    expect(verification.text).toContain('We have received your request to get your data in a format you can take elsewhere.');
    const status = pageText(await (await fetch(linkIn(verification, 'status', stack.url))).text());
    expect(status).toContain('What is happening now We are waiting for you to confirm the request');
    expect(status).toContain('Deadline for our answer 4 April 2026');
    const norwegian = pageText(await (await fetch(`${linkIn(verification, 'status', stack.url)}?lang=nb`)).text());
    expect(norwegian).toContain('Vi venter på at du bekrefter forespørselen');
  });

  it('makes one case of a repeated submission with the same idempotency key', async () => {
    const request = { type: 'erasure', email: 'ola@example.no', details: 'Everything, please.' };
    const headers = { 'Idempotency-Key': 'retry-key-0001' };
    const first = await (await submit(request, headers)).json();
    const responses = await Promise.all(Array.from({ length: 5 }, () => submit(request, headers)));
    const references = await Promise.all(responses.map(async (response) => (await response.json()).reference));
    expect(responses.map((response) => response.status)).toEqual([202, 202, 202, 202, 202]);
    expect(new Set(references)).toEqual(new Set([first.reference]));
    const [{ count }] = await stack.dataSource.query(`SELECT count(*)::int AS count FROM cases WHERE subject_email = 'ola@example.no'`);
    expect(count).toBe(1);
    await drainQueues(stack.context);
    expect(smtp.to('ola@example.no')).toHaveLength(1);

    // The same key with a different request is a different request, not a lost one.
    const other = await (await submit({ ...request, type: 'access' }, headers)).json();
    expect(other.reference).not.toBe(first.reference);
  });

  it('answers bad input with 400 and the field that is wrong, never revealing anything about the person', async () => {
    const cases: Array<[unknown, Array<{ field: string; problem: string }>]> = [
      [{ type: 'access', email: 'not-an-email' }, [{ field: 'email', problem: 'must be an e-mail address' }]],
      [
        { type: 'forget-me', email: 'a@example.no' },
        [{ field: 'type', problem: 'must be one of access, rectification, erasure, objection, restriction, portability' }],
      ],
      [{ type: 'rectification', email: 'a@example.no', details: { field: 'address' } }, [{ field: 'details.correctedValue', problem: 'is required' }]],
      [{ type: 'objection', email: 'a@example.no', details: 'stop' }, [{ field: 'details.processing', problem: 'is required' }]],
      [{ type: 'access', email: 'a@example.no', details: 'x'.repeat(5001) }, [{ field: 'details.text', problem: 'is too long (at most 5000 characters)' }]],
      [{ type: 'access', email: 'a@example.no', ssn: '01019912345' }, [{ field: 'ssn', problem: 'is not a known field' }]],
      [{ email: 'a@example.no' }, [{ field: 'type', problem: 'is required' }]],
    ];
    for (const [body, details] of cases) {
      const response = await submit(body);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ statusCode: 400, error: 'Bad Request', details });
    }
    const badKey = await submit({ type: 'access', email: 'a@example.no' }, { 'Idempotency-Key': 'no:colons allowed' });
    expect(badKey.status).toBe(400);
    expect((await badKey.json()).details).toEqual([{ field: 'Idempotency-Key', problem: 'must be 8-100 letters, digits, - or _' }]);
  });

  it('answers tampered, unknown and expired links with a friendly page, never a 500', async () => {
    const { reference } = await (await submit({ type: 'restriction', email: 'lise@example.no' })).json();
    const verification = await smtp.waitFor((mail) => mail.to.includes('lise@example.no') && mail.subject.includes(reference));
    const link = linkIn(verification, 'verify', stack.url);
    const token = link.split('/').pop()!;
    const tampered = `${stack.url}/verify/${token.slice(0, 10)}${token[10] === 'A' ? 'B' : 'A'}${token.slice(11)}`;

    for (const [url, status, words] of [
      [tampered, 400, 'Lenken virker ikke'],
      [`${stack.url}/verify/nonsense`, 400, 'Lenken virker ikke'],
      [`${stack.url}/status/nonsense?lang=en`, 400, 'The link does not work'],
      [`${stack.url}/status/${token}`, 400, 'Lenken virker ikke'],
    ] as const) {
      const response = await fetch(url);
      expect(response.status).toBe(status);
      expect(pageText(await response.text())).toContain(words);
      expect((await fetch(url, { method: 'POST' })).status).toBeLessThan(500);
    }

    const caseId = (await caseRow(reference)).id;
    const signer = new LinkSigner(stack.config.APP_SECRET);
    const expired = signer.sign('verify', caseId, new Date(clock.now().getTime() - 1000));
    const response = await fetch(`${stack.url}/verify/${expired}`, { method: 'POST' });
    expect(response.status).toBe(410);
    expect(pageText(await response.text())).toContain('Lenken er utløpt');
    expect((await caseRow(reference)).status).toBe('awaiting_verification');
    const unknownCase = signer.sign('status', '00000000-0000-4000-8000-000000000000', null);
    expect((await fetch(`${stack.url}/status/${unknownCase}`)).status).toBe(400);
  });

  it('tells the requester about an extension (reasons, new date) and asks for information when staff pause', async () => {
    const auth = await adminAuth(stack.url);
    const { reference } = await (await submit({ type: 'erasure', email: 'per@example.no' })).json();
    const verification = await smtp.waitFor((mail) => mail.to.includes('per@example.no') && mail.subject.includes(reference));
    await fetch(linkIn(verification, 'verify', stack.url), { method: 'POST' });

    const reason = 'Records in nine systems and a paper archive must be reviewed.';
    expect((await postJson(`${stack.url}/api/v1/cases/${reference}/extend`, { reason }, auth)).status).toBe(200);
    const extension = await smtp.waitFor((mail) => mail.subject === `Vi trenger mer tid til forespørselen din (${reference})`);
    expect(extension.text).toContain(`Grunnen er: ${reason}`);
    expect(extension.text).toContain('Ny frist er 5. juni 2026.');
    const status = pageText(await (await fetch(linkIn(extension, 'status', stack.url))).text());
    expect(status).toContain('Svarfrist 5. juni 2026');
    expect(status).not.toContain('4. april 2026');
    expect(status).toContain('Fristen er forlenget til 5. juni 2026.');
    expect(status).toContain(`Begrunnelse: ${reason}`);
    const english = pageText(await (await fetch(`${linkIn(extension, 'status', stack.url)}?lang=en`)).text());
    expect(english).toContain('Deadline for our answer 5 June 2026');
    expect(english).toContain(reason);

    const question = 'Which of your two customer accounts is the request about?';
    expect((await postJson(`${stack.url}/api/v1/cases/${reference}/pause`, { reason: question }, auth)).status).toBe(200);
    const request = await smtp.waitFor((mail) => mail.subject === `Vi trenger mer informasjon (${reference})`);
    expect(request.text).toContain(question);
    expect(request.text).toContain('Fristen står stille til vi har fått svar fra deg.');
    const paused = pageText(await (await fetch(linkIn(request, 'status', stack.url))).text());
    expect(paused).toContain('Vi har bedt deg om mer informasjon på e-post.');
    expect(paused).not.toContain(question);
    await drainQueues(stack.context);
    expect(smtp.to('per@example.no').map((mail) => mail.subject.split(' (')[0])).toEqual([
      'Bekreft forespørselen din',
      'Vi har mottatt forespørselen din',
      'Vi trenger mer tid til forespørselen din',
      'Vi trenger mer informasjon',
    ]);
  });
});
