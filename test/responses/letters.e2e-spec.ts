import { api, registration, simulatorSecrets, startSimulators, waitForCase, writeDataMap, type Api, type Simulators } from '../fanout/fanout-stack';
import { NORWEGIAN_PEOPLE, seedHubSpot, seedZendesk, vismaSeed } from '../fanout/norwegian-people';
import { SmtpCapture } from '../support/smtp-capture';
import { adminAuth, startTestApp, type TestApp } from '../support/test-app';
import { enrichDataMap } from './answer-stack';

const PREFIX = 'LETTERS_E2E';
const [KARI, OLA, INGRID, LARS] = NORWEGIAN_PEOPLE;

describe('answer letters and Art 19 notices against the simulators', () => {
  const smtp = new SmtpCapture();
  let sims: Simulators;
  let stack: TestApp;
  let client: Api;
  const secrets = simulatorSecrets(PREFIX);

  beforeAll(async () => {
    Object.assign(process.env, secrets);
    sims = await startSimulators({ visma: vismaSeed(NORWEGIAN_PEOPLE) });
    for (const person of NORWEGIAN_PEOPLE) {
      seedZendesk(sims.zendesk, person);
      seedHubSpot(sims.hubspot, person);
    }
    stack = await startTestApp({
      env: {
        SMTP_URL: await smtp.start(),
        SYSTEMS_FILE: enrichDataMap(writeDataMap(sims, PREFIX, ['zendesk', 'visma', 'hubspot'])),
        TASK_BACKOFF_MS: '100',
        CONNECTOR_INLINE_RETRY_WAIT_MS: '0',
      },
    });
    const auth = await adminAuth(stack.url);
    client = api(stack.url, () => auth);
  });
  afterAll(async () => {
    await stack?.close();
    await sims?.close();
    await smtp.stop();
    for (const name of Object.keys(secrets)) delete process.env[name];
  });

  const register = async (type: string, person: (typeof NORWEGIAN_PEOPLE)[number], language: 'nb' | 'en', details: Record<string, unknown> = {}) => {
    const response = await client.post('/api/v1/cases', { ...registration(type, person, details), language });
    expect(response.status).toBe(201);
    return (await response.json()) as { reference: string; id: string };
  };
  const toReview = async (reference: string, approve: boolean) => {
    if (approve) expect((await client.post(`/api/v1/cases/${reference}/approve`, {})).status).toBe(200);
    return waitForCase(client, reference, (body) => (body as unknown as { status: string }).status === 'awaiting_review');
  };

  it('partial erasure: the letter lists the kept Visma records with basis and until-date, and the recipients get their notice', async () => {
    const { reference } = await register('erasure', KARI, 'nb');
    await toReview(reference, true);
    const preview = await (await client.get(`/api/v1/cases/${reference}/letter`)).json();
    expect(preview.kind).toBe('erasure-partial');
    expect(preview.notices.map((notice: { email: string }) => notice.email).sort()).toEqual(['privacy@zendesk.example', 'revisjon@revisor.example']);

    expect((await client.post(`/api/v1/cases/${reference}/complete`, {})).status).toBe(200);
    const letter = await smtp.waitFor((mail) => mail.to.includes(KARI.email) && mail.subject.includes('slettet, med unntak'));
    expect(letter.text).toContain('Beholdt i Visma Business NXT: invoices and customer ledger entries');
    expect(letter.text).toContain('bokføringsloven § 13 (5-year rule)');
    expect(letter.text).toContain('GDPR art. 6(1)(c) and 17(3)(b)');
    expect(letter.text).toContain('Slettes etter 31. desember 2030');
    expect(letter.text).toContain('regnskap, revisjon og skattekontroll');
    expect(letter.text).toMatch(/Slettet:\n- HubSpot CRM: .+\n- Visma Business NXT: e-mail address, phone and mobile phone on customer 10001\n- Zendesk Support: /);
    expect(letter.text).toContain('Revisor AS (Visma Business NXT)');
    expect(letter.text).toContain('Datatilsynet, Postboks 458 Sentrum, 0105 Oslo, https://www.datatilsynet.no');
    expect(letter.text).toContain('domstolene');
    expect(letter.html).toContain('<li>Revisor AS (Visma Business NXT)</li>');

    for (const recipient of ['revisjon@revisor.example', 'privacy@zendesk.example']) {
      const notice = await smtp.waitFor((mail) => mail.to.includes(recipient) && mail.subject.includes(reference));
      expect(notice.subject).toContain('art. 19');
      expect(notice.text).toContain('slettet');
      expect(notice.text).toContain(KARI.email);
    }
    const audit = await (await client.get(`/api/v1/cases/${reference}/audit`)).json();
    const notified = audit.items.filter((event: { type: string }) => event.type === 'answer.recipient_notified');
    expect(notified.map((event: { data: { recipient: string } }) => event.data.recipient).sort()).toEqual(['Revisor AS', 'Zendesk Inc.']);
    expect(JSON.stringify(audit.items)).not.toContain(KARI.email);
  });

  it('refusal: the letter gives the reasons, the right to complain to Datatilsynet and the right to go to court', async () => {
    const { reference } = await register('access', LARS, 'en');
    await toReview(reference, false);
    const rejected = await client.post(`/api/v1/cases/${reference}/reject`, { reasonCode: 'excessive', reason: 'This is the fourth identical request in two months; the last answer was sent on 3 November.' });
    expect(rejected.status).toBe(200);
    const letter = await smtp.waitFor((mail) => mail.to.includes(LARS.email) && mail.subject.includes('Our answer to your request'));
    expect(letter.text).toContain('We cannot grant your request.');
    expect(letter.text).toContain('We consider the request excessive');
    expect(letter.text).toContain('the fourth identical request in two months');
    expect(letter.text).toContain('Datatilsynet (the Norwegian Data Protection Authority), Postboks 458 Sentrum, 0105 Oslo, Norway, https://www.datatilsynet.no');
    expect(letter.text).toContain('you may also take the matter to court (Art 79)');
  });

  it('rectification: old → new, invoices not changed, an edited subject is what goes out, recipients told', async () => {
    const { reference } = await register('rectification', INGRID, 'en', { field: 'phone', correctedValue: '+4799999999' });
    await toReview(reference, true);
    const preview = await (await client.get(`/api/v1/cases/${reference}/letter`)).json();
    expect(preview.kind).toBe('rectification');
    expect(preview.text).toContain(`phone number: ${INGRID.phone} → +4799999999`);
    expect(preview.text).toContain('Invoices already issued in Visma Business NXT are accounting records');
    expect((await client.post(`/api/v1/cases/${reference}/letter`, { subject: 'Your phone number is corrected' })).status).toBe(200);
    expect((await client.post(`/api/v1/cases/${reference}/letter`, {})).status).toBe(400);
    expect((await client.post(`/api/v1/cases/${reference}/complete`, {})).status).toBe(200);
    const letter = await smtp.waitFor((mail) => mail.to.includes(INGRID.email) && mail.subject === 'Your phone number is corrected');
    expect(letter.text).toContain('+4799999999');
    const notice = await smtp.waitFor((mail) => mail.to.includes('revisjon@revisor.example') && mail.subject.includes(reference));
    expect(notice.text).toContain('telefonnummer: +4799999999');
  });

  it('complete answers 409 while a task is still open, and the letter API needs a signed-in handler', async () => {
    const { reference, id } = await register('access', OLA, 'en');
    await toReview(reference, false);
    await stack.dataSource.query(`INSERT INTO case_tasks (case_id, system_id, connector_type, action, status) VALUES ($1, 'paper', 'manual', 'manual', 'manual')`, [id]);
    const refused = await client.post(`/api/v1/cases/${reference}/complete`, {});
    expect(refused.status).toBe(409);
    expect((await refused.json()).message).toContain('still running or waiting for a person');
    const still = await (await client.get(`/api/v1/cases/${reference}`)).json();
    expect(still.status).toBe('awaiting_review');
    expect((await fetch(`${stack.url}/api/v1/cases/${reference}/letter`)).status).toBe(401);
  });
});
