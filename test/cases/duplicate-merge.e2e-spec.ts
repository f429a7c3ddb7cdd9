import { RequesterLinks } from '../../src/public-site/requester-links';
import { JOB_OPTIONS, JobName, QueueName, jobIds } from '../../src/queues/queue-catalogue';
import { linkIn, pageText, postJson } from '../intake/intake-helpers';
import { FixedClock } from '../support/fixed-clock';
import { drainQueues, queueOf } from '../support/queues';
import { dataMapWithoutRoutineDeletion } from '../support/quiet-data-map';
import { SmtpCapture } from '../support/smtp-capture';
import { adminAuth, startTestApp, type TestApp } from '../support/test-app';
import { signedInStaff } from '../staff-ui/staff-session-client';

/** Duplicate requests: the same person's open cases are shown, and a handler merges them into one
 *  that answers from the earliest receipt. Over REST, with real PostgreSQL, Redis and SMTP. */
describe('duplicate requests and merging (real PostgreSQL, Redis and SMTP)', () => {
  const clock = new FixedClock(new Date('2026-09-10T09:00:00+02:00'));
  const smtp = new SmtpCapture();
  let stack: TestApp;
  let auth: { Authorization: string };

  beforeAll(async () => {
    stack = await startTestApp({ clock, env: { SMTP_URL: await smtp.start(), SYSTEMS_FILE: dataMapWithoutRoutineDeletion() } });
    auth = await adminAuth(stack.url);
  });
  afterAll(async () => {
    await stack.close();
    await smtp.stop();
  });

  const post = (path: string, body: unknown) =>
    fetch(`${stack.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...auth }, body: JSON.stringify(body) });
  const get = async (path: string) => (await fetch(`${stack.url}${path}`, { headers: auth })).json();
  const merge = (survivor: string, duplicate: unknown) => post(`/api/v1/cases/${survivor}/merge`, { duplicate });

  /** A request registered by staff; `verified` registers it with identity already checked. */
  async function register(subject: Record<string, string>, receivedAt: string, options: { type?: string; verified?: boolean } = {}) {
    const response = await post('/api/v1/cases', {
      type: options.type ?? 'access',
      channel: 'letter',
      receivedAt,
      subject,
      ...(options.verified === false ? {} : { identityVerified: { method: 'signed letter matched the customer record' } }),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as { id: string; reference: string; deadlines: { effective: string } };
  }

  /** When the case's deadline alert job fires, as an instant on our fixed clock (none: no job). */
  async function alertAt(caseId: string): Promise<string | null> {
    const job = await queueOf(stack.context, QueueName.Deadlines).getJob(jobIds.alert(caseId));
    if (!job) return null;
    const delay = Math.round((job.delay ?? job.opts.delay ?? 0) / 1000) * 1000;
    return new Date(clock.now().getTime() + delay).toISOString();
  }

  it('lists the open cases of a person established at registration, on both cases', async () => {
    const first = await register({ email: 'per.dup@example.no' }, '2026-09-01T10:00:00+02:00');
    const second = await register({ email: 'Per.Dup@example.no', name: 'Per Dup' }, '2026-09-08T10:00:00+02:00');
    const erasure = await register({ email: 'per.dup@example.no' }, '2026-09-09T10:00:00+02:00', { type: 'erasure' });

    const atSecond = await get(`/api/v1/cases/${second.reference}`);
    expect(atSecond.duplicates).toEqual([
      { reference: first.reference, type: 'access', status: 'in_progress', receivedOn: '2026-09-01', mergeable: true },
      { reference: erasure.reference, type: 'erasure', status: 'in_progress', receivedOn: '2026-09-09', mergeable: false },
    ]);
    expect(atSecond.mergedInto).toBeNull();
    const atFirst = await get(`/api/v1/cases/${first.reference}`);
    expect(atFirst.duplicates.map((item: { reference: string }) => item.reference)).toEqual([second.reference, erasure.reference]);

    // The queue marks each of them; a case of someone else is not marked.
    const other = await register({ email: 'not.dup@example.no' }, '2026-09-08T10:00:00+02:00');
    const handler = await signedInStaff(stack, 'handler.queue@example.no', 'handler');
    const queue = await (await handler.get('/staff')).text();
    const row = (reference: string) => queue.slice(queue.indexOf(`<tr data-reference="${reference}">`)).split('</tr>')[0];
    for (const reference of [first.reference, second.reference, erasure.reference]) expect(row(reference)).toContain('data-testid="duplicate-marker"');
    expect(row(other.reference)).toContain(other.reference);
    expect(row(other.reference)).not.toContain('duplicate-marker');
  });

  it('ties nothing by an address only typed, and finds the duplicate once the identity is verified', async () => {
    const proven = await register({ email: 'kari.dup@example.no' }, '2026-09-02T10:00:00+02:00');
    const typed = await register({ email: 'kari.dup@example.no' }, '2026-09-07T10:00:00+02:00', { verified: false });
    expect((await get(`/api/v1/cases/${typed.reference}`)).duplicates).toEqual([]);
    expect((await get(`/api/v1/cases/${proven.reference}`)).duplicates).toEqual([]);
    // Merging on a typed address alone is refused: nothing says it is the same person.
    const refused = await merge(typed.reference, proven.reference);
    expect(refused.status).toBe(409);
    expect((await refused.json()).message).toContain('not known to be the same person');

    expect((await post(`/api/v1/cases/${typed.reference}/verify`, { method: 'called back the number on file' })).status).toBe(200);
    expect((await get(`/api/v1/cases/${typed.reference}`)).duplicates).toEqual([
      { reference: proven.reference, type: 'access', status: 'in_progress', receivedOn: '2026-09-02', mergeable: true },
    ]);
  });

  it('merges into the kept case: the earliest receipt wins, the deadline and its alert job move, both references resolve, both audit trails record it', async () => {
    const earlier = await register({ email: 'ola.dup@example.no' }, '2026-08-20T10:00:00+02:00');
    const kept = await register({ email: 'ola.dup@example.no', phone: '+47 912 34 567' }, '2026-09-09T10:00:00+02:00');
    expect(earlier.deadlines.effective < kept.deadlines.effective).toBe(true);
    const earlierAlert = await alertAt(earlier.id);
    expect(earlierAlert).not.toBeNull();
    expect(await alertAt(kept.id)).not.toEqual(earlierAlert);
    // Each registration's receipt went out; after the merge nothing more may.
    await drainQueues(stack.context);
    await smtp.waitFor((mail) => mail.to.includes('ola.dup@example.no') && mail.text.includes(kept.reference));
    const requesterMailsBefore = smtp.to('ola.dup@example.no').length;

    const response = await merge(kept.reference, earlier.reference.toLowerCase());
    expect(response.status).toBe(200);
    const survivor = await response.json();
    expect(survivor).toMatchObject({ reference: kept.reference, status: 'in_progress', receivedOn: '2026-08-20', duplicates: [], mergedInto: null });
    expect(survivor.receivedAt).toBe(new Date('2026-08-20T10:00:00+02:00').toISOString());
    expect(survivor.deadlines.effective).toBe(earlier.deadlines.effective);
    // The merged case's identifiers are the survivor's too (the e-mail once, the phone kept).
    expect(survivor.identifiers.map((identifier: { kind: string }) => identifier.kind).sort()).toEqual(['email', 'phone']);

    // The merged reference still answers: closed as merged, naming the case that answers for both.
    const merged = await get(`/api/v1/cases/${earlier.reference}`);
    expect(merged).toMatchObject({ reference: earlier.reference, status: 'merged', mergedInto: kept.reference, duplicates: [] });
    expect(merged.closedAt).not.toBeNull();

    // The deadline alert job follows the earlier deadline; the merged case has none.
    await drainQueues(stack.context);
    expect(await alertAt(kept.id)).toBe(earlierAlert);
    expect(await alertAt(earlier.id)).toBeNull();

    const survivorTrail = (await get(`/api/v1/cases/${kept.reference}/audit`)).items;
    expect(survivorTrail.find((event: { type: string }) => event.type === 'case.merged_in')).toMatchObject({
      actor: expect.stringMatching(/^staff:/),
      data: { merged: earlier.reference, receivedOn: '2026-08-20', before: { receivedOn: '2026-09-09', effectiveDue: kept.deadlines.effective } },
    });
    const mergedTrail = (await get(`/api/v1/cases/${earlier.reference}/audit`)).items;
    expect(mergedTrail.find((event: { type: string }) => event.type === 'case.merged')).toMatchObject({ data: { into: kept.reference } });

    // The requester gets nothing for the merge and no letter from the merged case: the survivor answers for both.
    await drainQueues(stack.context);
    expect(smtp.to('ola.dup@example.no').slice(requesterMailsBefore)).toEqual([]);
    // Closed as merged, it can never complete and so never sends an answer of its own.
    const complete = await post(`/api/v1/cases/${earlier.reference}/complete`, {});
    expect(complete.status).toBe(409);
    expect((await complete.json()).message).toBe('Cannot complete: the case is merged into another case.');

    // The requester's status link of the merged case leads to the survivor's status page.
    const links = stack.context.get(RequesterLinks);
    const status = await fetch(`${stack.url}/status/${links.statusToken(earlier.id)}?lang=en`, { redirect: 'manual' });
    expect(status.status).toBe(303);
    expect(status.headers.get('location')).toBe(`/status/${links.statusToken(kept.id)}?lang=en`);

    // On the staff pages the merged reference leads to the survivor.
    const handler = await signedInStaff(stack, 'handler.dup@example.no', 'handler');
    const page = await handler.get(`/staff/cases/${earlier.reference}`);
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe(`/staff/cases/${kept.reference}?mergedFrom=${earlier.reference}`);
  });

  it('keeps the survivor receipt when the duplicate came later', async () => {
    const kept = await register({ customerNumber: 'K-77001' }, '2026-09-01T10:00:00+02:00');
    const later = await register({ customerNumber: 'K-77001' }, '2026-09-05T10:00:00+02:00');
    const survivor = await (await merge(kept.reference, later.reference)).json();
    expect(survivor).toMatchObject({ receivedOn: '2026-09-01', deadlines: { effective: kept.deadlines.effective } });
  });

  it('a merged request that still awaited e-mail confirmation sends nothing more: no reminder, no unverified closure, a dead link', async () => {
    const submitted = await postJson(`${stack.url}/api/v1/requests`, { type: 'access', email: 'lise.dup@example.no' });
    expect(submitted.status).toBe(202);
    const { reference } = (await submitted.json()) as { reference: string };
    const verification = await smtp.waitFor((mail) => mail.subject === `Bekreft forespørselen din (${reference})`);
    await drainQueues(stack.context);
    const unverified = (await get(`/api/v1/cases/${reference}`)) as { id: string; status: string; identifiers: Array<{ id: string; kind: string }> };
    expect(unverified.status).toBe('awaiting_verification');
    const caseId = unverified.id;
    const intake = queueOf(stack.context, QueueName.Intake);
    const reminder = jobIds.verificationReminder(caseId);
    const expiry = jobIds.verificationExpiry(caseId);
    expect(await intake.getJob(reminder)).toBeTruthy();
    expect(await intake.getJob(expiry)).toBeTruthy();

    // A handler checks the address by phone (the case still awaits the link) and finds her earlier letter.
    const email = unverified.identifiers.find((identifier) => identifier.kind === 'email');
    const confirmed = await post(`/api/v1/cases/${reference}/identifiers/${email?.id}/confirm`, {
      method: 'called back the number on file',
      reason: 'she confirmed sending both requests',
    });
    expect(confirmed.status).toBe(200);
    const kept = await register({ email: 'lise.dup@example.no' }, '2026-09-09T10:00:00+02:00');
    await smtp.waitFor((mail) => mail.to.includes('lise.dup@example.no') && mail.text.includes(kept.reference));
    await drainQueues(stack.context);
    const mailsBefore = smtp.to('lise.dup@example.no').length;

    expect((await merge(kept.reference, reference)).status).toBe(200);
    await drainQueues(stack.context);
    expect(await intake.getJob(reminder)).toBeFalsy();
    expect(await intake.getJob(expiry)).toBeFalsy();

    // Jobs a stale Redis still held run after their time (past the reminder day and the expiry) and stand down.
    const now = clock.now();
    clock.advance(8 * 24 * 3600 * 1000);
    try {
      for (const [name, jobId] of [
        [JobName.VerificationReminder, reminder],
        [JobName.VerificationExpiry, expiry],
      ] as const) {
        await intake.add(name, { caseId }, { ...JOB_OPTIONS[name], jobId });
      }
      await drainQueues(stack.context);
      // Neither acted: no reminder recorded, and the expiry did not close the case as unverified.
      // (Read from PostgreSQL: eight days on, the API token has lapsed.)
      const state = async () => {
        const rows: Array<Record<string, unknown>> = await stack.dataSource.query(
          'SELECT c.status, c.verified_at, c.rejection_code, v.reminded_at FROM cases c JOIN case_verifications v ON v.case_id = c.id WHERE c.id = $1',
          [caseId],
        );
        return rows[0];
      };
      expect(await state()).toEqual({ status: 'merged', verified_at: null, rejection_code: null, reminded_at: null });

      // The link in her first e-mail no longer confirms anything.
      const late = await fetch(linkIn(verification, 'verify', stack.url), { method: 'POST' });
      expect(late.status).toBe(410);
      expect(pageText(await late.text())).toContain('Forespørselen er lukket');
      expect((await state()).status).toBe('merged');

      await drainQueues(stack.context);
      expect(smtp.to('lise.dup@example.no').slice(mailsBefore)).toEqual([]);
    } finally {
      clock.set(now);
    }
  });

  it('refuses, naming the problem: itself, a closed case, another request type, another person, a malformed reference', async () => {
    const one = await register({ email: 'refuse.dup@example.no' }, '2026-09-03T10:00:00+02:00');
    const erasure = await register({ email: 'refuse.dup@example.no' }, '2026-09-04T10:00:00+02:00', { type: 'erasure' });
    const stranger = await register({ email: 'someone.else@example.no' }, '2026-09-04T10:00:00+02:00');
    const closed = await register({ email: 'refuse.dup@example.no' }, '2026-09-05T10:00:00+02:00');
    expect((await post(`/api/v1/cases/${closed.reference}/withdraw`, {})).status).toBe(200);

    const self = await merge(one.reference, one.reference);
    expect(self.status).toBe(409);
    expect((await self.json()).message).toBe('Cannot merge a case with itself.');

    const toClosed = await merge(one.reference, closed.reference);
    expect(toClosed.status).toBe(409);
    expect((await toClosed.json()).message).toBe('Cannot merge: the case is withdrawn.');

    const types = await merge(one.reference, erasure.reference);
    expect(types.status).toBe(409);
    expect((await types.json()).message).toContain('only requests of the same type merge');

    const person = await merge(one.reference, stranger.reference);
    expect(person.status).toBe(409);
    expect((await person.json()).message).toContain('not known to be the same person');

    const malformed = await merge(one.reference, 'not a reference');
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(await malformed.json())).toContain('duplicate: must be a case reference such as DSR-2026-42');

    const missing = await merge(one.reference, 'DSR-2026-999999');
    expect(missing.status).toBe(404);

    // Nothing changed on the refused cases.
    expect(await get(`/api/v1/cases/${one.reference}`)).toMatchObject({ status: 'in_progress', receivedOn: '2026-09-03' });
    expect(await get(`/api/v1/cases/${erasure.reference}`)).toMatchObject({ status: 'in_progress', mergedInto: null });
  });
});
