import { pageText, postJson } from '../intake/intake-helpers';
import { SessionClient } from '../staff-ui/staff-session-client';
import { FixedClock } from '../support/fixed-clock';
import { SmtpCapture } from '../support/smtp-capture';
import { adminAuth, startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app';

const DAY = 24 * 60 * 60_000;

/**
 * Asking the requester for information is always possible: the request is audited and e-mailed
 * whatever the company's policy; only under DEADLINE_PAUSE=on does the clock stop (and so the
 * deadline move by the days waited once the answer comes).
 */
describe.each([
  { pause: 'on', paused: true },
  { pause: 'off', paused: false },
])('asking the requester for information with DEADLINE_PAUSE=$pause', ({ pause, paused }) => {
  // Received Thursday 5 March 2026: statutory 7 April, 30-day promise 4 April.
  const clock = new FixedClock(new Date('2026-03-05T10:00:00+01:00'));
  const smtp = new SmtpCapture();
  let stack: TestApp;
  let auth: { Authorization: string };

  beforeAll(async () => {
    stack = await startTestApp({ clock, env: { SMTP_URL: await smtp.start(), DEADLINE_PAUSE: pause } });
    auth = await adminAuth(stack.url);
  });
  afterAll(async () => {
    await stack.close();
    await smtp.stop();
  });

  const register = async (email: string): Promise<string> => {
    const created = await postJson(
      `${stack.url}/api/v1/cases`,
      { type: 'access', channel: 'email', receivedAt: clock.now().toISOString(), subject: { email }, identityVerified: { method: 'signed letter' } },
      auth,
    );
    expect(created.status).toBe(201);
    return (await created.json()).reference;
  };
  const getCase = async (reference: string) => (await fetch(`${stack.url}/api/v1/cases/${reference}`, { headers: auth })).json();
  const auditTypes = async (reference: string): Promise<string[]> =>
    (await (await fetch(`${stack.url}/api/v1/cases/${reference}/audit`, { headers: auth })).json()).items.map((event: { type: string }) => event.type);

  it('offers the form on the case page, records the request, e-mails it, and stops the clock only when the policy allows', async () => {
    const reference = await register(`ui-${pause}@example.no`);
    const before = await getCase(reference);
    const staff = new SessionClient(stack.url);
    await staff.signIn(TEST_ADMIN.email, TEST_ADMIN.password);
    const page = pageText(await (await staff.get(`/staff/cases/${reference}`)).text());
    expect(page).toContain('Be om opplysninger fra den registrerte');
    expect(page).toContain(paused ? 'Klokken stopper til opplysningene kommer.' : 'Klokken går videre');

    const question = 'Which of your two customer accounts is the request about?';
    const sent = await staff.submit(`/staff/cases/${reference}`, `/staff/cases/${reference}/request-information`, { message: question });
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe(`/staff/cases/${reference}?done=informationRequested`);

    const mail = await smtp.waitFor((candidate) => candidate.subject === `Vi trenger mer informasjon (${reference})`);
    expect(mail.to).toEqual([`ui-${pause}@example.no`]);
    expect(mail.text).toContain(question);
    expect(mail.text.includes('Fristen står stille')).toBe(paused);
    expect(await auditTypes(reference)).toContain(paused ? 'case.paused' : 'case.information_requested');

    const shown = pageText(await (await staff.get(`/staff/cases/${reference}`)).text());
    expect(shown.includes('Klokken står siden')).toBe(paused);

    // Three days later the answer comes: the deadline moves by the days waited only when the clock stood still.
    clock.advance(3 * DAY);
    auth = await adminAuth(stack.url);
    const resumed = await postJson(`${stack.url}/api/v1/cases/${reference}/resume`, {}, auth);
    expect(resumed.status).toBe(paused ? 200 : 409);
    const after = await getCase(reference);
    if (paused) expect(after.deadlines.promise > before.deadlines.promise).toBe(true);
    else expect(after.deadlines).toEqual(before.deadlines);
  });

  it('serves POST /api/v1/cases/{reference}/request-information in both policies, while pause keeps its contract', async () => {
    const reference = await register(`api-${pause}@example.no`);
    const asked = await postJson(`${stack.url}/api/v1/cases/${reference}/request-information`, { message: 'Please send the order number.' }, auth);
    expect(asked.status).toBe(200);
    expect('pausedAt' in (await asked.json()).pause).toBe(paused);
    const mail = await smtp.waitFor((candidate) => candidate.subject === `Vi trenger mer informasjon (${reference})`);
    expect(mail.text).toContain('Please send the order number.');
    expect((await postJson(`${stack.url}/api/v1/cases/${reference}/request-information`, { message: 'x' }, auth)).status).toBe(400);

    const other = await register(`pause-${pause}@example.no`);
    const paused409 = await postJson(`${stack.url}/api/v1/cases/${other}/pause`, { reason: 'Asked which account.' }, auth);
    expect(paused409.status).toBe(paused ? 200 : 409);
  });
});
