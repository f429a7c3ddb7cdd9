import { api, staffUser, waitForCase, type Api, type CaseBody } from '../fanout/fanout-stack';
import { linkIn, openForm, postForm, postJson } from '../intake/intake-helpers';
import { languageLeaks } from '../support/language-leaks';
import { SmtpCapture } from '../support/smtp-capture';
import { adminAuth, startTestApp, type TestApp } from '../support/test-app';
import { SHOP_A, SHOP_B, writeProcessorDataMap } from './processor-stack';

describe('a processor system serving two web shops forwards at receipt, to the right shop only', () => {
  const smtp = new SmtpCapture();
  let stack: TestApp;
  let client: Api;

  beforeAll(async () => {
    const smtpUrl = await smtp.start();
    stack = await startTestApp({ env: { SMTP_URL: smtpUrl, SYSTEMS_FILE: writeProcessorDataMap() } });
    const auth = await adminAuth(stack.url);
    client = api(stack.url, () => auth);
  });
  afterAll(async () => {
    await stack?.close();
    await smtp.stop();
  });

  /** A calendar day as each language writes it in prose. */
  const dayIn = (iso: string, locale: 'nb-NO' | 'en-GB') =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
  const forwardOf = (body: CaseBody) => body.tasks.find((task) => task.system === 'webshops' && task.action === 'forward');
  const submit = (email: string, details: Record<string, unknown>) =>
    postJson(`${stack.url}/api/v1/requests`, { type: 'erasure', email, name: 'Kari Nordmann', phone: '+47 912 34 567', details, language: 'en' });

  it('an erasure naming shop B reaches shop B before verification, with the words, type, day received and deadline; the letter names shop B', async () => {
    const email = 'kari.nordmann@example.no';
    const words = 'Please delete my customer account and my order history with Strikkeboden.\nI no longer want to be a customer.';
    const response = await submit(email, { text: words, controller: SHOP_B.id });
    expect(response.status).toBe(202);
    const { reference } = (await response.json()) as { reference: string };

    const forward = await smtp.waitFor((mail) => mail.to.includes(SHOP_B.contact) && mail.subject.includes(reference));
    const before = await waitForCase(client, reference, (body) => forwardOf(body)?.status === 'forwarded');
    // Nothing of our own has happened yet: the person has not even confirmed the request.
    expect(before.status).toBe('awaiting_verification');
    const received = (before as unknown as { receivedOn: string }).receivedOn;
    const due = (before as unknown as { deadlines: { statutory: string } }).deadlines.statutory;

    expect(forward.text).toContain('Please delete my customer account and my order history with Strikkeboden.');
    expect(forward.text).toContain('I no longer want to be a customer.');
    expect(forward.text).toContain('Delete my data (erasure)');
    // Shop B reads English (its `language` in the data map): the forward is in English only.
    expect(forward.subject).toBe(`[${reference}] Forwarded data subject request: Delete my data (erasure)`);
    expect(forward.text).toContain(`Received: ${dayIn(received, 'en-GB')}`);
    expect(forward.text).toContain(`Your deadline to answer the person: ${dayIn(due, 'en-GB')}`);
    expect(forward.text).toContain(`E-mail: ${email} – not verified by us`);
    expect(forward.text).toContain('We have not searched, disclosed, changed or deleted anything');
    expect(forward.text).not.toMatch(/Mottatt|Vår referanse|ikke bekreftet/);
    expect(smtp.to(SHOP_A.contact)).toEqual([]);

    // The receipt makes no claim about the forward or anything done.
    const verification = await smtp.waitFor((mail) => mail.to.includes(email) && mail.subject.includes(reference));
    expect(verification.text).not.toMatch(/forwarded|deleted|erased/i);
    expect((await fetch(linkIn(verification, 'verify', stack.url), { method: 'POST' })).status).toBe(200);
    await waitForCase(client, reference, (body) => body.status === 'in_progress');
    expect((await client.post(`/api/v1/cases/${reference}/approve`, {})).status).toBe(200);
    const review = await waitForCase(client, reference, (body) => body.status === 'awaiting_review');
    // Verification and approval forward nothing again.
    expect(review.tasks.map((task) => `${task.system}:${task.action}:${task.status}`)).toEqual(['webshops:forward:forwarded']);
    expect(forwardOf(review)?.outcome?.dispositions).toEqual([{ kind: 'forwarded', to: SHOP_B.name, at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) }]);

    expect((await client.post(`/api/v1/cases/${reference}/complete`, {})).status).toBe(200);
    const [stored] = (await stack.dataSource.query(`SELECT l.subject FROM case_answer_letters l JOIN cases c ON c.id = l.case_id WHERE c.reference = $1`, [
      reference,
    ])) as Array<{ subject: string }>;
    const letter = await smtp.waitFor((mail) => mail.to.includes(email) && mail.subject === stored.subject);
    expect(letter.text).toContain(SHOP_B.name);
    expect(letter.text).not.toContain(SHOP_A.name);
    expect(smtp.to(SHOP_B.contact)).toHaveLength(1);
    expect(smtp.to(SHOP_A.contact)).toEqual([]);
  });

  it('refuses a named controller the data map does not list, naming the field and the ids', async () => {
    const response = await submit('ola.hansen@example.no', { text: 'Delete me.', controller: 'skobutikken' });
    expect(response.status).toBe(400);
    expect((await response.json()).details).toEqual([{ field: 'details.controller', problem: `must be one of ${SHOP_A.id}, ${SHOP_B.id}` }]);
  });

  it('the public form offers the two shops; a request naming shop A by the form goes to shop A only, an unknown one is shown back', async () => {
    const form = await openForm(stack.url, '/?lang=en');
    expect(form.html).toContain('Which web shop or company is it about? (optional)');
    expect(form.html).toMatch(new RegExp(`<option value="${SHOP_A.id}">${SHOP_A.name}</option>`));
    expect(form.html).toMatch(new RegExp(`<option value="${SHOP_B.id}">${SHOP_B.name}</option>`));
    const fields = { _csrf: form.csrf, idempotencyKey: form.key, lang: 'en', type: 'erasure', email: 'lars.dahl@example.no', text: 'Remove my boots order.' };

    const wrong = await postForm(stack.url, form.cookies, { ...fields, controller: 'skobutikken' });
    expect(wrong.status).toBe(400);
    const shownBack = await wrong.text();
    expect(shownBack).toContain('choose one of the companies in the list');
    expect(shownBack).toContain('Remove my boots order.');

    expect((await postForm(stack.url, form.cookies, { ...fields, controller: SHOP_A.id })).status).toBe(200);
    const [row] = (await stack.dataSource.query(`SELECT reference FROM cases WHERE subject_email = $1`, ['lars.dahl@example.no'])) as Array<{
      reference: string;
    }>;
    const forward = await smtp.waitFor((mail) => mail.to.includes(SHOP_A.contact) && mail.subject.includes(row.reference));
    expect(forward.text).toContain('Remove my boots order.');
    // Shop A gives no language: nb, the company's own, and only nb (the person's own words as written).
    expect(forward.subject).toBe(`[${row.reference}] Videresendt personvernhenvendelse: Slette opplysningene mine (sletting)`);
    expect(forward.text).toContain('Vi har ikke søkt i, utlevert, endret eller slettet noe');
    expect(forward.text).toMatch(/Mottatt: \d{1,2}\. [a-zæøå]+ \d{4}/);
    expect(languageLeaks(`${forward.subject}\n${forward.text.replace('Remove my boots order.', '')}`)).toEqual([]);
    expect(forward.text).not.toMatch(/We received|Our reference|not verified/);
    expect(smtp.messages.filter((mail) => mail.subject.includes(row.reference) && mail.to.includes(SHOP_B.contact))).toEqual([]);
  });

  it('a request naming no shop waits for a handler, who picks shop A; nobody else gets it, and picking again sends nothing', async () => {
    const response = await submit('ingrid.berg@example.no', { text: 'I bought boots from you last winter. Delete everything about me.' });
    expect(response.status).toBe(202);
    const { reference } = (await response.json()) as { reference: string };
    const waiting = await waitForCase(client, reference, (body) => forwardOf(body)?.status === 'manual');
    expect(forwardOf(waiting)?.outcome).toEqual(
      expect.objectContaining({
        awaiting: 'controller_choice',
        controllers: [
          { id: SHOP_A.id, name: SHOP_A.name },
          { id: SHOP_B.id, name: SHOP_B.name },
        ],
      }),
    );
    const path = `/api/v1/cases/${reference}/processor-forwards/webshops`;
    const owner = await staffUser(stack, 'drift@butikkplattform.example', 'owner');
    expect((await client.post(path, { controllerId: SHOP_A.id }, owner)).status).toBe(403);
    const wrong = await client.post(path, { controllerId: 'skobutikken' });
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).details).toEqual([
      { field: 'controllerId', problem: `must be one of the controllers of webshops: ${SHOP_A.id}, ${SHOP_B.id}` },
    ]);

    const handler = await staffUser(stack, 'saksbehandler@butikkplattform.example', 'handler');
    const chosen = await client.post(path, { controllerId: SHOP_A.id }, handler);
    expect(chosen.status).toBe(200);
    expect((await chosen.json()).status).toBe('forwarded');
    const forward = await smtp.waitFor((mail) => mail.to.includes(SHOP_A.contact) && mail.subject.includes(reference));
    expect(forward.text).toContain('I bought boots from you last winter. Delete everything about me.');
    expect((await client.post(path, { controllerId: SHOP_A.id }, handler)).status).toBe(200);
    const after = await waitForCase(client, reference, (body) => forwardOf(body)?.status === 'forwarded');
    expect(forwardOf(after)?.outcome?.dispositions).toEqual([{ kind: 'forwarded', to: SHOP_A.name, at: expect.any(String) }]);
    expect(smtp.messages.filter((mail) => mail.subject.includes(reference) && mail.to.some((to) => to.includes('personvern@')))).toHaveLength(1);
  });
});
