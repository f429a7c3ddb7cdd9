import { api, registration, waitForCase, type Api, type CaseBody } from '../fanout/fanout-stack';
import { checkClaims } from '../support/letter-claims';
import { SmtpCapture, type CapturedMail } from '../support/smtp-capture';
import { pageText } from '../intake/intake-helpers';
import { SessionClient } from '../staff-ui/staff-session-client';
import { TEST_ADMIN, adminAuth, startTestApp, type TestApp } from '../support/test-app';
import { factsFromCase, letterMail, recordOutcomes, writeManualDataMap } from './true-letters-stack';

type FullCase = Parameters<typeof factsFromCase>[0];

/** What the owners typed for staff: addresses and customer numbers that must never reach the requester's e-mail. */
const TYPED = {
  support: 'Kari ringte om faktura 1042; adresse Storgata 1, 0155 Oslo, kundenr 10042.',
  accounting: 'Slettet kontaktperson på kunde 10042 (kari.nordmann@example.no); bilagene ligger igjen.',
  cctv: 'Sjekket opptakene fra kamera 3 ved inngangen, ingenting igjen.',
  newsletter: 'Fant kari.nordmann@example.no i listen «VIP-kunder 2026».',
};

/**
 * Letters that say only what was done, against real PostgreSQL, Redis and SMTP, with a data map of
 * systems without an API: each owner records their outcome through the API with dispositions, and
 * the delivered letter e-mail is read and put through the claims check.
 */
