import { linkIn, pageText } from '../intake/intake-helpers';
import { FixedClock } from '../support/fixed-clock';
import { dataMapWithoutRoutineDeletion } from '../support/quiet-data-map';
import { SmtpCapture } from '../support/smtp-capture';
import { adminAuth, startTestApp, type TestApp } from '../support/test-app';
import { signedInStaff, type SessionClient } from '../staff-ui/staff-session-client';

/**
 * Issue 17: an erasure waiting for a handler's approval showed "being handled" to the requester and
 * in the queue, and the filter had no "awaiting approval". Now the status page, the staff queue, its
 * filter and the API's filter tell awaiting approval, waiting for the requester (paused) and being
 * handled apart.
 */
describe('case stages a person understands', () => {
  const clock = new FixedClock(new Date('2026-03-10T09:00:00+01:00'));
  const smtp = new SmtpCapture();
  let stack: TestApp;
  let auth: { Authorization: string };
  let staff: SessionClient;

  beforeAll(async () => {
    stack = await startTestApp({ clock, env: { SMTP_URL: await smtp.start(), SYSTEMS_FILE: dataMapWithoutRoutineDeletion() } });
    auth = await adminAuth(stack.url);
    staff = await signedInStaff(stack, 'stage.handler@example.no', 'handler');
  });
  afterAll(async () => {
    await stack?.close();
    await smtp.stop();
  });

  const api = async (path: string, body?: unknown) => {
    const response = await fetch(`${stack.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  };
  const referencesWith = async (status: string) =>
    ((await api(`/api/v1/cases?status=${status}`)).body.items as Array<{ reference: string }>).map((item) => item.reference);
  const queueText = async (query: string) => pageText(await (await staff.request('GET', `/staff${query}`)).text());

  /** A verified erasure from the public API, with its status link. */
  const verifiedErasure = async (email: string) => {
    const response = await fetch(`${stack.url}/api/v1/requests`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'erasure', email }),
    });
    const { reference } = (await response.json()) as { reference: string };
    const verification = await smtp.waitFor((mail) => mail.to.includes(email) && mail.subject === `Bekreft forespørselen din (${reference})`);
    expect((await fetch(linkIn(verification, 'verify', stack.url), { method: 'POST' })).status).toBe(200);
    const receipt = await smtp.waitFor((mail) => mail.to.includes(email) && mail.subject === `Vi har mottatt forespørselen din (${reference})`);
    return { reference, statusLink: linkIn(receipt, 'status', stack.url) };
  };
  const statusNow = async (link: string) => pageText(await (await fetch(link)).text());

  it('shows an erasure waiting for approval as such, then as being handled once approved, and a paused one as waiting for the requester', async () => {
    const { reference, statusLink } = await verifiedErasure('stage.one@example.no');

    expect(await statusNow(statusLink)).toContain(
      'Dette skjer nå En saksbehandler kontrollerer hva som skal gjøres i systemene våre. Ingenting blir endret før det er godkjent.',
    );
    expect(await referencesWith('awaiting_approval')).toContain(reference);
    expect(await referencesWith('being_handled')).not.toContain(reference);
    // The stored status is unchanged for API clients.
    expect(await referencesWith('in_progress')).toContain(reference);
    expect((await api(`/api/v1/cases/${reference}`)).body.status).toBe('in_progress');

    const awaiting = await queueText('?status=awaiting_approval');
    expect(awaiting).toContain(`${reference}`);
    expect(awaiting).toContain('Venter på godkjenning');
    expect(await queueText('?status=being_handled')).not.toContain(reference);
    const casePage = pageText(await (await staff.request('GET', `/staff/cases/${reference}`)).text());
    expect(casePage).toContain('Venter på godkjenning');

    expect((await api(`/api/v1/cases/${reference}/approve`, {})).status).toBe(200);
    expect(await statusNow(statusLink)).toContain('Dette skjer nå Vi går gjennom systemene der vi kan ha opplysninger om deg.');
    expect(await referencesWith('awaiting_approval')).not.toContain(reference);
    expect(await referencesWith('being_handled')).toContain(reference);

    expect((await api(`/api/v1/cases/${reference}/pause`, { reason: 'Asked which account the request is about.' })).status).toBe(200);
    expect(await referencesWith('paused')).toContain(reference);
    expect(await referencesWith('being_handled')).not.toContain(reference);
    expect(await queueText('?status=paused')).toContain('Venter på den registrerte');
    expect(await statusNow(statusLink)).toContain('Dette skjer nå Vi har bedt deg om mer informasjon på e-post.');
  });

  it('offers the stages in the queue filter and refuses an unknown one over the API naming the field', async () => {
    const queue = await (await staff.request('GET', '/staff')).text();
    for (const value of ['awaiting_approval', 'being_handled', 'paused']) expect(queue).toContain(`value="${value}"`);
    const refused = await api('/api/v1/cases?status=thinking');
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('status');
  });
});
