import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { waitUntil } from '../support/service-process';
import { startTestApp, type TestApp } from '../support/test-app';

/** Without SMTP_URL every message is written as an .eml file under MAIL_DIR, so nothing is lost
 *  on a developer machine and the message can be opened as it would have been sent. */
describe('e-mail without SMTP_URL: .eml files under MAIL_DIR', () => {
  let stack: TestApp;

  beforeAll(async () => {
    stack = await startTestApp({ env: { SMTP_URL: undefined } });
  });
  afterAll(() => stack?.close());

  const parsedFiles = () =>
    Promise.all(
      readdirSync(stack.config.MAIL_DIR)
        .filter((name) => name.endsWith('.eml'))
        .map((name) => simpleParser(readFileSync(join(stack.config.MAIL_DIR, name)))),
    );

  it("writes the requester's confirmation e-mail as a file with its To and Subject", async () => {
    expect(stack.config.SMTP_URL).toBeUndefined();
    const accepted = await fetch(`${stack.url}/api/v1/requests`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'access', email: 'eml.reader@example.no', name: 'Eva Leser', language: 'en' }),
    });
    expect(accepted.status).toBe(202);
    const { reference } = await accepted.json();

    const forRequester = async () => (await parsedFiles()).filter((mail) => mail.to && !Array.isArray(mail.to) && mail.to.text === 'eml.reader@example.no');
    await waitUntil(async () => (await forRequester()).length > 0, 20_000, 'an .eml file for the requester');
    const [mail] = await forRequester();
    expect(mail.subject).toBe(`Confirm your request (${reference})`);
    expect(mail.text).toContain('/verify/');
    const [row] = await stack.dataSource.query(`SELECT status, message_id FROM outbound_emails WHERE to_address = 'eml.reader@example.no'`);
    expect(row.status).toBe('sent');
    expect(mail.messageId).toBe(row.message_id);
  });
});