describe('true letters from manual outcomes', () => {
  const smtp = new SmtpCapture();
  let stack: TestApp;
  let client: Api;

  beforeAll(async () => {
    stack = await startTestApp({ env: { SMTP_URL: await smtp.start(), SYSTEMS_FILE: writeManualDataMap(['support', 'accounting', 'cctv', 'newsletter']) } });
    const auth = await adminAuth(stack.url);
    client = api(stack.url, () => auth);
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
    await smtp.stop();
  });

  const register = async (type: string, email: string, language: 'nb' | 'en', details: Record<string, unknown> = {}) => {
    const response = await client.post('/api/v1/cases', { ...registration(type, { email, name: 'Kari Nordmann' }, details), language });
    expect(response.status).toBe(201);
    return ((await response.json()) as { reference: string }).reference;
  };
  const approve = async (reference: string) => expect((await client.post(`/api/v1/cases/${reference}/approve`, {})).status).toBe(200);
  const completeAndRead = async (reference: string, email: string): Promise<{ mail: CapturedMail; body: FullCase }> => {
    const completed = await client.post(`/api/v1/cases/${reference}/complete`, {});
    expect(completed.status).toBe(200);
    const body = (await (await client.get(`/api/v1/cases/${reference}`)).json()) as FullCase;
    return { mail: await letterMail(stack, smtp, body.id, email), body };
  };
  /** The e-mail says nothing no disposition backs, states every disposition, and carries nothing an owner typed. */
  const expectTrue = (mail: CapturedMail, body: FullCase) => {
    expect(checkClaims(factsFromCase(body), { subject: mail.subject, text: mail.text.replace(/\r\n/g, '\n') })).toEqual({ orphans: [], unstated: [] });
    for (const typed of Object.values(TYPED)) expect(mail.text).not.toContain(typed);
    for (const personal of ['Storgata', '10042', 'kari.nordmann@example.no', 'VIP-kunder']) expect(mail.text).not.toContain(personal);
  };

  it('an erasure verified but never approved cannot be completed: 409 approval_required, no letter', async () => {
    const email = 'ikke.godkjent@example.no';
    const reference = await register('erasure', email, 'nb');
    const before = (await (await client.get(`/api/v1/cases/${reference}`)).json()) as CaseBody & { approvedAt: string | null };
    expect(before.status).toBe('in_progress');
    expect(before.approvedAt).toBeNull();
    expect(before.tasks).toEqual([]);
    const refused = await client.post(`/api/v1/cases/${reference}/complete`, {});
    expect(refused.status).toBe(409);
    const problem = await refused.json();
    expect(problem.code).toBe('approval_required');
    expect(problem.message).toContain('approved');
    const after = (await (await client.get(`/api/v1/cases/${reference}`)).json()) as CaseBody;
    expect(after.status).toBe('in_progress');
    // The staff page gives the same refusal in its own language.
    const staff = new SessionClient(stack.url);
    await staff.signIn(TEST_ADMIN.email, TEST_ADMIN.password);
    const page = await staff.submit(`/staff/cases/${reference}`, `/staff/cases/${reference}/complete`, {});
    expect(page.status).toBe(409);
    expect(pageText(await page.text())).toContain('Saken må godkjennes av en saksbehandler, for registreringene som er funnet nå, før den kan fullføres.');
    const letters = await stack.dataSource.query(`SELECT count(*)::int AS n FROM case_answer_letters WHERE case_id = $1`, [after.id]);
    expect(letters[0].n).toBe(0);
    expect(smtp.messages.filter((mail) => mail.to.includes(email) && !/mottatt|received/i.test(mail.subject))).toEqual([]);
  });

  it('a partial erasure (nb): a ticket kept for a legal claim and vouchers kept under bokføringsloven § 13, each with its own basis; CCTV gone by routine deletion', async () => {
    const email = 'kari.sletting@example.no';
    const reference = await register('erasure', email, 'nb');
    await approve(reference);
    await recordOutcomes(client, reference, {
      support: {
        summary: TYPED.support,
        dispositions: [
          { kind: 'erased', what: 'e-mail', count: 14 },
          {
            kind: 'kept',
            what: 'ticket',
            count: 1,
            basis: 'legal_claims',
            claim: 'tvist om faktura 1042',
            criterion: 'tvisten er avgjort',
            allowedUse: 'legal_claims',
          },
        ],
      },
      accounting: {
        summary: TYPED.accounting,
        dispositions: [
          { kind: 'erased', what: 'contact-person', count: 1 },
          {
            kind: 'kept',
            what: 'voucher',
            count: 6,
            basis: 'legal_obligation',
            law: 'bokføringsloven § 13 (5 år etter regnskapsårets slutt)',
            until: '2031-12-31',
            allowedUse: 'regnskap, revisjon og skattekontroll',
          },
        ],
      },
      cctv: { summary: TYPED.cctv, dispositions: [{ kind: 'not_held', reason: 'routine_deletion', what: 'recording', routine: 'overskrevet etter 7 dager' }] },
      newsletter: { summary: TYPED.newsletter, dispositions: [{ kind: 'erased', what: 'contact', count: 1 }] },
    });
    const { mail, body } = await completeAndRead(reference, email);
    expect(mail.subject).toBe(`Opplysningene dine er slettet, med unntak (${reference})`);
    expect(mail.text).toContain(
      '- Kundeservice (e-post og saker), 1 henvendelse: beholdes for et rettskrav (personvernforordningen art. 17(3)(e)): tvist om faktura 1042; brukes bare til å fastsette, gjøre gjeldende eller forsvare kravet; til tvisten er avgjort.',
    );
    expect(mail.text).toContain(
      '- Regnskap (Tripletex), 6 bilag: beholdes fordi loven krever det (personvernforordningen art. 17(3)(b)): bokføringsloven § 13 (5 år etter regnskapsårets slutt); brukes bare til regnskap, revisjon og skattekontroll; til og med 31. desember 2031.',
    );
    // Bookkeeping is named once: for the vouchers, never for the ticket kept for a dispute.
    expect(mail.text.match(/regnskap, revisjon/g)).toHaveLength(1);
    expect(mail.text).toContain('før forespørselen din nådde dem:\n- Kameraovervåking, opptak: overskrevet etter 7 dager');
    expect(mail.text).toContain('delvis avslag');
    expectTrue(mail, body);
  });

  it('a rectification of one field (en): the corrected field old → new; the other requested field is not claimed corrected', async () => {
    const email = 'kari.retting@example.no';
    const reference = await register('rectification', email, 'en', { changes: { phone: '+4799999999', city: 'Bergen' } });
    await approve(reference);
    await recordOutcomes(client, reference, {
      support: { summary: TYPED.support, dispositions: [{ kind: 'corrected', what: 'ticket', field: 'phone', old: '+4791234567', new: '+4799999999' }] },
      accounting: {
        summary: TYPED.accounting,
        dispositions: [{ kind: 'corrected', what: 'customer', field: 'phone', old: '+4791234567', new: '+4799999999' }],
      },
      cctv: { summary: TYPED.cctv, dispositions: [{ kind: 'not_held', reason: 'never_held' }] },
      newsletter: { summary: TYPED.newsletter, dispositions: [{ kind: 'not_held', reason: 'not_found' }] },
    });
    const { mail, body } = await completeAndRead(reference, email);
    expect(mail.subject).toBe(`Your data has been corrected (${reference})`);
    // One line for the equal corrections in both systems (in the order the tasks were created).
    expect(mail.text).toMatch(
      /\n- phone number in (Kundeservice \(e-post og saker\), Regnskap \(Tripletex\)|Regnskap \(Tripletex\), Kundeservice \(e-post og saker\)): \+4791234567 → \+4799999999\n/,
    );
    expect(mail.text).toContain('No change was made to city.');
    expect(mail.text).not.toMatch(/city[^.\n]*(→|corrected)|previous value/);
    expectTrue(mail, body);
  });

  it('an objection to direct marketing with e-mail suppressed only (en): names e-mail only, no minimal-entry claim', async () => {
    const email = 'kari.markedsforing@example.no';
    const reference = await register('objection', email, 'en', { processing: 'direct_marketing' });
    await recordOutcomes(client, reference, {
      newsletter: {
        summary: TYPED.newsletter,
        dispositions: [{ kind: 'suppressed', what: 'contact', count: 1, channels: ['email'], minimalEntryOnly: false }],
      },
    });
    const { mail, body } = await completeAndRead(reference, email);
    expect(mail.subject).toBe(`Your objection: what we have stopped (${reference})`);
    expect(mail.text).toMatch(
      /We have stopped direct marketing to you on these channels:\n- Nyhetsbrev \(Mailchimp\), 1 contact: e-mail, from \d+ \w+ \d{4}\n/,
    );
    for (const never of ['every channel', 'minimal entry', 'text message', 'phone calls', 'letters by post']) expect(mail.text).not.toContain(never);
    expectTrue(mail, body);
  });

  it('an objection to direct marketing where nothing was found (nb): no claim of stopping any marketing', async () => {
    const email = 'kari.ingenting@example.no';
    const reference = await register('objection', email, 'nb', { processing: 'direct_marketing' });
    await recordOutcomes(client, reference, { newsletter: { summary: TYPED.newsletter, dispositions: [{ kind: 'not_held', reason: 'not_found' }] } });
    const { mail, body } = await completeAndRead(reference, email);
    expect(mail.subject).toBe(`Vi fant ingen opplysninger om deg (${reference})`);
    expect(mail.text).toContain('Vi har søkt i disse systemene og fant ingen opplysninger om deg:\n- Nyhetsbrev (Mailchimp)');
    for (const never of ['stanset', 'alle kanaler', 'minimal oppføring']) expect(mail.text).not.toContain(never);
    expectTrue(mail, body);
  });
});

