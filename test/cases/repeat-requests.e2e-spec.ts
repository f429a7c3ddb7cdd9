import { FixedClock } from '../support/fixed-clock';
import { adminAuth, startTestApp, type TestApp } from '../support/test-app';
import { signedInStaff } from '../staff-ui/staff-session-client';

/** Art 12(5): the same person asking for the same thing again and again is flagged for a person to decide. */
describe('repeat requests (real PostgreSQL and Redis)', () => {
  const clock = new FixedClock(new Date('2026-09-10T09:00:00+02:00'));
  let stack: TestApp;
  let auth: { Authorization: string };

  beforeAll(async () => {
    stack = await startTestApp({ clock });
    auth = await adminAuth(stack.url);
  });
  afterAll(() => stack.close());

  const post = (path: string, body: unknown) =>
    fetch(`${stack.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...auth }, body: JSON.stringify(body) });
  const caseJson = async (reference: string) => (await fetch(`${stack.url}/api/v1/cases/${reference}`, { headers: auth })).json();

  /** A letter registered by staff; `verified` confirms its identifiers as a handler would. */
  async function request(email: string, receivedAt: string, options: { type?: string; verified?: boolean } = {}): Promise<string> {
    const created = await post('/api/v1/cases', { type: options.type ?? 'access', channel: 'letter', receivedAt, subject: { email, name: 'Ola Repeat' } });
    expect(created.status).toBe(201);
    const { reference } = await created.json();
    if (options.verified !== false)
      expect((await post(`/api/v1/cases/${reference}/verify`, { method: 'signed letter matched the customer record' })).status).toBe(200);
    return reference;
  }

  it('flags the third access request in twelve months by the same proven person, lists the earlier ones and refuses nothing', async () => {
    const email = 'ola.repeat@example.no';
    const first = await request(email, '2025-05-01T10:00:00+02:00'); // more than 12 months before the third: outside its window
    const second = await request(email, '2026-02-03T10:00:00+01:00');
    const third = await request(email, '2026-06-15T10:00:00+02:00');
    await request(email, '2026-07-01T10:00:00+02:00', { type: 'erasure' }); // another kind of request
    const fourth = await request(email, '2026-09-01T10:00:00+02:00');

    const atSecond = (await caseJson(second)).repeatRequests;
    expect(atSecond).toMatchObject({ count: 2, months: 12, threshold: 3, possiblyExcessive: false });
    expect(atSecond.earlier.map((item: { reference: string }) => item.reference)).toEqual([first]);

    const atThird = await caseJson(third);
    expect(atThird.repeatRequests).toMatchObject({ count: 2, possiblyExcessive: false });
    const atFourth = await caseJson(fourth);
    expect(atFourth.repeatRequests).toEqual({
      count: 3,
      months: 12,
      threshold: 3,
      possiblyExcessive: true,
      earlier: [
        { reference: second, receivedOn: '2026-02-03', status: expect.any(String) },
        { reference: third, receivedOn: '2026-06-15', status: expect.any(String) },
      ],
    });
    // A flag for a person: the case goes on as any other.
    expect(atFourth.status).toBe('in_progress');
    expect(atFourth.rejection).toBeNull();

    const handler = await signedInStaff(stack, 'handler.repeat@example.no', 'handler');
    const html = await (await handler.get(`/staff/cases/${fourth}`)).text();
    expect(html).toContain('data-testid="repeat-requests"');
    expect(html).toContain(`<a href="/staff/cases/${second}">${second}</a> (<time datetime="2026-02-03">3. feb. 2026</time>)`);
  });

  it('does not tie cases together by an address someone merely typed', async () => {
    const email = 'kari.victim@example.no';
    await request(email, '2026-05-01T10:00:00+02:00');
    await request(email, '2026-06-01T10:00:00+02:00');
    // A stranger types the same address; nothing proves it is theirs.
    const typed = await request(email, '2026-07-01T10:00:00+02:00', { verified: false });
    expect((await caseJson(typed)).repeatRequests).toMatchObject({ count: 1, possiblyExcessive: false, earlier: [] });
  });
});
