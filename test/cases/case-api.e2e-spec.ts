import { FixedClock } from '../support/fixed-clock';
import { adminAuth, startTestApp, type TestApp } from '../support/test-app';

describe('staff case API (real PostgreSQL and Redis)', () => {
  const clock = new FixedClock(new Date('2026-03-10T09:00:00+01:00'));
  let stack: TestApp;
  let auth: { Authorization: string };

  beforeAll(async () => {
    stack = await startTestApp({ clock });
    auth = await adminAuth(stack.url);
  });
  afterAll(() => stack.close());

  const post = (path: string, body: unknown, headers: Record<string, string> = auth) =>
    fetch(`${stack.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const get = (path: string, headers: Record<string, string> = auth) => fetch(`${stack.url}${path}`, { headers });

  const letter = {
    type: 'access',
    channel: 'letter',
    receivedAt: '2026-03-05T14:00:00+01:00',
    subject: { email: 'Kari.Nordmann@example.no', name: 'Kari Nordmann' },
  };

  it('registers a letter with the date it arrived and the deadlines docs/legal-rules.md gives', async () => {
    const response = await post('/api/v1/cases', letter);
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body.reference).toMatch(/^DSR-2026-\d{6}$/);
    expect(body.status).toBe('awaiting_verification');
    expect(body.receivedOn).toBe('2026-03-05');
    expect(body.deadlines).toEqual({ statutory: '2026-04-07', promise: '2026-04-04', effective: '2026-04-04', sendBy: '2026-04-01' });
    expect(body.subject.email).toBe('kari.nordmann@example.no');

    const fetched = await (await get(`/api/v1/cases/${body.reference}`)).json();
    expect(fetched.id).toBe(body.id);
    expect(fetched.tasks).toEqual([]);
  });

  it('registers an objection that came by SMS ("STOPP") and a request made in person, and filters the queue by them', async () => {
    const sms = await post('/api/v1/cases', {
      type: 'objection',
      channel: 'sms',
      receivedAt: '2026-03-06T18:12:00+01:00',
      subject: { phone: '+47 912 34 567' },
      details: { processing: 'direct_marketing', message: 'STOPP' },
    });
    expect(sms.status).toBe(201);
    const body = await sms.json();
    expect(body.channel).toBe('sms');
    const visit = await post('/api/v1/cases', { ...letter, channel: 'in_person' });
    expect((await visit.json()).channel).toBe('in_person');
    const queue = await (await get('/api/v1/cases?channel=sms')).json();
    expect(queue.items.map((item: { reference: string }) => item.reference)).toContain(body.reference);
    expect(queue.items.every((item: { channel: string }) => item.channel === 'sms')).toBe(true);
  });

  it('counts the day it arrived in Oslo time, not UTC', async () => {
    const body = await (await post('/api/v1/cases', { ...letter, receivedAt: '2026-01-31T22:30:00Z' })).json();
    expect(body.receivedOn).toBe('2026-01-31');
    const next = await (await post('/api/v1/cases', { ...letter, receivedAt: '2026-01-31T23:30:00Z' })).json();
    expect(next.receivedOn).toBe('2026-02-01');
  });

  it('hands out unique references under concurrent registration', async () => {
    const responses = await Promise.all(Array.from({ length: 20 }, () => post('/api/v1/cases', letter)));
    const references = await Promise.all(responses.map(async (response) => (await response.json()).reference));
    expect(new Set(references).size).toBe(20);
  });

  it('rejects bad input with 400 naming every field', async () => {
    const response = await post('/api/v1/cases', {
      type: 'delete-everything',
      channel: 'pigeon',
      receivedAt: 'yesterday',
      subject: {},
      details: { note: 'x'.repeat(20_000) },
      color: 'blue',
    });
    expect(response.status).toBe(400);
    const body = await response.json();
    const fields = body.details.map((detail: { field: string }) => detail.field);
    expect(fields).toEqual(expect.arrayContaining(['type', 'channel', 'receivedAt', 'subject', 'details', 'color']));
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('refuses a receivedAt in the future', async () => {
    const response = await post('/api/v1/cases', { ...letter, receivedAt: '2026-03-11T09:00:00+01:00' });
    expect(response.status).toBe(400);
    expect((await response.json()).details).toEqual([{ field: 'receivedAt', problem: 'may not be in the future' }]);
  });

  it('refuses a receivedAt outside the years the deadline policy covers with 400, not 500', async () => {
    const problem = 'must be in the years 1583-4098, the range the holiday calendar is computed for';
    const registered = await post('/api/v1/cases', { ...letter, receivedAt: '1500-03-05T10:00:00Z' });
    expect(registered.status).toBe(400);
    expect((await registered.json()).details).toEqual([{ field: 'receivedAt', problem }]);

    for (const receivedAt of ['1500-03-05', '4099-06-01', '0001-01-01']) {
      const preview = await get(`/api/v1/deadlines?receivedAt=${receivedAt}`);
      expect(preview.status).toBe(400);
      const body = await preview.json();
      expect(body.details[0].field).toBe('receivedAt');
      expect(body.details[0].problem).toBe(problem);
    }
    expect((await get('/api/v1/deadlines?receivedAt=1583-01-03')).status).toBe(200);
    expect((await get('/api/v1/deadlines?receivedAt=4098-12-31&extended=true')).status).toBe(200);
  });

  it('refuses approve, complete and resume from the wrong state with 409 and the reason', async () => {
    const fresh = await (await post('/api/v1/cases', letter)).json();
    const refused = async (action: string) => {
      const response = await post(`/api/v1/cases/${fresh.reference}/${action}`, {});
      expect(response.status).toBe(409);
      return (await response.json()).message;
    };
    expect(await refused('approve')).toBe('Cannot approve while the case is awaiting verification.');
    expect(await refused('complete')).toBe('Cannot complete while the case is awaiting verification.');
    expect(await refused('resume')).toBe('Cannot resume: the clock is not paused.');

    expect((await post(`/api/v1/cases/${fresh.reference}/withdraw`, {})).status).toBe(200);
    expect(await refused('complete')).toBe('Cannot complete: the case is withdrawn.');
    expect(await refused('approve')).toBe('Cannot approve: the case is withdrawn.');
  });

  it('answers 401 without a valid token and 404 for an unknown case', async () => {
    expect((await get('/api/v1/cases', {})).status).toBe(401);
    expect((await get('/api/v1/cases', { Authorization: 'Bearer forged.token' })).status).toBe(401);
    expect((await get('/api/v1/cases/DSR-2026-999999')).status).toBe(404);
    expect((await post('/api/v1/auth/login', { email: 'admin@example.no', password: 'wrong' }, {})).status).toBe(401);
  });

  it('walks a case through verify, extend, pause/resume and refuses what the state forbids with 409', async () => {
    const created = await (await post('/api/v1/cases', { ...letter, type: 'erasure' })).json();
    const ref = created.reference;
    expect((await post(`/api/v1/cases/${ref}/verify`, { method: 'signed letter matched customer record' })).status).toBe(200);
    expect((await post(`/api/v1/cases/${ref}/verify`, { method: 'again' })).status).toBe(409);

    const extended = await (await post(`/api/v1/cases/${ref}/extend`, { reason: 'Records in nine systems must be reviewed.' })).json();
    expect(extended.deadlines.extended).toBe('2026-06-05');
    expect(extended.deadlines.effective).toBe('2026-06-05');
    expect(extended.extension.reason).toBe('Records in nine systems must be reviewed.');
    // The handler sees that the extension breaks the 30-day promise, not only the audit trail.
    expect(extended.warnings).toEqual(["Extending breaks the company's own promise to answer within 30 days (by 2026-04-04). The new deadline is 2026-06-05."]);

    const second = await post(`/api/v1/cases/${ref}/extend`, { reason: 'Once more, please.' });
    expect(second.status).toBe(409);
    expect((await second.json()).message).toMatch(/already been extended|already extended/i);

    expect((await post(`/api/v1/cases/${ref}/pause`, { reason: 'Asked which account the request is about.' })).status).toBe(200);
    // Three days later (a new sign-in: tokens last hours, not days) the requester answers.
    clock.advance(3 * 24 * 3600 * 1000);
    auth = await adminAuth(stack.url);
    const resumed = await (await post(`/api/v1/cases/${ref}/resume`, {})).json();
    clock.advance(-3 * 24 * 3600 * 1000);
    auth = await adminAuth(stack.url);
    expect(resumed.pause.pausedDays).toBe(3);
    expect(resumed.deadlines.extended).toBe('2026-06-08');

    expect((await post(`/api/v1/cases/${ref}/notes`, { text: 'Called the requester.' })).status).toBe(201);
    expect((await post(`/api/v1/cases/${ref}/reject`, { reasonCode: 'excessive', reason: 'Third identical request this quarter.' })).status).toBe(200);
    const closed = await post(`/api/v1/cases/${ref}/withdraw`, {});
    expect(closed.status).toBe(409);
    expect((await closed.json()).message).toBe('Cannot withdraw: the case is rejected.');

    const audit = await (await get(`/api/v1/cases/${ref}/audit`)).json();
    const caseEvents = audit.items.map((event: { type: string }) => event.type).filter((type: string) => type.startsWith('case.'));
    expect(caseEvents).toEqual(['case.registered', 'case.verified', 'case.extended', 'case.paused', 'case.resumed', 'case.note', 'case.rejected']);
  });

  it('refuses an extension once the statutory deadline has passed', async () => {
    const late = await (await post('/api/v1/cases', { ...letter, receivedAt: '2026-01-05T10:00:00+01:00' })).json();
    const response = await post(`/api/v1/cases/${late.reference}/extend`, { reason: 'Too late to ask for more time.' });
    expect(response.status).toBe(409);
  });

  it('lists the queue by effective deadline and searches by reference, e-mail and name', async () => {
    await post('/api/v1/cases', { ...letter, receivedAt: '2026-02-20T10:00:00+01:00', subject: { email: 'ola@example.no', name: 'Ola Hansen' } });
    const list = await (await get('/api/v1/cases?status=open&limit=100')).json();
    const dues = list.items.map((item: { deadlines: { effective: string } }) => item.deadlines.effective);
    expect(dues).toEqual([...dues].sort());
    expect(list.total).toBeGreaterThan(3);

    const byEmail = await (await get('/api/v1/cases?q=OLA@example.no')).json();
    expect(byEmail.items.map((item: { subject: { name: string } }) => item.subject.name)).toEqual(['Ola Hansen']);
    const byName = await (await get('/api/v1/cases?q=hansen')).json();
    expect(byName.total).toBe(1);
    const byReference = await (await get(`/api/v1/cases?q=${byName.items[0].reference.toLowerCase()}`)).json();
    expect(byReference.items[0].reference).toBe(byName.items[0].reference);
    expect((await get('/api/v1/cases?status=lost')).status).toBe(400);
    expect((await get('/api/v1/cases?limit=5000')).status).toBe(400);
  });

  it('previews deadlines for any received date', async () => {
    const body = await (await get('/api/v1/deadlines?receivedAt=2026-08-31')).json();
    expect(body).toMatchObject({ statutory: '2026-09-30', promise: '2026-09-30', effective: '2026-09-30', extended: null });
    const extended = await (await get('/api/v1/deadlines?receivedAt=2026-03-05&extended=true')).json();
    expect(extended.extended).toBe('2026-06-05');
    expect(extended.warning).toMatch(/30/);
    expect((await get('/api/v1/deadlines?receivedAt=2026-02-30')).status).toBe(400);
  });
});

describe('staff case API with DEADLINE_PAUSE=off', () => {
  let stack: TestApp;

  beforeAll(async () => {
    stack = await startTestApp({ clock: new FixedClock(new Date('2026-03-10T09:00:00+01:00')), env: { DEADLINE_PAUSE: 'off' } });
  });
  afterAll(() => stack.close());

  it('refuses to pause the clock with 409 naming the policy', async () => {
    const auth = await adminAuth(stack.url);
    const post = (path: string, body: unknown) =>
      fetch(`${stack.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...auth }, body: JSON.stringify(body) });
    const created = await (
      await post('/api/v1/cases', { type: 'access', channel: 'letter', receivedAt: '2026-03-05T14:00:00+01:00', subject: { name: 'Kari Nordmann' } })
    ).json();
    const response = await post(`/api/v1/cases/${created.reference}/pause`, { reason: 'Asked which account the request is about.' });
    expect(response.status).toBe(409);
    expect((await response.json()).message).toBe("Cannot pause: the clock may not pause under this company's policy (DEADLINE_PAUSE=off).");
    const after = await (await fetch(`${stack.url}/api/v1/cases/${created.reference}`, { headers: auth })).json();
    expect(after.pause).toEqual({ pausedDays: 0 });
  });
});
