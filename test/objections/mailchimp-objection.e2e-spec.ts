import { api, waitForCase, type Api, type CaseBody } from '../fanout/fanout-stack';
import { startMailchimpSimulator, type MailchimpSimulator } from '../simulators/mailchimp/mailchimp-simulator';
import { checkClaims } from '../support/letter-claims';
import { SmtpCapture } from '../support/smtp-capture';
import { adminAuth, startTestApp, type TestApp } from '../support/test-app';
import { factsFromCase } from '../responses/true-letters-stack';
import { BYBUD, writeMailchimpDataMap } from './mailchimp-stack';

const KEY_ENV = 'MAILCHIMP_OBJECTION_E2E_KEY';
const EMAIL = 'sol.stopp@example.no';

type FullCase = Parameters<typeof factsFromCase>[0];

/**
 * An objection to direct marketing through the REST API, against the Mailchimp simulator: the
 * person is unsubscribed in every audience that holds their address, each audience is recorded on
 * the task, and the e-mailed letter names exactly those audiences and no other. Real PostgreSQL,
 * Redis and SMTP.
 */
describe('an objection to direct marketing with Mailchimp', () => {
  const smtp = new SmtpCapture();
  let sim: MailchimpSimulator;
  let stack: TestApp;
  let client: Api;

  beforeAll(async () => {
    sim = await startMailchimpSimulator({
      lists: [
        { id: 'news1', name: 'Nyhetsbrev', members: [{ email: EMAIL, mergeFields: { FNAME: 'Sol', LNAME: 'Stopp' } }] },
        { id: 'club2', name: 'Kundeklubben', members: [{ email: 'Sol.Stopp@Example.no', status: 'pending' }] },
        { id: 'old3', name: 'Gamle kampanjer', members: [{ email: EMAIL, status: 'cleaned' }] },
        { id: 'biz4', name: 'Bedriftskunder', members: [{ email: 'innkjop@firma.example' }] },
      ],
    });
    process.env[KEY_ENV] = sim.apiKey;
    stack = await startTestApp({
      env: { SMTP_URL: await smtp.start(), SYSTEMS_FILE: writeMailchimpDataMap(sim, KEY_ENV), TASK_BACKOFF_MS: '100', CONNECTOR_INLINE_RETRY_WAIT_MS: '0' },
    });
    const auth = await adminAuth(stack.url);
    client = api(stack.url, () => auth);
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
    await sim?.close();
    await smtp.stop();
    delete process.env[KEY_ENV];
  });

  it('unsubscribes the address in each audience that holds it, and the letter names exactly those audiences', async () => {
    const created = await client.post('/api/v1/cases', {
      type: 'objection',
      channel: 'email',
      language: 'nb',
      receivedAt: new Date(Date.now() - 600_000).toISOString(),
      subject: { email: EMAIL, name: 'Sol Stopp' },
      details: { processing: 'direct_marketing', message: 'Slutt å sende meg nyhetsbrev.' },
      identityVerified: { method: 'replied from the e-mail address on file' },
    });
    expect(created.status).toBe(201);
    const { reference, id } = (await created.json()) as { reference: string; id: string };

    const body = await waitForCase(client, reference, (current) => current.status === 'awaiting_review');
    const task = body.tasks.find((candidate) => candidate.system === 'mailchimp' && candidate.action === 'restrict')!;
    expect(task.status).toBe('done');
    expect(task.outcome?.dispositions).toEqual([
      { kind: 'suppressed', what: 'Nyhetsbrev', channels: ['email'], minimalEntryOnly: false },
      { kind: 'suppressed', what: 'Kundeklubben', channels: ['email'], minimalEntryOnly: false },
    ]);

    // Mailchimp, as its API now answers.
    expect(sim.state.member('news1', EMAIL)?.status).toBe('unsubscribed');
    expect(sim.state.member('club2', EMAIL)?.status).toBe('unsubscribed');
    expect(sim.state.member('old3', EMAIL)?.status).toBe('cleaned');
    expect(sim.state.member('biz4', 'innkjop@firma.example')?.status).toBe('subscribed');
    expect(sim.count('PATCH', '/3.0/lists/:listId/members/:hash', 200)).toBe(2);

    expect((await client.post(`/api/v1/cases/${reference}/complete`, {})).status).toBe(200);
    const [letter] = await stack.dataSource.query(`SELECT delivery, subject, text_body FROM case_answer_letters WHERE case_id = $1`, [id]);
    expect(letter.delivery).toBe('email');
    const mail = await smtp.waitFor((candidate) => candidate.to.includes(EMAIL) && candidate.subject === letter.subject);
    expect(mail.text).toContain('Vi har stanset direkte markedsføring til deg i disse kanalene:');
    expect(mail.text).toMatch(/- Mailchimp, Nyhetsbrev: e-post, fra \d+\. \w+ \d{4}\n/);
    expect(mail.text).toMatch(/- Mailchimp, Kundeklubben: e-post, fra \d+\. \w+ \d{4}\n/);
    expect(mail.text).not.toContain('Gamle kampanjer');
    expect(mail.text).not.toContain('Bedriftskunder');

    // Every sentence of the letter follows from a recorded disposition, and every one is stated.
    const full = (await (await client.get(`/api/v1/cases/${reference}`)).json()) as FullCase;
    const facts = { ...factsFromCase(full as FullCase & CaseBody, { names: { mailchimp: 'Mailchimp' } }), controller: BYBUD };
    expect(checkClaims(facts, { subject: letter.subject, text: letter.text_body })).toEqual({ orphans: [], unstated: [] });
  });

  // The record search finds nothing first, so the task is closed without calling Mailchimp again.
  it('says the address was not found when no audience holds it, and changes nothing', async () => {
    const created = await client.post('/api/v1/cases', {
      type: 'objection',
      channel: 'email',
      language: 'en',
      receivedAt: new Date(Date.now() - 600_000).toISOString(),
      subject: { email: 'ukjent@example.no' },
      details: { processing: 'direct_marketing' },
      identityVerified: { method: 'replied from the e-mail address' },
    });
    const { reference } = (await created.json()) as { reference: string };
    const body = await waitForCase(client, reference, (current) => current.status === 'awaiting_review');
    expect(body.tasks.find((task) => task.system === 'mailchimp')).toMatchObject({
      status: 'not_found',
      outcome: expect.objectContaining({ dispositions: [{ kind: 'not_held', reason: 'not_found' }] }),
    });
    expect(sim.count('PATCH', '/3.0/lists/:listId/members/:hash')).toBe(2);
  });
});
