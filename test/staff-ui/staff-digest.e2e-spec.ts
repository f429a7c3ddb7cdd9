import type { Queue } from 'bullmq';
import { JobName, QueueName } from '../../src/queues/queue-catalogue';
import { FixedClock } from '../support/fixed-clock';
import { drainQueues, queueOf } from '../support/queues';
import { SmtpCapture } from '../support/smtp-capture';
import { adminAuth, startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app';
import { createStaffUser } from './staff-session-client';

/** The staff's daily digest: a BullMQ job scheduler in the worker, one e-mail per person and day. */
describe('daily staff digest (real BullMQ, PostgreSQL and SMTP)', () => {
  const clock = new FixedClock(new Date('2026-03-10T09:00:00+01:00'));
  const smtp = new SmtpCapture();
  let stack: TestApp;
  let queue: Queue;
  const refs = {} as Record<'soon' | 'overdue' | 'later' | 'unassigned' | 'closed', string>;
  const handler = 'digest.handler@example.no';

  beforeAll(async () => {
    stack = await startTestApp({ clock, env: { SMTP_URL: await smtp.start() } });
    queue = queueOf(stack.context, QueueName.StaffDigest);
    const auth = await adminAuth(stack.url);
    const handlerId = await createStaffUser(stack, handler, 'handler');
    const post = async (path: string, body: unknown) => {
      const response = await fetch(`${stack.url}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...auth },
        body: JSON.stringify(body),
      });
      if (response.status >= 300) throw new Error(`${path}: ${response.status}`);
      return response.json();
    };
    const register = async (receivedAt: string, assign: boolean) => {
      const body = await post('/api/v1/cases', { type: 'access', channel: 'letter', receivedAt, subject: { name: 'Someone' } });
      if (assign) await post(`/api/v1/cases/${body.reference}/assign`, { userId: handlerId });
      return body.reference as string;
    };
    refs.soon = await register('2026-02-12T10:00:00+01:00', true); // due 2026-03-14 → within 7 days
    refs.overdue = await register('2026-01-20T10:00:00+01:00', true); // due 2026-02-19 → overdue
    refs.later = await register('2026-03-09T10:00:00+01:00', true); // due in April → not in the digest
    refs.closed = await register('2026-01-21T10:00:00+01:00', true);
    await post(`/api/v1/cases/${refs.closed}/withdraw`, {});
    refs.unassigned = await register('2026-03-01T10:00:00+01:00', false);
  });
  afterAll(async () => {
    await stack?.close();
    await smtp.stop();
  });

  const digestsTo = (address: string) => smtp.to(address).filter((mail) => mail.subject.startsWith('Daglig oversikt'));

  it('is a job scheduler at ALERT_HOUR in the company time zone', async () => {
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toEqual([expect.objectContaining({ key: 'staff-digest-daily', pattern: '0 8 * * *', tz: 'Europe/Oslo', name: JobName.StaffDigest })]);
  });

  it('sends each handler their cases due within 7 days or overdue, and admins the unassigned ones, once a day', async () => {
    await queue.add(JobName.StaffDigest, {});
    await drainQueues(stack.context);
    const mine = await smtp.waitFor((mail) => mail.to.includes(handler) && mail.subject.startsWith('Daglig oversikt'));
    expect(mine.subject).toBe('Daglig oversikt 10. mars 2026: 2 saker (1 forfalt)');
    expect(mine.text).toContain(`${refs.soon} (innsyn)`);
    expect(mine.text).toContain(`${refs.overdue} (innsyn) FORFALT frist 19. februar 2026`);
    expect(mine.text).toContain(`/staff/cases/${refs.soon}`);
    expect(mine.text).not.toContain(refs.later);
    expect(mine.text).not.toContain(refs.closed);
    expect(mine.text).not.toContain(refs.unassigned);

    const admin = await smtp.waitFor((mail) => mail.to.includes(TEST_ADMIN.email) && mail.subject.startsWith('Daglig oversikt'));
    expect(admin.text).toContain('Saker uten saksbehandler: 1.');
    expect(admin.text).toContain(refs.unassigned);
    expect(admin.text).not.toContain(refs.soon);

    // The same day again (a retry, a second worker): nothing new.
    await queue.add(JobName.StaffDigest, {});
    await drainQueues(stack.context);
    expect(digestsTo(handler)).toHaveLength(1);
    expect(digestsTo(TEST_ADMIN.email)).toHaveLength(1);

    // The next day brings the next digest.
    clock.set('2026-03-11T08:00:00+01:00');
    await queue.add(JobName.StaffDigest, {});
    await drainQueues(stack.context);
    await smtp.waitFor((mail) => mail.to.includes(handler) && mail.subject.includes('11. mars 2026'));
    expect(digestsTo(handler)).toHaveLength(2);
  });
});
