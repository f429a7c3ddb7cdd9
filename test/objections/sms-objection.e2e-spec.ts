import { api, simulatorSecrets, startSimulators, waitForCase, type Api, type CaseBody, type Simulators } from '../fanout/fanout-stack';
import { CasesReader } from '../../src/cases/cases-reader';
import { MarketingProcessorService } from '../../src/connectors/marketing/marketing-processor.service';
import { CaseTaskEntity } from '../../src/connectors/tasks/case-task.entity';
import { SystemsService } from '../../src/systems/systems.service';
import { checkClaims } from '../support/letter-claims';
import { pdfText } from '../support/pdf-pages';
import { languageLeaks } from '../support/language-leaks';
import { SmtpCapture } from '../support/smtp-capture';
import { adminAuth, startTestApp, type TestApp } from '../support/test-app';
import { factsFromCase } from '../responses/true-letters-stack';
import { MAILING_HOUSE, SMS_GATEWAY, writeMarketingDataMap } from './objection-stack';

const PREFIX = 'SMS_OBJECTION_E2E';
const PHONE = '+4741234567';
const EMAIL = 'sol.stopp@example.no';

type FullCase = Parameters<typeof factsFromCase>[0];

/**
 * An objection to direct marketing that came by SMS ("STOPP") from a phone number: every channel
 * the data map names is stopped in HubSpot (found by the number), the SMS gateway that sends our
 * campaigns is instructed to stop, a manual system's owner is told the channels to stop, and the
 * posted letter states exactly that. Real PostgreSQL, Redis and SMTP; HubSpot simulator.
 */
