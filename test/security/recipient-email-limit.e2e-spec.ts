import { postJson } from '../intake/intake-helpers';
import { SessionClient } from '../staff-ui/staff-session-client';
import { waitUntil } from '../support/service-process';
import { SmtpCapture } from '../support/smtp-capture';
import { TEST_ADMIN, startTestApp, type TestApp } from '../support/test-app';

const ADDRESS = 'mottaker.grense@example.no';

/**
 * Issue 15: anyone could make the service send verification e-mails to any address, as many as
 * the per-client rate limit let through. Now an address gets at most RECIPIENT_EMAILS_PER_HOUR of
 * them; beyond it the request is still registered, no e-mail goes out, and staff see why.
 */
describe('per-recipient limit on verification e-mails', () => {
  const smtp = new SmtpCapture();
  let stack: TestApp;

  beforeAll(async () => {
    stack = await startTestApp({ env: { SMTP_URL: await smtp.start(), RECIPIENT_EMAILS_PER_HOUR: '2', INTAKE_RATE_LIMIT_PER_MINUTE: '1000' } });
  });
  afterAll(async () => {
    await stack?.close();
    await smtp.stop();
  });

  const rowsFor = async () =>
    (await stack.dataSource.query(`SELECT kind, status, case_id, text_body FROM outbound_emails WHERE to_address = $1 ORDER BY created_at`, [
      ADDRESS,
    ])) as Array<{
      kind: string;
      status: string;
      case_id: string;
      text_body: string;
    }>;

  it('sends two, accepts the third request without an e-mail, and shows staff the reason', async () => {
    const references: string[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const response = await postJson(`${stack.url}/api/v1/requests`, { type: 'access', email: ADDRESS, name: 'Mottaker Grense' });
      expect(response.status).toBe(202);
      references.push(((await response.json()) as { reference: string }).reference);
      // One at a time, so which request is over the limit is known.
      await waitUntil(
        async () => (await rowsFor()).length === attempt + 1 && (await rowsFor()).every((row) => row.status !== 'pending'),
        20_000,
        'e-mail rendered',
      );
    }
    const rows = await rowsFor();
    expect(rows.map((row) => row.status)).toEqual(['sent', 'sent', 'limited']);
    expect(smtp.to(ADDRESS)).toHaveLength(2);
    // The link of the message never sent is not kept.
    expect(rows[2].text_body).not.toMatch(/\/verify\/[A-Za-z0-9_-]{40,}/);

    // Every request was registered, the third too.
    const cases = await stack.dataSource.query(`SELECT reference, status FROM cases WHERE reference = ANY($1)`, [references]);
    expect(cases).toHaveLength(3);

    const staff = new SessionClient(stack.url);
    expect((await staff.signIn(TEST_ADMIN.email, TEST_ADMIN.password)).status).toBe(303);
    const page = await (await staff.get(`/staff/cases/${references[2]}`)).text();
    expect(page).toContain('ikke sendt: adressen har fått det høyeste antallet bekreftelses-e-poster for én time');
    expect(page).toContain('E-post ikke sendt (grense per mottaker)');
  }, 60_000);

  it('lets no more than the limit through when many requests for one address arrive at once', async () => {
    const address = 'samtidig.grense@example.no';
    const responses = await Promise.all(
      Array.from({ length: 12 }, () => postJson(`${stack.url}/api/v1/requests`, { type: 'access', email: address, name: 'Samtidig Grense' })),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(12).fill(202));
    const statuses = async () =>
      ((await stack.dataSource.query(`SELECT status FROM outbound_emails WHERE to_address = $1`, [address])) as Array<{ status: string }>).map(
        (row) => row.status,
      );
    await waitUntil(async () => (await statuses()).length === 12 && !(await statuses()).includes('pending'), 30_000, 'twelve e-mails rendered');
    const counted = (await statuses()).reduce<Record<string, number>>((tally, status) => ({ ...tally, [status]: (tally[status] ?? 0) + 1 }), {});
    expect(counted).toEqual({ sent: 2, limited: 10 });
    expect(smtp.to(address)).toHaveLength(2);
  }, 60_000);
});
