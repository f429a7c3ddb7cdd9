import JSZip from 'jszip';
import { registration, searchDone, settled, waitForCase } from '../fanout/fanout-stack';
import { NORWEGIAN_PEOPLE } from '../fanout/norwegian-people';
import { pageText } from '../intake/intake-helpers';
import { QueueName } from '../../src/queues/queue-catalogue';
import { languageLeaks } from '../support/language-leaks';
import { queueOf } from '../support/queues';
import { waitUntil } from '../support/service-process';
import { signedInStaff, type SessionClient } from '../staff-ui/staff-session-client';
import { useSimulatorStack } from './simulator-stack';

const PREFIX = 'RESTRICT_POST_E2E';
const [KARI, OLA, INGRID, LARS] = NORWEGIAN_PEOPLE;

const unescape = (html: string) =>
  html
    .replace(/&#x3D;/g, '=')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

type AuditItem = { type: string; occurredAt: string; data: Record<string, unknown> };

/** Lifting a restriction after telling the person (Art 18(3)), and answering a case that has no e-mail address (by post). */
describe('restriction lifting and answers by post (real stack, simulators, SMTP)', () => {
  const env = useSimulatorStack(PREFIX, {
    env: {
      PACKAGE_KEY: Buffer.alloc(32, 5).toString('base64'),
      // No notice period here: these tests are about the order notice → lift (the period has its own spec).
      RESTRICTION_LIFT_NOTICE_WORKING_DAYS: '0',
    },
  });
  let handler: SessionClient;
  let auditor: SessionClient;
  beforeAll(async () => {
    handler = await signedInStaff(env.stack, 'lift.handler@example.no', 'handler');
    auditor = await signedInStaff(env.stack, 'lift.auditor@example.no', 'auditor');
  });

  const auditOf = async (reference: string): Promise<AuditItem[]> => (await (await env.client.get(`/api/v1/cases/${reference}/audit`)).json()).items;
  const toReview = async (reference: string) => {
    // Approval is of the records found: once every system's search is done.
    await waitForCase(env.client, reference, searchDone);
    await env.client.post(`/api/v1/cases/${reference}/approve`, {});
    return waitForCase(env.client, reference, (body) => settled(body) && (body as unknown as { status: string }).status === 'awaiting_review');
  };

  it('tells the requester before lifting a restriction, then lifts it, tells the owners and the recipients; staff button and API', async () => {
    const created = await env.client.post('/api/v1/cases', { ...registration('restriction', KARI), language: 'nb' });
    const { reference } = (await created.json()) as { reference: string };
    await toReview(reference);

    // While the case is open and not yet applied (in progress), and for another type, lifting is refused.
    const other = (await (await env.client.post('/api/v1/cases', { ...registration('access', OLA), language: 'en' })).json()) as { reference: string };
    const wrongType = await env.client.post(`/api/v1/cases/${other.reference}/lift-restriction`, { reason: 'Not a restriction case at all.' });
    expect(wrongType.status).toBe(409);
    expect((await env.client.post(`/api/v1/cases/${reference}/lift-restriction`, {})).status).toBe(400);

    expect((await env.client.post(`/api/v1/cases/${reference}/complete`, {})).status).toBe(200);
    const page = await (await handler.get(`/staff/cases/${reference}`)).text();
    expect(page).toContain(`action="/staff/cases/${reference}/lift-restriction"`);
    expect(await (await auditor.get(`/staff/cases/${reference}`)).text()).not.toContain('/lift-restriction"');

    const reason = 'Du har bestridt at opplysningene er riktige; vi har kontrollert dem mot kontrakten og de stemmer.';
    const lifted = await handler.submit(`/staff/cases/${reference}`, `/staff/cases/${reference}/lift-restriction`, { reason });
    expect(lifted.status).toBe(303);
    expect(lifted.headers.get('location')).toBe(`/staff/cases/${reference}?done=liftRequested`);

    const notice = await env.smtp.waitFor((mail) => mail.to.includes(KARI.email) && mail.subject.includes('Begrensningen av behandlingen oppheves'));
    expect(notice.text).toContain(reason);
    expect(notice.text).toContain('art. 18(3)');
    expect(notice.text).toContain('Klage til Datatilsynet');
    expect(notice.text).toContain('domstolene');
    expect(notice.html).toContain('lang="nb"');

    await waitUntil(async () => (await auditOf(reference)).some((event) => event.type === 'restriction.lifted'), 20_000);
    const audit = await auditOf(reference);
    const stored = audit.find((event) => event.type === 'restriction.lift_notice_stored')!;
    const done = audit.find((event) => event.type === 'restriction.lifted')!;
    expect(stored.data.reason).toBe(reason);
    // The notice went out before the lift was recorded.
    const [sent] = await env.stack.dataSource.query(`SELECT sent_at FROM outbound_emails WHERE kind = 'restriction-lifting-notice' AND to_address = $1`, [
      KARI.email,
    ]);
    expect(new Date(sent.sent_at).getTime()).toBeLessThanOrEqual(new Date(done.occurredAt).getTime());
    expect(new Date(stored.occurredAt).getTime()).toBeLessThanOrEqual(new Date(done.occurredAt).getTime());
    expect(done.data.recipientsNotified).toEqual(expect.arrayContaining(['Revisor AS']));

    // No connector can un-restrict: each restricted system's owner gets the task; recipients are told (Art 19).
    const ownerTask = await env.smtp.waitFor((mail) => mail.subject.startsWith('Opphev begrensning') && mail.subject.includes(reference));
    expect(ownerTask.text).toContain(`/staff/cases/${reference}`);
    // The owners have no account: the task is in nb only.
    expect(ownerTask.text).toContain('Oppgave: opphev begrensningen av behandlingen i');
    expect(languageLeaks(`${ownerTask.subject}\n${ownerTask.text}`)).toEqual([]);
    const recipient = await env.smtp.waitFor((mail) => mail.to.includes('revisjon@revisor.example') && mail.text.includes('opphevet begrensningen'));
    expect(recipient.subject).toContain(reference);

    // Once decided, not twice; and the page no longer offers it.
    expect((await env.client.post(`/api/v1/cases/${reference}/lift-restriction`, { reason: 'Once more, for the record.' })).status).toBe(409);
    expect(await (await handler.get(`/staff/cases/${reference}`)).text()).not.toContain(`action="/staff/cases/${reference}/lift-restriction"`);
  });

  it('keeps the restriction in force while the notice cannot be sent, and lifts it once it has gone out', async () => {
    const created = (await (await env.client.post('/api/v1/cases', { ...registration('restriction', INGRID), language: 'en' })).json()) as {
      reference: string;
      id: string;
    };
    await toReview(created.reference);
    expect((await env.client.post(`/api/v1/cases/${created.reference}/complete`, {})).status).toBe(200);
    env.smtp.refuse = true;
    try {
      const lift = await env.client.post(`/api/v1/cases/${created.reference}/lift-restriction`, {
        reason: 'The accuracy of your address has been verified against the signed contract.',
      });
      expect(lift.status).toBe(202);
      expect((await lift.json()).liftedAt).toBeNull();
      // The relay refused the notice, and the lift job has run and declined.
      await waitUntil(
        async () =>
          (
            await env.stack.dataSource.query(`SELECT last_error FROM outbound_emails WHERE case_id = $1 AND kind = 'restriction-lifting-notice'`, [created.id])
          )[0]?.last_error !== null,
        20_000,
      );
      await waitUntil(
        async () => ((await queueOf(env.stack.context, QueueName.Answers).getJob(`restriction-lift-${created.id}`))?.attemptsMade ?? 0) >= 1,
        20_000,
      );
      expect((await auditOf(created.reference)).some((event) => event.type === 'restriction.lifted')).toBe(false);
      const [row] = await env.stack.dataSource.query('SELECT lifted_at FROM restriction_liftings WHERE case_id = $1', [created.id]);
      expect(row.lifted_at).toBeNull();
    } finally {
      env.smtp.refuse = false;
    }
    const notice = await env.smtp.waitFor(
      (mail) => mail.to.includes(INGRID.email) && mail.subject.includes('The restriction of processing will be lifted'),
      30_000,
    );
    expect(notice.text).toContain('The accuracy of your address has been verified');
    expect(notice.text).toContain('Art 18(3)');
    expect(notice.text).toContain('take the matter to court');
    await waitUntil(async () => (await auditOf(created.reference)).some((event) => event.type === 'restriction.lifted'), 30_000);
  });

  it('answers a case without an e-mail address by post: the package is built, the letter stored, both downloadable by a handler, audited', async () => {
    const created = await env.client.post('/api/v1/cases', {
      type: 'access',
      channel: 'letter',
      language: 'nb',
      receivedAt: new Date(Date.now() - 3600_000).toISOString(),
      subject: { name: 'Áilu Čuđe Ŋŧ', phone: OLA.phone, customerNumber: String(OLA.customerNo) },
      identityVerified: { method: 'letter signed, customer number matches' },
    });
    expect(created.status).toBe(201);
    const { reference, id } = (await created.json()) as { reference: string; id: string };
    await toReview(reference);
    expect((await env.client.post(`/api/v1/cases/${reference}/complete`, {})).status).toBe(200);

    const [letter] = await env.stack.dataSource.query(`SELECT id, kind, delivery, subject, text_body FROM case_answer_letters WHERE case_id = $1`, [id]);
    expect(letter).toEqual(expect.objectContaining({ kind: 'access', delivery: 'post' }));
    expect(letter.text_body).toContain('Svaret følger med dette brevet');
    expect(letter.text_body).not.toContain('engangskode');
    expect(letter.text_body).toContain('Klage til Datatilsynet');
    const packages = await env.stack.dataSource.query(`SELECT count(*)::int AS n FROM answer_packages WHERE case_id = $1`, [id]);
    expect(packages[0].n).toBe(1);

    const page = await (await handler.get(`/staff/cases/${reference}`)).text();
    expect(page).toContain('data-testid="answer-files"');
    const html = await handler.get(`/staff/cases/${reference}/answer/letters/${letter.id}/html`);
    expect(html.status).toBe(200);
    expect(pageText(await html.text())).toContain('Svaret følger med dette brevet');
    const pdf = await handler.get(`/staff/cases/${reference}/answer/letters/${letter.id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const zip = await handler.get(`/staff/cases/${reference}/answer/package.zip`);
    expect(zip.status).toBe(200);
    const files = Object.keys((await JSZip.loadAsync(Buffer.from(await zip.arrayBuffer()))).files);
    expect(files).toEqual(expect.arrayContaining(['answer.html', 'answer.pdf', 'manifest.json']));

    expect((await auditor.get(`/staff/cases/${reference}/answer/package.zip`)).status).toBe(403);
    const downloads = (await auditOf(reference)).filter((event) => event.type === 'answer.staff_downloaded');
    expect(downloads.map((event) => event.data.format).sort()).toEqual(['html', 'pdf', 'zip']);
    expect(JSON.stringify(downloads)).not.toContain('Čuđe');
  });

  it('previews the refusal letter from the reject form, refuses an edit without the remedies, and sends the edited refusal', async () => {
    const { reference } = (await (await env.client.post('/api/v1/cases', { ...registration('access', LARS), language: 'nb' })).json()) as { reference: string };
    await toReview(reference);
    const reason = 'Dette er den fjerde like forespørselen på to måneder.';
    const page = await (await handler.get(`/staff/cases/${reference}`)).text();
    expect(page).toContain('data-testid="refusal-preview"');

    const previewed = await handler.submit(`/staff/cases/${reference}`, `/staff/cases/${reference}/refusal-letter`, { reasonCode: 'excessive', reason });
    expect(previewed.status).toBe(200);
    const previewPage = await previewed.text();
    const text = unescape(/<textarea id="refusal-text"[^>]*>([\s\S]*?)<\/textarea>/.exec(previewPage)![1]);
    const subject = unescape(/id="refusal-subject" name="subject" value="([^"]*)"/.exec(previewPage)![1]);
    expect(text).toContain('Vi kan ikke imøtekomme forespørselen din.');
    expect(text).toContain(reason);
    expect(text).toContain('Klage til Datatilsynet');

    const stripped = text
      .split('\n')
      .filter((line) => !line.includes('Datatilsynet'))
      .join('\n');
    const refused = await handler.submit(`/staff/cases/${reference}`, `/staff/cases/${reference}/refusal-letter`, {
      reasonCode: 'excessive',
      reason,
      subject,
      text: stripped,
    });
    expect(refused.status).toBe(400);
    expect(pageText(await refused.text())).toContain('must keep, word for word');

    const edited = text.replace('Vi kan ikke imøtekomme forespørselen din.', 'Vi kan ikke imøtekomme forespørselen din. Ring oss gjerne om du lurer på noe.');
    const saved = await handler.submit(`/staff/cases/${reference}`, `/staff/cases/${reference}/refusal-letter`, {
      reasonCode: 'excessive',
      reason,
      subject,
      text: edited,
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`/staff/cases/${reference}?done=refusalSaved`);

    const rejected = await handler.submit(`/staff/cases/${reference}`, `/staff/cases/${reference}/reject`, { reasonCode: 'excessive', reason });
    expect(rejected.status).toBe(303);
    const letter = await env.smtp.waitFor((mail) => mail.to.includes(LARS.email) && mail.subject === subject);
    expect(letter.text).toContain('Ring oss gjerne om du lurer på noe.');
    expect(letter.text).toContain(reason);
    expect(letter.text).toContain('Klage til Datatilsynet');
    expect(letter.text).toContain('domstolene');
  });
});
