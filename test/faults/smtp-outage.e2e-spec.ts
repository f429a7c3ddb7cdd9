import { dataMapWithoutRoutineDeletion } from '../support/quiet-data-map';
import { SmtpCapture } from '../support/smtp-capture';
import { startTestApp, type TestApp } from '../support/test-app';
import { waitUntil } from '../support/service-process';

/** The mail relay refuses for a while: messages are retried and, once it is back, each is sent exactly once. */
describe('SMTP outage', () => {
  const smtp = new SmtpCapture();
  let stack: TestApp;

  beforeAll(async () => {
    // Only the requesters' e-mails: no owner is asked to preserve anything at receipt.
    stack = await startTestApp({ env: { SMTP_URL: await smtp.start(), SYSTEMS_FILE: dataMapWithoutRoutineDeletion() } });
  });
  afterAll(async () => {
    await stack.close();
    await smtp.stop();
  });

  it('retries delivery and sends every message once when the relay is back', async () => {
    smtp.refuse = true;
    const addresses = ['smtp-a@example.no', 'smtp-b@example.no', 'smtp-c@example.no'];
    for (const email of addresses) {
      const response = await fetch(`${stack.url}/api/v1/requests`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ type: 'access', email }),
      });
      expect(response.status).toBe(202);
    }
    // A failed attempt is counted before the send and its error written after it: wait for the error.
    const attempted = async () =>
      (await stack.dataSource.query(`SELECT count(*)::int AS n FROM outbound_emails WHERE attempts >= 1 AND last_error IS NOT NULL AND status = 'pending'`))[0]
        .n;
    await waitUntil(async () => (await attempted()) >= 3, 30_000, 'failed first attempts');
    const rows = await stack.dataSource.query(`SELECT last_error FROM outbound_emails WHERE status = 'pending'`);
    expect(rows.every((row: { last_error: string }) => /delivery failed/.test(row.last_error))).toBe(true);
    expect(smtp.messages).toHaveLength(0);

    smtp.refuse = false;
    for (const email of addresses) await smtp.waitFor((mail) => mail.to.includes(email), 60_000);
    await waitUntil(
      async () => (await stack.dataSource.query(`SELECT count(*)::int AS n FROM outbound_emails WHERE status <> 'sent'`))[0].n === 0,
      30_000,
      'all sent',
    );
    for (const email of addresses) expect(smtp.to(email)).toHaveLength(1);
  }, 120_000);
});
