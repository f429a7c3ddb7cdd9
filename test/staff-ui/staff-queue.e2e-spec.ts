import { postJson } from '../intake/intake-helpers';
import { FixedClock } from '../support/fixed-clock';
import { adminAuth, startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app';
import { createStaffUser, SessionClient, STAFF_PASSWORD } from './staff-session-client';

type Counts = Record<'all' | 'overdue' | 'due2' | 'due7' | 'later', number>;

/**
 * The queue at /staff: counts per deadline state from one query, over the same filters as the list,
 * and the list's own filters and paging. Today is Wednesday 4 March 2026: due within 2 working
 * days runs to Friday 6 March, within 7 days to Wednesday 11 March.
 */
describe('staff queue counts, filters and paging', () => {
  const clock = new FixedClock(new Date('2026-03-04T10:00:00+01:00'));
  let stack: TestApp;
  let auth: { Authorization: string };
  let admin: SessionClient;
  let adminId: string;
  const byState: Record<string, string[]> = {};

  beforeAll(async () => {
    stack = await startTestApp({ clock });
    auth = await adminAuth(stack.url);
    admin = new SessionClient(stack.url);
    await admin.signIn(TEST_ADMIN.email, TEST_ADMIN.password);
    [{ id: adminId }] = await stack.dataSource.query('SELECT id FROM staff_users WHERE email = $1', [TEST_ADMIN.email]);

    // effective deadline → state; phone cases are every other one, "mine" the phone ones.
    const plan: Array<[string, string]> = [
      ['2026-02-20', 'overdue'],
      ['2026-03-03', 'overdue'],
      ['2026-03-04', 'due2'],
      ['2026-03-05', 'due2'],
      ['2026-03-06', 'due2'],
      ['2026-03-09', 'due7'],
      ['2026-03-11', 'due7'],
      ['2026-03-12', 'later'],
      ...Array.from({ length: 22 }, (_, index): [string, string] => [`2026-04-${String(index + 1).padStart(2, '0')}`, 'later']),
    ];
    for (const [index, [due, state]] of plan.entries()) {
      const channel = index % 2 === 0 ? 'letter' : 'phone';
      const created = await postJson(
        `${stack.url}/api/v1/cases`,
        { type: 'access', channel, receivedAt: clock.now().toISOString(), subject: { name: `Person ${index}` } },
        auth,
      );
      const { id, reference } = await created.json();
      await stack.dataSource.query('UPDATE cases SET effective_due = $2, assignee_id = $3 WHERE id = $1', [id, due, channel === 'phone' ? adminId : null]);
      (byState[state] ??= []).push(reference);
    }
    // A closed case with an overdue date counts nowhere in the open queue.
    const closed = await (
      await postJson(
        `${stack.url}/api/v1/cases`,
        { type: 'access', channel: 'letter', receivedAt: clock.now().toISOString(), subject: { name: 'Closed' } },
        auth,
      )
    ).json();
    await postJson(`${stack.url}/api/v1/cases/${closed.reference}/withdraw`, {}, auth);
    await stack.dataSource.query("UPDATE cases SET effective_due = '2026-02-01' WHERE id = $1", [closed.id]);
  });
  afterAll(() => stack.close());

  const countsIn = (html: string): Counts => {
    const list = html.slice(html.indexOf('data-testid="counts"'), html.indexOf('</ul>', html.indexOf('data-testid="counts"')));
    const state = (name: string) => Number(new RegExp(`data-state="${name}"><strong>(\\d+)</strong>`).exec(list)![1]);
    return {
      all: Number(/<strong>(\d+)<\/strong>/.exec(list)![1]),
      overdue: state('overdue'),
      due2: state('due2'),
      due7: state('due7'),
      later: state('later'),
    };
  };
  const rows = (html: string) => [...html.matchAll(/<tr data-reference="([^"]+)">/g)].map((match) => match[1]);
  const queue = async (search = '') => {
    const response = await admin.get(`/staff${search}`);
    expect(response.status).toBe(200);
    // Handlebars writes "=" in attributes as &#x3D;.
    return (await response.text()).replace(/&#x3D;/g, '=');
  };

  it('counts the open cases per deadline state', async () => {
    const html = await queue();
    expect(countsIn(html)).toEqual({ all: 30, overdue: 2, due2: 3, due7: 2, later: 23 });
    expect(rows(html).slice(0, 8)).toEqual([...byState.overdue, ...byState.due2, ...byState.due7, byState.later[0]]);
  });

  it('counts and lists within the channel and "mine" filters, and narrows the list to one state', async () => {
    const phone = await queue('?channel=phone');
    expect(countsIn(phone)).toEqual({ all: 15, overdue: 1, due2: 1, due7: 1, later: 12 });
    const mine = await queue('?assignee=mine');
    expect(countsIn(mine)).toEqual(countsIn(phone));
    expect(rows(mine)).toEqual(rows(phone));

    const due2 = await queue('?due=due2');
    expect(rows(due2)).toEqual(byState.due2);
    // The counts still cover every state, so the other links keep their numbers.
    expect(countsIn(due2)).toEqual({ all: 30, overdue: 2, due2: 3, due7: 2, later: 23 });

    const withdrawn = await queue('?status=withdrawn');
    expect(countsIn(withdrawn)).toEqual({ all: 1, overdue: 1, due2: 0, due7: 0, later: 0 });
  });

  it('pages 25 at a time', async () => {
    const first = await queue();
    expect(rows(first)).toHaveLength(25);
    expect(first).toContain('href="/staff?page=2" rel="next"');
    const second = await queue('?page=2');
    expect(rows(second)).toEqual(byState.later.slice(-5));
    expect(second).toContain('href="/staff" rel="prev"');
    expect(second).not.toContain('rel="next"');
  });

  it('shows in the menu badge the open cases overdue or due within 2 working days: all for an admin, their own for a handler', async () => {
    const badgeIn = (html: string) => /data-testid="badge">(\d+)</.exec(html)?.[1];
    expect(badgeIn(await queue())).toBe(String(byState.overdue.length + byState.due2.length));

    const handlerId = await createStaffUser(stack, 'badge.handler@example.no', 'handler');
    const handler = new SessionClient(stack.url);
    expect((await handler.signIn('badge.handler@example.no', STAFF_PASSWORD)).status).toBe(303);
    const own = async () => badgeIn(await (await handler.get('/staff')).text());
    expect(await own()).toBeUndefined();
    await stack.dataSource.query('UPDATE cases SET assignee_id = $2 WHERE reference = ANY($1)', [[byState.overdue[0], byState.later[0]], handlerId]);
    expect(await own()).toBe('1');
  });
});
