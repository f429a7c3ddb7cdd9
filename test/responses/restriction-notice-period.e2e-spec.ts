import { registration, searchDone, settled, waitForCase } from '../fanout/fanout-stack';
import { NORWEGIAN_PEOPLE } from '../fanout/norwegian-people';
import { ReconciliationService } from '../../src/deadlines/alerts/reconciliation.service';
import { addDays } from '../../src/common/iso-date';
import { humanDate } from '../../src/common/human-date';
import { DeadlineService } from '../../src/deadlines/deadline.service';
import { FixedClock } from '../support/fixed-clock';
import { waitUntil } from '../support/service-process';
import { adminAuth } from '../support/test-app';
import { signedInStaff } from '../staff-ui/staff-session-client';
import { useSimulatorStack } from './simulator-stack';

const PREFIX = 'LIFT_PERIOD_E2E';
const [KARI, OLA] = NORWEGIAN_PEOPLE;

type AuditItem = { type: string; data: Record<string, unknown> };

/** Art 18(3): the person is told before a restriction is lifted, with time to object (default 5 working days). */
describe('notice period before a restriction is lifted (real stack, simulators, SMTP, injected clock)', () => {
  const clock = new FixedClock(new Date());
  const env = useSimulatorStack(PREFIX, { clock });

  const auditOf = async (reference: string): Promise<AuditItem[]> => (await (await env.client.get(`/api/v1/cases/${reference}/audit`)).json()).items;
  const lifted = async (reference: string) => (await auditOf(reference)).some((event) => event.type === 'restriction.lifted');
  async function completedRestriction(person: (typeof NORWEGIAN_PEOPLE)[number], language: string): Promise<string> {
    const { reference } = (await (await env.client.post('/api/v1/cases', { ...registration('restriction', person), language })).json()) as {
      reference: string;
    };
    await waitForCase(env.client, reference, searchDone);
    await env.client.post(`/api/v1/cases/${reference}/approve`, {});
    await waitForCase(env.client, reference, (body) => settled(body) && (body as unknown as { status: string }).status === 'awaiting_review');
    expect((await env.client.post(`/api/v1/cases/${reference}/complete`, {})).status).toBe(200);
    return reference;
  }

  it('names the lift day five working days on, lifts nothing before it, lifts on it, and never lifts once called off', async () => {
    const today = env.stack.context.get(DeadlineService).today();
    const kept = await completedRestriction(KARI, 'nb');
    const lifting = await completedRestriction(OLA, 'en');

    const decided = await env.client.post(`/api/v1/cases/${lifting}/lift-restriction`, {
      reason: 'The contested address was checked against the signed contract.',
    });
    expect(decided.status).toBe(202);
    const { liftOn, liftedAt, cancelledAt } = await decided.json();
    expect(liftedAt).toBeNull();
    expect(cancelledAt).toBeNull();
    // The fifth working day after today (weekends and Norwegian public holidays don't count).
    const calendar = env.stack.context.get(DeadlineService).calendar;
    let working = 0;
    for (let day = addDays(today, 1); day <= liftOn; day = addDays(day, 1)) if (calendar.isWorkingDay(day)) working++;
    expect(working).toBe(5);
    expect(calendar.isWorkingDay(liftOn)).toBe(true);
    const notice = await env.smtp.waitFor((mail) => mail.to.includes(OLA.email) && mail.subject.includes('The restriction of processing will be lifted'));
    expect(notice.text).toContain('If you disagree, reply to this e-mail or write to us before');
    expect(notice.text).toContain('We will not lift the restriction while we consider your objection.');

    const objected = await env.client.post(`/api/v1/cases/${kept}/lift-restriction`, { reason: 'Vi har kontrollert opplysningene mot kontrakten.' });
    expect(objected.status).toBe(202);
    await env.smtp.waitFor((mail) => mail.to.includes(KARI.email) && mail.subject.includes('Begrensningen av behandlingen oppheves'));
    // The person objects during the period; a handler calls the lifting off.
    expect((await env.client.post(`/api/v1/cases/${kept}/lift-restriction/cancel`, {})).status).toBe(400);
    const cancelled = await env.client.post(`/api/v1/cases/${kept}/lift-restriction/cancel`, { reason: 'Kari protesterte per telefon 3. desember.' });
    expect(cancelled.status).toBe(200);
    expect((await cancelled.json()).cancelledAt).not.toBeNull();
    expect((await env.client.post(`/api/v1/cases/${kept}/lift-restriction/cancel`, { reason: 'Twice is once too many.' })).status).toBe(409);

    // The notice has gone out, yet the day has not come: reconciliation finds nothing to lift.
    await env.stack.context.get(ReconciliationService).reconcile();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await lifted(lifting)).toBe(false);
    const handler = await signedInStaff(env.stack, 'period.handler@example.no', 'handler');
    const page = await (await handler.get(`/staff/cases/${lifting}`)).text();
    expect(page).toContain(`Begrensningen oppheves <time datetime="${liftOn}">${humanDate(liftOn, 'nb')}</time> om ikke den registrerte protesterer før det`);
    expect(page).toContain(`action="/staff/cases/${lifting}/lift-restriction/cancel"`);

    // The lift day: the waiting job runs.
    clock.set(`${liftOn}T12:00:00Z`);
    env.auth = await adminAuth(env.stack.url); // a week on, yesterday's sign-in has expired
    await env.stack.context.get(ReconciliationService).reconcile();
    await waitUntil(() => lifted(lifting), 20_000);
    expect(await lifted(kept)).toBe(false);
    expect(
      (await auditOf(kept)).some((event) => event.type === 'restriction.lift_cancelled' && event.data.reason === 'Kari protesterte per telefon 3. desember.'),
    ).toBe(true);
    const [row] = await env.stack.dataSource.query('SELECT lifted_at FROM restriction_liftings l JOIN cases c ON c.id = l.case_id WHERE c.reference = $1', [
      kept,
    ]);
    expect(row.lifted_at).toBeNull();
  });
});
