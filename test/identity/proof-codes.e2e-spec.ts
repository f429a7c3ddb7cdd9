import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { IDENTITY_ESTABLISHED, type IdentityEstablishedEvent } from '../../src/identity/identity.service';
import { pageText } from '../intake/intake-helpers';
import { FixedClock } from '../support/fixed-clock';
import { SmtpCapture } from '../support/smtp-capture';
import { startTestApp, type TestApp } from '../support/test-app';
import { codeIn, openProofPage, seedCandidate, seedCase, textsIn, waitForText, withoutCsrf } from './proof-helpers';

const SENT = 'If we hold contact details for this, we have sent a code to them. It is valid for 15 minutes.';

/**
 * Mallory verified her own mailbox and typed Kari's customer number and mobile. The record search
 * found Kari's Visma customer card through the customer number: a candidate. Proving the claim
 * sends a code to the e-mail and mobile on Kari's card, never to what Mallory typed.
 */
describe('proof of a claimed identifier by a code to the contacts on file (real PostgreSQL, Redis, SMTP)', () => {
  const clock = new FixedClock(new Date('2026-03-05T10:00:00+01:00'));
  const smtp = new SmtpCapture();
  const smsFile = join(mkdtempSync(join(tmpdir(), 'dsr-sms-')), 'sms.log');
  let stack: TestApp;
  /** What the record search hears: it searches again with the newly proven identifier. */
  const established: IdentityEstablishedEvent[] = [];

  beforeAll(async () => {
    stack = await startTestApp({ clock, env: { SMTP_URL: await smtp.start(), SMS_FILE: smsFile, INTAKE_RATE_LIMIT_PER_MINUTE: '100000' } });
    stack.context.get(EventEmitter2).on(IDENTITY_ESTABLISHED, (event: IdentityEstablishedEvent) => established.push(event));
  });
  afterAll(async () => {
    await stack?.close();
    await smtp.stop();
  });

  const identifier = async (id: string) =>
    (await stack.dataSource.query('SELECT basis, method, established_by, source FROM case_identifiers WHERE id = $1', [id]))[0];

  it('sends one code to the e-mail and mobile on file (never to what was typed); the code proves the customer number once', async () => {
    const seeded = await seedCase(stack, 'mallory@evil.example', [
      { kind: 'customer_number', given: '10042', value: '10042' },
      { kind: 'phone', given: '+47 912 34 567', value: '+4791234567' },
    ]);
    await seedCandidate(stack, seeded.caseId, {
      systemId: 'visma',
      externalId: '10042',
      foundBy: [seeded.ids['10042']],
      emails: ['Kari.Nordmann@example.no'],
      phones: ['+47 934 56 789'],
    });

    // The status page offers the proof; the proof page offers each claimed detail, not the proven e-mail.
    const status = await fetch(`${stack.url}/status/${seeded.token}?lang=en`);
    const statusText = pageText(await status.text());
    expect(statusText).toContain('Confirm details you gave us');
    const page = await openProofPage(stack, seeded.token);
    expect(page.status).toBe(200);
    expect(pageText(page.html)).toContain('Confirm the customer number ending in …042: send a code');
    expect(pageText(page.html)).toContain('Confirm the phone number ending in …567: send a code');
    expect(page.html).not.toContain('mallory');

    const asked = await page.askCode(seeded.ids['10042']);
    expect(asked.status).toBe(200);
    expect(pageText(await asked.text())).toContain(SENT);

    const mail = await smtp.waitFor((message) => message.to.includes('kari.nordmann@example.no'));
    expect(mail.subject).toBe(`Kode for å bekrefte en henvendelse om personopplysningene dine (${seeded.reference})`);
    expect(mail.text).toContain('Gi den aldri til noen andre');
    const text = await waitForText(smsFile, (sms) => sms.to === '+4793456789');
    const code = codeIn(mail.text);
    expect(codeIn(text.text)).toBe(code);
    // Nothing to the typed mobile, and no code to Mallory's mailbox.
    expect(textsIn(smsFile).filter((sms) => sms.to === '+4791234567')).toEqual([]);
    expect(smtp.to('mallory@evil.example').filter((message) => /\d{4} \d{4}/.test(message.text))).toEqual([]);

    // Only an HMAC is kept: the code appears in no column of the table.
    const rows: Array<{ row: string }> = await stack.dataSource.query('SELECT row_to_json(p)::text AS row FROM proof_codes p WHERE case_id = $1', [
      seeded.caseId,
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0].row).not.toContain(code);
    expect(rows[0].row).toMatch(/"code_hash":"[0-9a-f]{64}"/);

    const wrong = await page.enterCode(code === '00000000' ? '11111111' : '00000000');
    expect(wrong.status).toBe(400);
    expect(pageText(await wrong.text())).toContain('The code is not right');
    expect((await identifier(seeded.ids['10042'])).basis).toBe('claimed');

    const right = await page.enterCode(`${code.slice(0, 4)} ${code.slice(4)}`);
    expect(right.status).toBe(200);
    expect(pageText(await right.text())).toContain('We have recorded that the customer number is yours.');
    expect(await identifier(seeded.ids['10042'])).toEqual({
      basis: 'proven',
      method: 'code sent to the e-mail and mobile on file in Visma Business (customer register and accounting)',
      established_by: 'requester',
      source: { systemId: 'visma', externalId: '10042' },
    });
    expect(established).toEqual([{ caseId: seeded.caseId, identifierIds: [seeded.ids['10042']] }]);
    // The phone stayed claimed: proving one detail proves nothing else.
    expect((await identifier(seeded.ids['+47 912 34 567'])).basis).toBe('claimed');
    const audit: Array<{ type: string; data: Record<string, unknown> }> = await stack.dataSource.query(
      `SELECT type, data FROM audit_events WHERE case_id = $1 AND type IN ('identity.established', 'proof.code_requested', 'proof.code_used') ORDER BY occurred_at, type`,
      [seeded.caseId],
    );
    expect(audit.map((event) => event.type).sort()).toEqual(['identity.established', 'proof.code_requested', 'proof.code_used']);
    // No address, number or code in the audit trail (ids taken out: a UUID may hold 10042).
    expect(JSON.stringify(audit).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<id>')).not.toMatch(/kari|\+47|10042|mallory/i);
    expect(JSON.stringify(audit)).not.toContain(code);

    const again = await page.enterCode(code);
    expect(again.status).toBe(400);
    expect(pageText(await again.text())).toContain('The code has been used');
  });

  it('answers an identifier that found no record exactly as one that did, and sends nothing for it', async () => {
    const seeded = await seedCase(stack, 'mallory2@evil.example', [
      { kind: 'phone', given: '+47 412 34 567', value: '+4741234567' },
      { kind: 'phone', given: '+47 412 34 568', value: '+4741234568' },
    ]);
    await seedCandidate(stack, seeded.caseId, { systemId: 'hubspot', externalId: '501', foundBy: [seeded.ids['+47 412 34 567']], phones: ['+47 412 34 567'] });
    const page = await openProofPage(stack, seeded.token);
    const found = await page.askCode(seeded.ids['+47 412 34 567']);
    const nothing = await page.askCode(seeded.ids['+47 412 34 568']);
    expect([found.status, nothing.status]).toEqual([200, 200]);
    expect(withoutCsrf(await nothing.text())).toBe(withoutCsrf(await found.text()));
    await waitForText(smsFile, (sms) => sms.to === '+4741234567');
    expect(textsIn(smsFile).filter((sms) => sms.to === '+4741234568')).toEqual([]);

    // The per-identifier limit counts requests, so it too answers the same for both.
    for (let i = 0; i < 2; i += 1) {
      expect((await page.askCode(seeded.ids['+47 412 34 567'])).status).toBe(200);
      expect((await page.askCode(seeded.ids['+47 412 34 568'])).status).toBe(200);
    }
    const limitedFound = await page.askCode(seeded.ids['+47 412 34 567']);
    const limitedNothing = await page.askCode(seeded.ids['+47 412 34 568']);
    expect([limitedFound.status, limitedNothing.status]).toEqual([429, 429]);
    const limitedHtml = await limitedFound.text();
    expect(withoutCsrf(await limitedNothing.text())).toBe(withoutCsrf(limitedHtml));
    expect(pageText(limitedHtml)).toContain('You have asked for too many codes');
  });

  it('refuses an expired code, and voids a code after five wrong entries', async () => {
    const seeded = await seedCase(stack, 'mallory3@evil.example', [{ kind: 'customer_number', given: '20077', value: '20077' }]);
    await seedCandidate(stack, seeded.caseId, { systemId: 'visma', externalId: '20077', foundBy: [seeded.ids['20077']], emails: ['ola@example.no'] });
    const page = await openProofPage(stack, seeded.token);

    expect((await page.askCode(seeded.ids['20077'])).status).toBe(200);
    const first = codeIn((await smtp.waitFor((message) => message.to.includes('ola@example.no'))).text);
    clock.advance(16 * 60_000);
    const late = await page.enterCode(first);
    expect(late.status).toBe(400);
    expect(pageText(await late.text())).toContain('The code no longer works');

    expect((await page.askCode(seeded.ids['20077'])).status).toBe(200);
    const second = codeIn((await smtp.waitFor((message) => message.to.includes('ola@example.no') && codeIn(message.text) !== first)).text);
    const wrongCode = second === '99999999' ? '88888888' : '99999999';
    for (let i = 0; i < 5; i += 1) expect((await page.enterCode(wrongCode)).status).toBe(400);
    const voided = await page.enterCode(second);
    expect(voided.status).toBe(400);
    expect(pageText(await voided.text())).toContain('The code no longer works');
    expect((await identifier(seeded.ids['20077'])).basis).toBe('claimed');
  });

  it('refuses a code for a record a handler has since rejected, and offers nothing on a closed case', async () => {
    const seeded = await seedCase(stack, 'mallory6@evil.example', [{ kind: 'customer_number', given: '60006', value: '60006' }]);
    await seedCandidate(stack, seeded.caseId, { systemId: 'visma', externalId: '60006', foundBy: [seeded.ids['60006']], emails: ['per@example.no'] });
    const page = await openProofPage(stack, seeded.token);
    expect((await page.askCode(seeded.ids['60006'])).status).toBe(200);
    const code = codeIn((await smtp.waitFor((message) => message.to.includes('per@example.no'))).text);
    await stack.dataSource.query(
      `UPDATE case_record_matches SET status = 'rejected', decided_by = 'staff', decided_at = now(), decision_reason = 'not the requester' WHERE case_id = $1`,
      [seeded.caseId],
    );
    const refused = await page.enterCode(code);
    expect(refused.status).toBe(400);
    expect(pageText(await refused.text())).toContain('The code no longer works');
    expect((await identifier(seeded.ids['60006'])).basis).toBe('claimed');

    await stack.dataSource.query(`UPDATE cases SET status = 'withdrawn' WHERE id = $1`, [seeded.caseId]);
    expect(pageText(await (await fetch(`${stack.url}/status/${seeded.token}?lang=en`)).text())).not.toContain('Confirm details you gave us');
    const closed = await page.askCode(seeded.ids['60006']);
    expect(closed.status).toBe(409);
    expect(pageText(await closed.text())).toContain('The request is closed');
  });

  it('shows no offer on the status page when nothing typed is left to prove', async () => {
    const seeded = await seedCase(stack, 'kari.own@example.no', []);
    const status = await fetch(`${stack.url}/status/${seeded.token}?lang=en`);
    expect(status.status).toBe(200);
    expect(pageText(await status.text())).not.toContain('Confirm details you gave us');
    const page = await openProofPage(stack, seeded.token);
    expect(pageText(page.html)).toContain('There are no details to confirm for this request at the moment.');
    expect(page.html).not.toContain('name="identifier"');
  });

  it('names the code field when what was typed is not a code, and refuses a post without the form token', async () => {
    const seeded = await seedCase(stack, 'mallory4@evil.example', [{ kind: 'customer_number', given: '30011', value: '30011' }]);
    const page = await openProofPage(stack, seeded.token);
    const malformed = await page.enterCode('abc');
    expect(malformed.status).toBe(400);
    const html = await malformed.text();
    expect(html).toContain('id="code-error"');
    expect(html).toContain('aria-invalid="true"');
    expect(pageText(html)).toContain('Enter the eight-digit code.');

    const forged = await fetch(`${stack.url}/status/${seeded.token}/prove`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ identifier: seeded.ids['30011'], lang: 'en' }).toString(),
    });
    expect(forged.status).toBe(403);
    expect(await stack.dataSource.query('SELECT id FROM proof_codes WHERE case_id = $1', [seeded.caseId])).toEqual([]);
  });

  it('limits a case to ten requests a day, and an address to three codes an hour across cases', async () => {
    const many = await seedCase(stack, 'mallory5@evil.example', [
      { kind: 'customer_number', given: '40001', value: '40001' },
      { kind: 'customer_number', given: '40002', value: '40002' },
      { kind: 'customer_number', given: '40003', value: '40003' },
      { kind: 'customer_number', given: '40004', value: '40004' },
    ]);
    const page = await openProofPage(stack, many.token);
    const order = ['40001', '40001', '40001', '40002', '40002', '40002', '40003', '40003', '40003', '40004'];
    for (const given of order) expect((await page.askCode(many.ids[given])).status).toBe(200);
    const over = await page.askCode(many.ids['40004']);
    expect(over.status).toBe(429);
    expect(pageText(await over.text())).toContain('You have asked for too many codes today');
    clock.advance(24 * 3600_000 + 1000);
    expect((await page.askCode(many.ids['40004'])).status).toBe(200);

    // Four requests from four cases whose candidates all hold one address: it gets three codes.
    const target = 'ingrid@example.no';
    const pages = [];
    for (let i = 0; i < 4; i += 1) {
      const seeded = await seedCase(stack, `mallory-${i}@evil.example`, [{ kind: 'customer_number', given: `5000${i}`, value: `5000${i}` }]);
      await seedCandidate(stack, seeded.caseId, { systemId: 'visma', externalId: `5000${i}`, foundBy: [seeded.ids[`5000${i}`]], emails: [target] });
      pages.push({ page: await openProofPage(stack, seeded.token), id: seeded.ids[`5000${i}`], token: seeded.token });
    }
    const answers: string[] = [];
    for (const { page: proofPage, id, token } of pages) {
      const response = await proofPage.askCode(id);
      expect(response.status).toBe(200);
      // Each page links to its own status page; everything else must be the same.
      answers.push(withoutCsrf(await response.text()).replaceAll(token, 'TOKEN'));
    }
    // The fourth requester reads the same page as the first three.
    expect(new Set(answers).size).toBe(1);
    const sends: Array<{ count: number }> = await stack.dataSource.query(
      `SELECT count(*)::int AS count FROM proof_code_sends WHERE channel = 'email' AND case_id IN (SELECT case_id FROM proof_codes) AND external_id LIKE '5000%'`,
    );
    expect(sends[0].count).toBe(3);
    const outbox: Array<{ count: number }> = await stack.dataSource.query(
      `SELECT count(*)::int AS count FROM outbound_emails WHERE kind = 'proof-code' AND to_address = $1`,
      [target],
    );
    expect(outbox[0].count).toBe(3);
    // An hour later the address can get a code again.
    clock.advance(3600_000 + 1000);
    expect((await pages[3].page.askCode(pages[3].id)).status).toBe(200);
    const after: Array<{ count: number }> = await stack.dataSource.query(
      `SELECT count(*)::int AS count FROM outbound_emails WHERE kind = 'proof-code' AND to_address = $1`,
      [target],
    );
    expect(after[0].count).toBe(4);
  });
});
