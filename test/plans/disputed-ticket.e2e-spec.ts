import { taskOf } from '../fanout/fanout-stack';
import { letterMail } from '../responses/true-letters-stack';
import { DISPUTE_SUBJECT, erasureWithPlan, patchItem, seedSixTickets, startPlanStack, waitForCase, waitForPlan, type PlanStack } from './plan-stack';

const CLAIM = 'payment dispute over invoice 1042';
const NORA = { name: 'Nora Dahl', email: 'nora.dahl@example.no', phone: '+4791112233' };
const EMIL = { name: 'Emil Strand', email: 'emil.strand@example.no', phone: '+4792223344' };
const HOUR = 3_600_000;

describe('discover, review, execute: the disputed-ticket erasure in Zendesk', () => {
  let plan: PlanStack;

  beforeAll(async () => {
    plan = await startPlanStack('PLANS_E2E');
  });
  afterAll(async () => {
    await plan?.close();
  });

  it('keeps the disputed ticket restricted with its claim, deletes the other five, keeps the user minimal, and the letter says so', async () => {
    const { client, sims, stack, auth, smtp } = plan;
    const seeded = seedSixTickets(sims.zendesk, NORA);
    const { reference, id, plan: surveyed } = await erasureWithPlan(client, NORA);

    // The plan: the user and six tickets, all proposed for erasure; nothing changed in Zendesk yet.
    const zendesk = surveyed.systems.find((system) => system.system === 'zendesk')!;
    expect(zendesk.items.map((item) => [item.recordType, item.proposed])).toEqual([['user', 'erase'], ...Array.from({ length: 6 }, () => ['ticket', 'erase'])]);
    expect(sims.zendesk.state.liveTickets().filter((ticket) => ticket.requester_id === seeded.userId)).toHaveLength(6);
    const dispute = zendesk.items.find((item) => item.label.includes(DISPUTE_SUBJECT))!;
    expect(dispute.label).toBe(`Ticket #${seeded.disputeId} · ${DISPUTE_SUBJECT} · 2026-10-02`);

    // A keep without its claim is refused naming the field; with it, it is recorded.
    const refused = await patchItem(stack, auth, reference, dispute.id, {
      action: 'keep',
      keep: { basis: 'legal_claims', criterion: 'until settled', allowedUse: 'legal_claims' },
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(await refused.json())).toContain('keep.claim');
    const keep = { basis: 'legal_claims', claim: CLAIM, criterion: 'until the payment dispute is settled', allowedUse: 'legal_claims', restrict: true };
    const kept = await patchItem(stack, auth, reference, dispute.id, { action: 'keep', keep });
    expect(kept.status).toBe(200);
    expect(await kept.json()).toMatchObject({ proposed: 'erase', action: 'keep', keep });

    expect((await client.post(`/api/v1/cases/${reference}/approve`, {})).status).toBe(200);
    const reviewed = await waitForCase(client, reference, (body) => body.status === 'awaiting_review');
    expect(taskOf(reviewed, 'zendesk').status).toBe('done');

    // Zendesk: five tickets gone for good, the disputed one tagged, noted privately and left; the user minimal.
    for (const ticketId of seeded.otherIds) expect(sims.zendesk.state.permanentlyDeletedTicketIds.has(ticketId)).toBe(true);
    const disputed = sims.zendesk.state.liveTickets().find((ticket) => ticket.id === seeded.disputeId)!;
    expect(disputed.tags).toEqual(expect.arrayContaining(['dsr-restricted', `dsr-hold-${reference.toLowerCase()}`]));
    const note = sims.zendesk.state.commentsOf(seeded.disputeId).find((comment) => !comment.public)!;
    expect(note.body).toContain(CLAIM);
    expect(note.body).toContain('Art 17(3)(e)');
    const user = sims.zendesk.state.user(seeded.userId)!;
    expect(sims.zendesk.state.isLive(seeded.userId)).toBe(true);
    expect(user.phone).toBeNull();
    expect(user.notes).not.toContain('Prefers phone calls');
    expect(user.tags).toContain('dsr-restricted');

    // The letter: five tickets erased, one kept for the claim and restricted; the user kept minimal.
    expect((await client.post(`/api/v1/cases/${reference}/complete`, {})).status).toBe(200);
    const letter = (await letterMail(stack, smtp, id, NORA.email)).text.replace(/\r\n/g, '\n').replace(/\s+/g, ' ');
    expect(letter).toMatch(/5 tickets/);
    expect(letter).toContain(CLAIM);
    expect(letter).toMatch(/restrict/i);
    expect(letter).toContain('until the payment dispute is settled');
  });

  it('surveys again before executing a plan older than PLAN_MAX_AGE_HOURS, and a new ticket asks for approval again', async () => {
    const { client, sims, clock, signIn, smtp } = plan;
    const seeded = seedSixTickets(sims.zendesk, EMIL);
    const { reference } = await erasureWithPlan(client, EMIL);

    // Three days and an hour later a new ticket has come in; the handler approves the old plan.
    clock.advance(73 * HOUR);
    await signIn();
    const fresh = sims.zendesk.state.addTicket({ requesterId: seeded.userId, subject: 'New question', status: 'open' });
    expect((await client.post(`/api/v1/cases/${reference}/approve`, {})).status).toBe(200);

    const changed = await waitForPlan(client, reference, (body) => !body.approvalCurrent && body.systems.some((system) => system.changed));
    const item = changed.systems[0].items.find((candidate) => candidate.ref === `ticket:${fresh.id}`)!;
    expect(item).toMatchObject({ change: 'new', proposed: 'erase', action: 'erase' });
    const waiting = await waitForCase(client, reference, (body) => body.tasks.some((task) => task.error?.includes('records changed')));
    expect(taskOf(waiting, 'zendesk').status).toBe('pending');
    // The REST API gives the same reason in Norwegian beside the English.
    expect(taskOf(waiting, 'zendesk').errorText?.nb).toContain('Oppføringene har endret seg siden planen ble godkjent');
    // The handler (no assignee: the first admin) is told, with a link to the plan.
    const told = await smtp.waitFor((mail) => mail.subject === `${reference}: planen må godkjennes på nytt`);
    expect(told.text).toContain('Registreringene er endret siden godkjenningen, så ingenting er gjort der.');
    expect(told.text).not.toContain('Before acting');
    expect(told.text).toContain(`/staff/cases/${reference}#plan`);
    // Nothing was done in Zendesk.
    expect(sims.zendesk.state.liveTickets().filter((ticket) => ticket.requester_id === seeded.userId)).toHaveLength(7);

    // The handler reviews the new plan a few minutes later; approving it executes it: all seven tickets and the user are gone.
    clock.advance(5 * 60_000);
    expect((await client.post(`/api/v1/cases/${reference}/approve`, {})).status).toBe(200);
    const done = await waitForCase(client, reference, (body) => body.status === 'awaiting_review');
    expect(taskOf(done, 'zendesk').status).toBe('done');
    expect(sims.zendesk.state.liveTickets().filter((ticket) => ticket.requester_id === seeded.userId)).toHaveLength(0);
    expect(sims.zendesk.state.isLive(seeded.userId)).toBe(false);
  });
});
