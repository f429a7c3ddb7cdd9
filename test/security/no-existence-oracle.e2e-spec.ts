import { api, settled, simulatorSecrets, startSimulators, waitForCase, writeDataMap, type Simulators } from '../fanout/fanout-stack';
import { NORWEGIAN_PEOPLE, seedHubSpot, seedZendesk, vismaSeed } from '../fanout/norwegian-people';
import { linkIn, postJson } from '../intake/intake-helpers';
import { drainQueues } from '../support/queues';
import { waitUntil } from '../support/service-process';
import { SmtpCapture, type CapturedMail } from '../support/smtp-capture';
import { adminAuth, startTestApp, type TestApp } from '../support/test-app';

const PREFIX = 'ORACLE_E2E';
const [KARI] = NORWEGIAN_PEOPLE;

/**
 * CONTRACT: the public answer never reveals whether data about the person exists. A request for
 * someone every system knows and one for a stranger must look the same from outside, and no
 * system is asked anything before the requester has confirmed the e-mail address.
 */
describe('public intake never reveals whether data about the person exists', () => {
  const smtp = new SmtpCapture();
  const secrets = simulatorSecrets(PREFIX);
  let sims: Simulators;
  let stack: TestApp;
  let atStart: { zendesk: number; visma: number; hubspot: number };

  beforeAll(async () => {
    Object.assign(process.env, secrets);
    sims = await startSimulators({ visma: vismaSeed([KARI]) });
    seedZendesk(sims.zendesk, KARI);
    seedHubSpot(sims.hubspot, KARI);
    stack = await startTestApp({
      env: {
        SMTP_URL: await smtp.start(),
        SYSTEMS_FILE: writeDataMap(sims, PREFIX, ['zendesk', 'visma', 'hubspot']),
        INTAKE_RATE_LIMIT_PER_MINUTE: '1000',
        CONNECTOR_INLINE_RETRY_WAIT_MS: '0',
      },
    });
    // The worker checks Visma's table and field names once at start-up (about no person); the
    // calls counted below are those made after it.
    await waitUntil(
      async () => (await stack.dataSource.query(`SELECT 1 FROM system_checks WHERE system_id = 'visma'`)).length > 0,
      30_000,
      'the start-up name check',
    );
    atStart = connectorCalls();
  });
  afterAll(async () => {
    await stack?.close();
    await sims?.close();
    await smtp.stop();
    for (const name of Object.keys(secrets)) delete process.env[name];
  });

  const connectorCalls = () => ({
    zendesk: sims.zendesk.calls.all.length,
    visma: sims.visma.calls.token + sims.visma.calls.graphql,
    hubspot: sims.hubspot.calls.length,
  });
  /** A message with its reference and links blanked, to compare two people's messages. */
  const shape = (mail: CapturedMail, reference: string) =>
    mail.text.replaceAll(reference, 'REF').replace(/https?:\/\/\S+\/(verify|status)\/[A-Za-z0-9_-]+/g, '$1-LINK');

  it('answers a known and an unknown person alike, and asks no system before verification', async () => {
    const known = { type: 'access', email: KARI.email, name: KARI.name, phone: KARI.phone, customerNumber: String(KARI.customerNo) };
    const unknown = { type: 'access', email: 'ukjent.person@example.no', name: 'Ukjent Person', phone: '+4799999999', customerNumber: '99999' };
    const [knownResponse, unknownResponse] = [await postJson(`${stack.url}/api/v1/requests`, known), await postJson(`${stack.url}/api/v1/requests`, unknown)];

    expect(knownResponse.status).toBe(202);
    expect(unknownResponse.status).toBe(knownResponse.status);
    expect(unknownResponse.headers.get('content-type')).toBe(knownResponse.headers.get('content-type'));
    const [knownBody, unknownBody] = [await knownResponse.json(), await unknownResponse.json()];
    expect(Object.keys(unknownBody).sort()).toEqual(Object.keys(knownBody).sort());
    for (const body of [knownBody, unknownBody]) {
      expect(body).toEqual({ reference: expect.stringMatching(/^DSR-\d{4}-\d{6}$/), status: 'awaiting_verification' });
    }

    // Each gets the same verification e-mail, word for word but for the reference and links.
    const [knownMail, unknownMail] = [
      await smtp.waitFor((mail) => mail.to.includes(KARI.email)),
      await smtp.waitFor((mail) => mail.to.includes(unknown.email)),
    ];
    expect(unknownMail.subject.replace(unknownBody.reference, 'REF')).toBe(knownMail.subject.replace(knownBody.reference, 'REF'));
    expect(shape(unknownMail, unknownBody.reference)).toBe(shape(knownMail, knownBody.reference));

    await drainQueues(stack.context);
    expect(connectorCalls()).toEqual(atStart);

    // Once Kari confirms, the systems are asked: the counters above could have seen a call.
    expect((await fetch(linkIn(knownMail, 'verify', stack.url), { method: 'POST' })).status).toBe(200);
    const auth = await adminAuth(stack.url);
    await waitForCase(
      api(stack.url, () => auth),
      knownBody.reference,
      settled,
    );
    const after = connectorCalls();
    expect(after.zendesk).toBeGreaterThan(atStart.zendesk);
    expect(after.visma).toBeGreaterThan(atStart.visma);
    expect(after.hubspot).toBeGreaterThan(atStart.hubspot);
  });
});