describe('a processor-only erasure', () => {
  const smtp = new SmtpCapture();
  let stack: TestApp;
  let client: Api;

  beforeAll(async () => {
    stack = await startTestApp({ env: { SMTP_URL: await smtp.start(), SYSTEMS_FILE: writeManualDataMap(['printer']) } });
    const auth = await adminAuth(stack.url);
    client = api(stack.url, () => auth);
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
    await smtp.stop();
  });

  it.each(['nb', 'en'] as const)('gets the forwarded letter naming the controller and the day, and no "erased" (%s)', async (language) => {
    const email = `kunde.${language}@example.no`;
    const response = await client.post('/api/v1/cases', { ...registration('erasure', { email, name: 'Ola Nordmann' }), language });
    const { reference } = (await response.json()) as { reference: string };
    expect((await client.post(`/api/v1/cases/${reference}/approve`, {})).status).toBe(200);
    await waitForCase(client, reference, (body) => body.status === 'awaiting_review');
    expect((await client.post(`/api/v1/cases/${reference}/complete`, {})).status).toBe(200);
    const body = (await (await client.get(`/api/v1/cases/${reference}`)).json()) as FullCase;
    const mail = await letterMail(stack, smtp, body.id, email);
    const today = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'nb-NO', { dateStyle: 'long', timeZone: 'Europe/Oslo' }).format(new Date());
    if (language === 'en') {
      expect(mail.subject).toBe(`Your request has been forwarded (${reference})`);
      expect(mail.text).toContain(`- Trykkeriets ordresystem: forwarded to Bokklubben AS on ${today}`);
      expect(mail.text).not.toMatch(/erased|disclosed|answer package/);
    } else {
      expect(mail.subject).toBe(`Forespørselen din er sendt videre (${reference})`);
      expect(mail.text).toContain(`- Trykkeriets ordresystem: sendt ${today} til Bokklubben AS`);
      expect(mail.text).not.toMatch(/har slettet|er slettet|utlevert|svarpakken/);
    }
    expect(checkClaims(factsFromCase(body), { subject: mail.subject, text: mail.text.replace(/\r\n/g, '\n') })).toEqual({ orphans: [], unstated: [] });
  });
});
