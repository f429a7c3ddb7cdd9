import { FixedClock } from '../support/fixed-clock';
import { SmtpCapture } from '../support/smtp-capture';
import { startTestApp, type TestApp } from '../support/test-app';
import { linkIn, pageText } from '../intake/intake-helpers';
import { signedInStaff } from '../staff-ui/staff-session-client';
import { onBehalfBody, PDF, smallDataMap } from './on-behalf-support';

/** The case page's "On behalf of" section: what a handler sees, downloads and decides. */
describe('requests on someone else’s behalf (staff case page)', () => {
  const clock = new FixedClock(new Date());
  const smtp = new SmtpCapture();
  let stack: TestApp;

  beforeAll(async () => {
    stack = await startTestApp({ clock, env: { SMTP_URL: await smtp.start(), SYSTEMS_FILE: smallDataMap(), INTAKE_RATE_LIMIT_PER_MINUTE: '1000' } });
  });
  afterAll(async () => {
    await stack?.close();
    await smtp.stop();
  });

  it('shows the representative, lets a handler download the document and accept, and says the answer goes by post', async () => {
    // A parent asks for a child with no e-mail address; the authority does not cover the answer.
    const body = onBehalfBody(
      { subject: { name: 'Lille Lise' }, representative: { name: 'Far Lise', email: 'far@example.no', relationship: 'parent_guardian' } },
      { bytes: PDF, type: 'application/pdf', name: 'fodselsattest.pdf' },
    );
    const created = await fetch(`${stack.url}/api/v1/requests`, { method: 'POST', body });
    expect(created.status).toBe(202);
    const { reference } = await created.json();
    const verification = await smtp.waitFor((mail) => mail.to.includes('far@example.no') && mail.text.includes(reference));
    expect((await fetch(linkIn(verification, 'verify', stack.url), { method: 'POST' })).status).toBe(200);

    const handler = await signedInStaff(stack, 'handler@example.no', 'handler');
    const page = await handler.get(`/staff/cases/${reference}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const section = pageText(/<section[^>]*data-testid="on-behalf"[\s\S]*?<\/section>/.exec(html)![0]);
    expect(section).toContain('Far Lise');
    expect(section).toContain('far@example.no');
    expect(section).toContain('Forelder eller verge');
    expect(section).toContain('Ikke avgjort');
    expect(section).toContain('svaret må sendes i posten');

    const download = await handler.get(`/staff/cases/${reference}/authority/document`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="${reference}-authority.pdf"`);
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);

    const tooShort = await handler.submit(`/staff/cases/${reference}`, `/staff/cases/${reference}/authority/accept`, { reason: 'ok' });
    expect(tooShort.status).toBe(400);
    const accepted = await handler.submit(`/staff/cases/${reference}`, `/staff/cases/${reference}/authority/accept`, {
      reason: 'Birth certificate shows parenthood',
    });
    expect(accepted.status).toBe(303);
    const after = pageText(/<section[^>]*data-testid="on-behalf"[\s\S]*?<\/section>/.exec(await (await handler.get(`/staff/cases/${reference}`)).text())![0]);
    expect(after).toContain('Godtatt – Birth certificate shows parenthood');
    expect(after).not.toContain('Avvis fullmakten');
    const [identity] = await stack.dataSource.query(
      `SELECT count(*)::int AS n FROM case_identifiers i JOIN cases c ON c.id = i.case_id WHERE c.reference = $1 AND i.basis = 'staff_confirmed'`,
      [reference],
    );
    expect(identity.n).toBe(1);
  });
});
