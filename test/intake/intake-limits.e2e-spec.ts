import { FixedClock } from '../support/fixed-clock';
import { SmtpCapture } from '../support/smtp-capture';
import { createTestDatabase } from '../support/test-database';
import { freshQueuePrefix, startTestApp, type TestApp } from '../support/test-app';
import { pageText, postJson } from './intake-helpers';

/** Limits a public client meets: the rate limit shared by every api process, and the body size. */
describe('public intake limits (rate limit across processes, body size)', () => {
  const clock = new FixedClock(new Date('2026-03-10T09:00:00+01:00'));
  const smtp = new SmtpCapture();
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    const smtpUrl = await smtp.start();
    // Two api processes of one deployment: one database, one queue prefix (so one set of Redis keys).
    const databaseUrl = (await createTestDatabase()).url;
    const queuePrefix = freshQueuePrefix();
    const env = { SMTP_URL: smtpUrl, INTAKE_RATE_LIMIT_PER_MINUTE: '3' };
    first = await startTestApp({ clock, env, databaseUrl, queuePrefix });
    second = await startTestApp({ clock, env, databaseUrl, queuePrefix, role: 'api' });
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
    await smtp.stop();
  });

  it('counts one client address across two api processes: the fourth and fifth submission get 429', async () => {
    const apps = [first, second, first, second, first];
    const statuses: number[] = [];
    for (const [attempt, app] of apps.entries()) {
      statuses.push((await postJson(`${app.url}/api/v1/requests`, { type: 'access', email: `spread${attempt}@example.no` })).status);
    }
    expect(statuses).toEqual([202, 202, 202, 429, 429]);
    const [{ count }] = await first.dataSource.query(`SELECT count(*)::int AS count FROM cases WHERE subject_email LIKE 'spread%'`);
    expect(count).toBe(3);
  });
});

describe('public intake body size limit', () => {
  let stack: TestApp;
  const big = 'x'.repeat(200 * 1024);

  beforeAll(async () => {
    stack = await startTestApp({ env: { INTAKE_RATE_LIMIT_PER_MINUTE: '1000' } });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('answers an oversized JSON body on POST /api/v1/requests with 413 and the standard error body', async () => {
    const response = await postJson(`${stack.url}/api/v1/requests`, { type: 'access', email: 'big@example.no', details: big });
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ statusCode: 413, error: 'Payload Too Large', message: 'The request body is too large.' });
  });

  it('answers an oversized form post on / with a page a person can read, in their language', async () => {
    for (const [path, lang, words] of [
      ['/', 'nb', 'Det du sendte var for stort'],
      ['/?lang=en', 'en', 'What you sent was too large'],
    ] as const) {
      const response = await fetch(`${stack.url}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ lang, type: 'access', email: 'big@example.no', text: big }).toString(),
      });
      expect(response.status).toBe(413);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await response.text();
      expect(html).toContain(`<html lang="${lang}"`);
      expect(pageText(html)).toContain(words);
    }
  });
});