describe('an SMS objection to direct marketing', () => {
  const smtp = new SmtpCapture();
  const secrets = simulatorSecrets(PREFIX);
  let sims: Simulators;
  let stack: TestApp;
  let client: Api;
  let contactId: string;

  beforeAll(async () => {
    Object.assign(process.env, secrets);
    sims = await startSimulators({ hubspot: { customProperties: ['gdpr_restricted', 'customer_number', 'do_not_call'] } });
    // Typed into HubSpot with spaces, as people do; the e-mail address is only in HubSpot.
    contactId = sims.hubspot.addContact({
      properties: { email: EMAIL, firstname: 'Sol', lastname: 'Stopp', mobilephone: '412 34 567' },
      subscriptions: { '1001': 'SUBSCRIBED' },
    }).id;
    stack = await startTestApp({
      env: { SMTP_URL: await smtp.start(), SYSTEMS_FILE: writeMarketingDataMap(sims, PREFIX), TASK_BACKOFF_MS: '100', CONNECTOR_INLINE_RETRY_WAIT_MS: '0' },
    });
    const auth = await adminAuth(stack.url);
    client = api(stack.url, () => auth);
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
    await sims?.close();
    await smtp.stop();
    for (const name of Object.keys(secrets)) delete process.env[name];
  });

  it('stops e-mail, SMS and calls in HubSpot, instructs the SMS gateway and the mailing house, and the posted letter says so', async () => {
    const created = await client.post('/api/v1/cases', {
      type: 'objection',
      channel: 'sms',
      language: 'nb',
      receivedAt: new Date(Date.now() - 600_000).toISOString(),
      subject: { phone: '+47 412 34 567' },
      details: { processing: 'direct_marketing', message: 'STOPP' },
      postalAddress: 'Storgata 5, 0155 Oslo',
      identityVerified: { method: 'SMS from the number on file' },
    });
    expect(created.status).toBe(201);
    const { reference, id } = (await created.json()) as { reference: string; id: string };

    // The manual club waits for its owner; everything else finishes by itself.
    const waiting = await waitForCase(
      client,
      reference,
      (body) =>
        body.tasks.length === 4 &&
        body.tasks.every((task) => (task.system === 'club' && task.action === 'restrict' ? task.status === 'manual' : task.status === 'done')),
    );
    const restrict = waiting.tasks.find((task) => task.system === 'hubspot' && task.action === 'restrict')!;
    expect(restrict.outcome?.dispositions).toEqual([
      { kind: 'suppressed', what: 'marketing-subscription', channels: ['email', 'sms', 'phone'], minimalEntryOnly: false },
    ]);

    // HubSpot, as its API now answers: the address opted out of everything, the number out of SMS, the contact flagged.
    const hubspot = sims.hubspot.state;
    expect(hubspot.subscription(EMAIL, '1001')?.status).toBe('NOT_SUBSCRIBED');
    expect(hubspot.subscription(EMAIL, '1001')?.legalBasis).toBe('CONSENT_WITH_NOTICE');
    expect(hubspot.optOutOfAllSince(EMAIL, 'EMAIL')).toBeDefined();
    expect(hubspot.optOutOfAllSince(PHONE, 'SMS')).toBeDefined();
    expect(hubspot.contacts.get(contactId)?.properties.do_not_call).toBe('true');
    expect(sims.hubspot.count('POST', '/communication-preferences/v4/statuses/:subscriber/unsubscribe-all', 200)).toBe(2);

    // The SMS gateway got its instruction, with the number to find the person by and nothing of the message.
    const instruction = await smtp.waitFor((mail) => mail.to.includes(SMS_GATEWAY.contact));
    expect(instruction.subject).toBe(`[${reference}] Instruks: stans markedsføring`);
    expect(instruction.text).toContain('instruerer vi dere om å slutte å bruke opplysningene om personen til markedsføring');
    expect(instruction.text).toContain('«HubSpot CRM»');
    expect(instruction.text).toContain('Telefon: +47 412 34 567');
    expect(instruction.text).not.toContain('STOPP');
    expect(languageLeaks(`${instruction.subject}\n${instruction.text}`)).toEqual([]);
    expect(instruction.text).not.toMatch(/instruct you|The person|Our reference/);
    // The mailing house reads English: its instruction is in English only.
    const mailing = await smtp.waitFor((mail) => mail.to.includes(MAILING_HOUSE.contact));
    expect(mailing.subject).toMatch(/\] Instruction: stop marketing$/);
    expect(mailing.text).toContain('"Kundeklubben (papirkatalog)"');
    expect(mailing.text).toContain("we instruct you to stop using the person's data for marketing");
    expect(mailing.text).not.toMatch(/Personen|instruerer|Vår referanse|Telefon/);

    // A worker that died after the commit runs the instruction again: no second e-mail, the same dispositions.
    const instructTask = await stack.dataSource.getRepository(CaseTaskEntity).findOneByOrFail({ caseId: id, systemId: 'hubspot', action: 'instruct' });
    const before = instructTask.outcome;
    await stack.context
      .get(MarketingProcessorService)
      .instruct(instructTask, await stack.context.get(CasesReader).byIdOrFail(id), stack.context.get(SystemsService).system('hubspot')!);
    const again = await stack.dataSource.getRepository(CaseTaskEntity).findOneByOrFail({ id: instructTask.id });
    expect(again.outcome?.dispositions).toEqual(before?.dispositions);

    // The club's owner is told to stop exactly the channels the data map names for it.
    const ownerTask = await smtp.waitFor((mail) => mail.to.includes('klubb@firma.example'));
    // In the owner's language (no account: the company's, nb).
    expect(ownerTask.text).toContain('Stans all markedsføring til personen i disse kanalene: brev i posten, telefon.');
    expect(ownerTask.text).not.toContain('e-post');

    const club = waiting.tasks.find((task) => task.system === 'club' && task.action === 'restrict')!;
    const recorded = await client.post(`/api/v1/cases/${reference}/tasks/${club.id}/outcome`, {
      summary: 'Tatt ut av katalogutsendelsen og ringelisten.',
      dispositions: [{ kind: 'suppressed', what: 'customer', count: 1, channels: ['post', 'phone'], minimalEntryOnly: false }],
    });
    expect(recorded.status).toBe(200);
    await waitForCase(client, reference, (body) => (body as CaseBody & { status: string }).status === 'awaiting_review');
    expect((await client.post(`/api/v1/cases/${reference}/complete`, {})).status).toBe(200);

    // No e-mail address on the case: the letter is stored for posting, and read back as the PDF.
    const [letter] = await stack.dataSource.query(`SELECT delivery, subject, text_body FROM case_answer_letters WHERE case_id = $1`, [id]);
    expect(letter.delivery).toBe('post');
    expect(letter.subject).toBe(`Protesten din: dette har vi stanset (${reference})`);
    const pdf = await client.get(`/api/v1/cases/${reference}/letter.pdf`);
    expect(pdf.status).toBe(200);
    const text = await pdfText(Buffer.from(await pdf.arrayBuffer()));
    expect(text).toContain('Vi har stanset direkte markedsføring til deg i disse kanalene:');
    expect(text).toMatch(/• HubSpot CRM, markedsføringsabonnementer: e-post, SMS, telefon, fra \d+\. \w+ \d{4}/);
    expect(text).toMatch(/• Kundeklubben \(papirkatalog\), 1 kundeoppføring: brev i posten, telefon, fra \d+\. \w+ \d{4}/);
    expect(text).toContain('Virksomheter som behandler opplysninger for markedsføringen vår:');
    expect(text).toMatch(/HubSpot CRM: vi har gitt SMS-porten AS beskjed \d+\. \w+ \d{4} om å slutte å bruke opplysningene om deg til markedsføring/);
    expect(text).toMatch(/Kundeklubben \(papirkatalog\): vi har gitt Trykk og Post AS beskjed/);

    // Every sentence of the stored letter follows from a recorded disposition, and every one is stated.
    const body = (await (await client.get(`/api/v1/cases/${reference}`)).json()) as FullCase;
    const facts = { ...factsFromCase(body, { names: { hubspot: 'HubSpot CRM', club: 'Kundeklubben (papirkatalog)' } }), byPost: true };
    expect(checkClaims(facts, { subject: letter.subject, text: letter.text_body })).toEqual({ orphans: [], unstated: [] });

    // One instruction per processor, however often the case was looked at.
    const sent = await stack.dataSource.query(
      `SELECT to_address FROM outbound_emails WHERE kind = 'marketing-processor-instruction' AND case_id = $1 ORDER BY to_address`,
      [id],
    );
    expect(sent.map((row: { to_address: string }) => row.to_address)).toEqual([MAILING_HOUSE.contact, SMS_GATEWAY.contact]);
    expect(smtp.messages.filter((mail) => mail.to.includes(SMS_GATEWAY.contact))).toHaveLength(1);
  });

  it('tells no processor of a system where the person was not found, and states nothing for it', async () => {
    const created = await client.post('/api/v1/cases', {
      type: 'objection',
      channel: 'sms',
      language: 'en',
      receivedAt: new Date(Date.now() - 600_000).toISOString(),
      subject: { phone: '+47 987 65 432' },
      details: { processing: 'direct_marketing', message: 'STOP' },
      identityVerified: { method: 'SMS from the number' },
    });
    expect(created.status).toBe(201);
    const { reference, id } = (await created.json()) as { reference: string; id: string };
    const body = await waitForCase(
      client,
      reference,
      (current) => current.tasks.length === 4 && current.tasks.every((task) => task.status !== 'pending' && task.status !== 'running'),
    );
    const hubspotInstruct = body.tasks.find((task) => task.system === 'hubspot' && task.action === 'instruct')!;
    expect(hubspotInstruct.status).toBe('not_found');
    expect(hubspotInstruct.outcome?.dispositions).toEqual([]);
    // The manual club cannot be searched by the engine: its mailing house is told all the same.
    const clubInstruct = body.tasks.find((task) => task.system === 'club' && task.action === 'instruct')!;
    expect(clubInstruct.outcome?.dispositions).toEqual([
      expect.objectContaining({ kind: 'forwarded', what: 'marketing-subscription', to: MAILING_HOUSE.name }),
    ]);
    const rows = await stack.dataSource.query(`SELECT to_address FROM outbound_emails WHERE kind = 'marketing-processor-instruction' AND case_id = $1`, [id]);
    expect(rows.map((row: { to_address: string }) => row.to_address)).toEqual([MAILING_HOUSE.contact]);
  });
});
