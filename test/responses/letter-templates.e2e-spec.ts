import { api, registration, type Api } from '../fanout/fanout-stack';
import { pageText } from '../intake/intake-helpers';
import { checkClaims } from '../support/letter-claims';
import { SmtpCapture, type CapturedMail } from '../support/smtp-capture';
import { TEST_ADMIN, adminAuth, startTestApp, type TestApp } from '../support/test-app';
import { bearerFor, createStaffUser, SessionClient } from '../staff-ui/staff-session-client';
import { factsFromCase, letterMail, recordOutcomes, writeManualDataMap } from './true-letters-stack';

type FullCase = Parameters<typeof factsFromCase>[0];

const COMPANY = {
  greeting: 'Kjære kunde,',
  closing: 'Med vennlig hilsen personvernteamet',
  before: ['Takk for at du tar kontakt med oss om personvern.'],
  after: ['Kundeservice svarer på hverdager kl. 8–16.'],
};

/**
 * The company's letter template, end to end: an admin sets the words for one letter kind and
 * language over REST; the next letter of that kind in that language carries them around the
 * statutory body, the other language keeps the default words, and bad input is a 400 naming the field.
 */
describe('letter templates', () => {
  const smtp = new SmtpCapture();
  let stack: TestApp;
  let client: Api;
  let auth: Record<string, string>;

  beforeAll(async () => {
    stack = await startTestApp({ env: { SMTP_URL: await smtp.start(), SYSTEMS_FILE: writeManualDataMap(['newsletter']) } });
    auth = await adminAuth(stack.url);
    client = api(stack.url, () => auth);
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
    await smtp.stop();
  });

  const put = (path: string, body: unknown, headers = auth) =>
    fetch(`${stack.url}/api/v1/letter-templates/${path}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  /** An objection to direct marketing where nothing was found: the "nothing held" letter. */
  const nothingHeldLetter = async (email: string, language: 'nb' | 'en'): Promise<{ mail: CapturedMail; body: FullCase }> => {
    const registered = await client.post('/api/v1/cases', {
      ...registration('objection', { email, name: 'Kari Nordmann' }, { processing: 'direct_marketing' }),
      language,
    });
    expect(registered.status).toBe(201);
    const { reference } = (await registered.json()) as { reference: string };
    await recordOutcomes(client, reference, { newsletter: { summary: 'Søkte i listen.', dispositions: [{ kind: 'not_held', reason: 'not_found' }] } });
    expect((await client.post(`/api/v1/cases/${reference}/complete`, {})).status).toBe(200);
    const body = (await (await client.get(`/api/v1/cases/${reference}`)).json()) as FullCase;
    return { mail: await letterMail(stack, smtp, body.id, email), body };
  };

  it('bad input is a 400 naming the field and the problem; only admins may read or change templates', async () => {
    const twoLines = await put('nothing-held/nb', { greeting: 'Hei\nder' });
    expect(twoLines.status).toBe(400);
    expect(JSON.stringify(await twoLines.json())).toContain('greeting must be a single line');
    const listLine = await put('nothing-held/nb', { before: ['Fint.', 'Vi har slettet:\n- alt'] });
    expect(listLine.status).toBe(400);
    expect(JSON.stringify(await listLine.json())).toContain('before[2] may not have a line starting with');
    const tooLong = await put('nothing-held/nb', { closing: 'x'.repeat(101) });
    expect(JSON.stringify(await tooLong.json())).toContain('closing is too long');
    const wrongType = await put('nothing-held/nb', { after: 'not a list' });
    expect(JSON.stringify(await wrongType.json())).toContain('after must be text');
    const unknownKind = await put('welcome/nb', COMPANY);
    expect(unknownKind.status).toBe(400);
    expect(JSON.stringify(await unknownKind.json())).toContain('kind must be one of');
    expect((await put('nothing-held/se', COMPANY)).status).toBe(400);
    expect((await put('nothing-held/nb', { ...COMPANY, footer: 'x' })).status).toBe(400);
    // Nothing was stored by the refused attempts.
    expect(await (await client.get('/api/v1/letter-templates/nothing-held/nb')).json()).toEqual({
      kind: 'nothing-held',
      language: 'nb',
      greeting: null,
      closing: null,
      before: [],
      after: [],
    });

    await createStaffUser(stack, 'handler@firma.example', 'handler');
    const handler = await bearerFor(stack, 'handler@firma.example');
    expect((await put('nothing-held/nb', COMPANY, handler)).status).toBe(403);
    expect((await fetch(`${stack.url}/api/v1/letter-templates`, { headers: handler })).status).toBe(403);
  });

  it('an edit is carried by the next letter of that kind and language, around the statutory body; the other language keeps the defaults', async () => {
    const saved = await put('nothing-held/nb', COMPANY);
    expect(saved.status).toBe(200);
    expect(await saved.json()).toEqual({ kind: 'nothing-held', language: 'nb', ...COMPANY });
    const listed = (await (await client.get('/api/v1/letter-templates')).json()) as Array<{ kind: string; language: string; greeting: string | null }>;
    expect(listed).toHaveLength(24);
    expect(listed.filter((row) => row.greeting).map((row) => `${row.kind}/${row.language}`)).toEqual(['nothing-held/nb']);

    const nb = await nothingHeldLetter('kari.mal@example.no', 'nb');
    const paragraphs = nb.mail.text.replace(/\r\n/g, '\n').trimEnd().split('\n\n');
    expect(paragraphs[0]).toBe('Kjære kunde,');
    expect(paragraphs[1]).toBe('Takk for at du tar kontakt med oss om personvern.');
    expect(paragraphs[2]).toContain(`Vi viser til forespørselen din ${nb.body.reference}`);
    expect(paragraphs.slice(-2)).toEqual(['Kundeservice svarer på hverdager kl. 8–16.', 'Med vennlig hilsen personvernteamet\nFirma AS']);
    // The statutory body is still there: what was found, the remedies, where to ask.
    for (const statutory of ['Vi har søkt i disse systemene og fant ingen opplysninger om deg:', 'Datatilsynet', 'domstolene', 'personvern@firma.example']) {
      expect(nb.mail.text).toContain(statutory);
    }
    expect(nb.mail.html).toContain('<p>Takk for at du tar kontakt med oss om personvern.</p>');
    const text = { subject: nb.mail.subject, text: nb.mail.text.replace(/\r\n/g, '\n') };
    expect(checkClaims({ ...factsFromCase(nb.body), template: { ...COMPANY } }, text)).toEqual({ orphans: [], unstated: [] });
    // Read against the default words, the company's paragraphs are what the check cannot back.
    expect(checkClaims(factsFromCase(nb.body), text).orphans).toEqual(expect.arrayContaining([...COMPANY.before, ...COMPANY.after]));

    const en = await nothingHeldLetter('kari.english@example.no', 'en');
    expect(en.mail.text.startsWith('Hello,')).toBe(true);
    for (const own of [COMPANY.greeting, COMPANY.closing, ...COMPANY.before, ...COMPANY.after]) expect(en.mail.text).not.toContain(own);
    expect(checkClaims(factsFromCase(en.body), { subject: en.mail.subject, text: en.mail.text.replace(/\r\n/g, '\n') })).toEqual({ orphans: [], unstated: [] });

    const events = await stack.dataSource.query(`SELECT actor, data FROM audit_events WHERE type = 'letter_template.changed'`);
    expect(events).toEqual([
      { actor: expect.stringMatching(/^staff:/), data: { kind: 'nothing-held', language: 'nb', changed: ['greeting', 'closing', 'before', 'after'] } },
    ]);
    // Saving the same words again changes nothing and records nothing.
    expect((await put('nothing-held/nb', COMPANY)).status).toBe(200);
    expect(await stack.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE type = 'letter_template.changed'`)).toEqual([{ n: 1 }]);
  });

  it('the staff form (nb) re-renders what was typed with the problem beside the field, and previews unsaved words on a sample case in the letter’s language', async () => {
    const admin = new SessionClient(stack.url);
    expect((await admin.signIn(TEST_ADMIN.email, TEST_ADMIN.password)).status).toBe(303);
    const page = '/staff/templates/refusal/en';
    const refused = await admin.submit(page, page, { greeting: 'Dear friend,', before: 'Fine.\n\n- a list item', after: '', closing: '', action: 'save' });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('value="Dear friend,"');
    expect(html).toContain('Fine.\n\n- a list item</textarea>');
    expect(pageText(html)).toContain('Avsnitt 2: En linje kan ikke starte med «- » eller «•»: brevet ville lese den som et punkt i en liste.');

    const preview = await admin.submit(page, page, { greeting: 'Dear friend,', before: '<b>Our words</b>', after: '', closing: '', action: 'preview' });
    expect(preview.status).toBe(200);
    const previewHtml = await preview.text();
    // Plain text: the markup typed is shown, never run.
    expect(previewHtml).not.toContain('<b>Our words</b>');
    const previewText = pageText(previewHtml);
    expect(previewText).toContain('Forhåndsvisningen viser teksten over, som ikke er lagret ennå.');
    expect(previewText).toContain('Dear friend, &lt;b&gt;Our words&lt;/b&gt; This is about your request DSR-2026-000123');
    expect(previewText).toContain('We cannot grant your request.');
    expect(previewText).toContain('Complaint to Datatilsynet');
    // Not saved: the letter still uses the defaults.
    expect((await (await client.get('/api/v1/letter-templates/refusal/en')).json()).greeting).toBeNull();

    const pdf = await admin.get('/staff/templates/refusal/en/preview.pdf');
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect((await pdf.arrayBuffer()).byteLength).toBeGreaterThan(1000);
  });
});
