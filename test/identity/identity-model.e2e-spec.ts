import { FixedClock } from '../support/fixed-clock';
import { SmtpCapture } from '../support/smtp-capture';
import { adminAuth, startTestApp, type TestApp } from '../support/test-app';
import { linkIn, pageText, postJson } from '../intake/intake-helpers';
import { signedInStaff } from '../staff-ui/staff-session-client';

interface IdentifierJson {
  id: string;
  kind: string;
  value: string;
  basis: string;
  searchable: boolean;
  method: string | null;
  reason: string | null;
  establishedBy: string | null;
  establishedAt: string | null;
}

describe('the identity model: every identifier says how it was established (real PostgreSQL, Redis, SMTP)', () => {
  const clock = new FixedClock(new Date('2026-03-05T10:00:00+01:00'));
  const smtp = new SmtpCapture();
  let stack: TestApp;
  let auth: { Authorization: string };

  beforeAll(async () => {
    stack = await startTestApp({ clock, env: { SMTP_URL: await smtp.start(), INTAKE_RATE_LIMIT_PER_MINUTE: '1000' } });
    auth = await adminAuth(stack.url);
  });
  afterAll(async () => {
    await stack.close();
    await smtp.stop();
  });

  const getCase = async (reference: string) => (await fetch(`${stack.url}/api/v1/cases/${reference}`, { headers: auth })).json();
  const identifier = (body: { identifiers: IdentifierJson[] }, kind: string) => body.identifiers.find((item) => item.kind === kind)!;
  const staffPost = (path: string, body: unknown) =>
    fetch(`${stack.url}${path}`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

  async function submitAndVerify(body: Record<string, unknown>): Promise<string> {
    const response = await postJson(`${stack.url}/api/v1/requests`, body);
    expect(response.status).toBe(202);
    const { reference } = await response.json();
    const mail = await smtp.waitFor((candidate) => candidate.subject.includes(reference) && candidate.subject.startsWith('Bekreft'));
    const confirmed = await fetch(linkIn(mail, 'verify', stack.url), { method: 'POST' });
    expect(confirmed.status).toBe(200);
    return reference;
  }

  it('proves only the e-mail the link went to; a typed phone and customer number stay claimed', async () => {
    const reference = await submitAndVerify({ type: 'access', email: 'Mallory@Evil.example', phone: '0047 912 34 567', customerNumber: '10042' });
    const body = await getCase(reference);
    expect(identifier(body, 'email')).toMatchObject({
      value: 'Mallory@Evil.example',
      basis: 'proven',
      method: 'link sent to this address',
      establishedBy: 'requester',
    });
    expect(identifier(body, 'phone')).toMatchObject({ value: '0047 912 34 567', basis: 'claimed', searchable: true, method: null, establishedAt: null });
    expect(identifier(body, 'customer_number')).toMatchObject({ value: '10042', basis: 'claimed' });
  });

  it('keeps a phone that is not a number as claimed text that can never be searched or confirmed', async () => {
    const reference = await submitAndVerify({ type: 'access', email: 'ola@example.no', phone: '12 34' });
    const phone = identifier(await getCase(reference), 'phone');
    expect(phone).toMatchObject({ value: '12 34', basis: 'claimed', searchable: false });
    const refused = await staffPost(`/api/v1/cases/${reference}/identifiers/${phone.id}/confirm`, { method: 'called back', reason: 'answered' });
    expect(refused.status).toBe(409);
    expect(identifier(await getCase(reference), 'phone').basis).toBe('claimed');
  });

  it('lets a handler confirm one identifier after an offline check, recording who, how and why in the audit trail', async () => {
    const reference = await submitAndVerify({ type: 'access', email: 'per@example.no', phone: '+47 913 00 001' });
    const phone = identifier(await getCase(reference), 'phone');

    const missing = await staffPost(`/api/v1/cases/${reference}/identifiers/${phone.id}/confirm`, { method: 'called back the number on file' });
    expect(missing.status).toBe(400);
    expect((await missing.json()).details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'reason' })]));
    const unknown = await staffPost(`/api/v1/cases/${reference}/identifiers/00000000-0000-4000-8000-000000000000/confirm`, { method: 'x1', reason: 'y1' });
    expect(unknown.status).toBe(404);
    const notUuid = await staffPost(`/api/v1/cases/${reference}/identifiers/not-a-uuid/confirm`, { method: 'x1', reason: 'y1' });
    expect(notUuid.status).toBe(400);

    const confirmed = await staffPost(`/api/v1/cases/${reference}/identifiers/${phone.id}/confirm`, {
      method: 'called back the number on file in Visma',
      reason: 'the customer answered and confirmed the request',
    });
    expect(confirmed.status).toBe(200);
    expect(identifier(await confirmed.json(), 'phone')).toMatchObject({
      basis: 'staff_confirmed',
      method: 'called back the number on file in Visma',
      reason: 'the customer answered and confirmed the request',
      establishedBy: expect.stringMatching(/^staff:/),
      establishedAt: expect.any(String),
    });
    const again = await staffPost(`/api/v1/cases/${reference}/identifiers/${phone.id}/confirm`, { method: 'again', reason: 'again' });
    expect(again.status).toBe(409);

    const audit = await (await fetch(`${stack.url}/api/v1/cases/${reference}/audit`, { headers: auth })).json();
    const event = audit.items.find(
      (item: { type: string; data: { basis?: string } }) => item.type === 'identity.established' && item.data.basis === 'staff_confirmed',
    );
    expect(event).toMatchObject({
      actor: expect.stringMatching(/^staff:/),
      data: { method: 'called back the number on file in Visma', reason: 'the customer answered and confirmed the request' },
    });
    // The trail says which identifier and how, never its value.
    const trail = JSON.stringify(audit);
    for (const written of ['913 00 001', '91300001']) expect(trail).not.toContain(written);
  });

  it('a staff registration with identity checked confirms what staff typed; a staff verification can name what it checked', async () => {
    const verified = await (
      await staffPost('/api/v1/cases', {
        type: 'erasure',
        channel: 'letter',
        receivedAt: '2026-03-04T12:00:00+01:00',
        subject: { name: 'Kari Nordmann', customerNumber: '10042' },
        identityVerified: { method: 'ID shown at the counter – no copy kept' },
      })
    ).json();
    const registered = await getCase(verified.reference);
    expect(identifier(registered, 'customer_number')).toMatchObject({ basis: 'staff_confirmed', method: 'ID shown at the counter – no copy kept' });
    expect(identifier(registered, 'name')).toMatchObject({ basis: 'staff_confirmed' });

    const unverified = await (
      await staffPost('/api/v1/cases', {
        type: 'access',
        channel: 'phone',
        receivedAt: '2026-03-04T12:00:00+01:00',
        subject: { email: 'ola@example.no', phone: '91234567' },
      })
    ).json();
    const done = await staffPost(`/api/v1/cases/${unverified.reference}/verify`, { method: 'called back the number on file', identifiers: ['phone'] });
    expect(done.status).toBe(200);
    const after = await done.json();
    expect(identifier(after, 'phone')).toMatchObject({ basis: 'staff_confirmed', method: 'called back the number on file' });
    expect(identifier(after, 'email').basis).toBe('claimed');

    const bad = await staffPost(`/api/v1/cases/${unverified.reference}/verify`, { method: 'x y', identifiers: ['passport'] });
    expect(bad.status).toBe(400);
    expect((await bad.json()).details).toEqual([expect.objectContaining({ field: 'identifiers' })]);
  });

  it('shows each identifier and its basis on the case page, and keeps what a handler typed in the confirm form when a field is missing', async () => {
    const reference = await submitAndVerify({ type: 'access', email: 'lise@example.no', customerNumber: '20077' });
    const handler = await signedInStaff(stack, 'handler-identity@example.no', 'handler');
    const page = `/staff/cases/${reference}`;
    const html = await (await handler.get(page)).text();
    expect(pageText(html)).toContain('Bevist av den registrerte');
    expect(pageText(html)).toContain('Bare oppgitt – ikke bevist');
    const customerNumber = identifier(await getCase(reference), 'customer_number');

    const incomplete = await handler.submit(page, `${page}/identifiers/${customerNumber.id}/confirm`, { method: 'called the number on the customer card' });
    expect(incomplete.status).toBe(400);
    const again = await incomplete.text();
    expect(again).toContain('value="called the number on the customer card"');
    expect(identifier(await getCase(reference), 'customer_number').basis).toBe('claimed');

    const done = await handler.submit(page, `${page}/identifiers/${customerNumber.id}/confirm`, {
      method: 'called the number on the customer card',
      reason: 'the customer confirmed the request on the phone',
    });
    expect(done.status).toBe(303);
    const after = pageText(await (await handler.get(page)).text());
    expect(after).toContain('Bekreftet av saksbehandler');
    expect(after).toContain('called the number on the customer card');
    // The timeline names the event in words, not as its audit type.
    expect(after).toContain('Identifikator bekreftet');
    expect(after).not.toContain('identity.established');
  });
});
