import Redis from 'ioredis';
import { FixedClock } from '../support/fixed-clock';
import { TEST_REDIS_URL } from '../support/test-env';
import { SmtpCapture } from '../support/smtp-capture';
import { startTestApp, type TestApp } from '../support/test-app';
import { openForm as openFormAt, pageText, postForm, postJson } from './intake-helpers';

/** The form over plain HTTP, as a browser without JavaScript would post it. */
describe('public request form protection (CSRF, honeypot, rate limit)', () => {
  const clock = new FixedClock(new Date('2026-03-10T09:00:00+01:00'));
  const smtp = new SmtpCapture();
  let stack: TestApp;

  beforeAll(async () => {
    stack = await startTestApp({ clock, env: { SMTP_URL: await smtp.start(), INTAKE_RATE_LIMIT_PER_MINUTE: '1000' } });
  });
  afterAll(async () => {
    await stack.close();
    await smtp.stop();
  });

  const openForm = (path = '/') => openFormAt(stack.url, path);
  const post = (cookies: string, fields: Record<string, string>, path = '/') => postForm(stack.url, cookies, fields, path);
  const caseCount = async (email: string) => (await stack.dataSource.query('SELECT count(*)::int AS n FROM cases WHERE subject_email = $1', [email]))[0].n;

  it('refuses a post without a valid CSRF token with 403, keeping what the person typed', async () => {
    const form = await openForm();
    const fields = { type: 'erasure', email: 'anne@example.no', name: 'Anne Berg', lang: 'nb', idempotencyKey: form.key };
    const missing = await post(form.cookies, fields);
    expect(missing.status).toBe(403);
    const html = await missing.text();
    expect(pageText(html)).toContain('Skjemaet er utløpt eller ble sendt fra et annet sted.');
    expect(html).toContain('value="anne@example.no"');
    expect(html).toContain('value="Anne Berg"');
    expect(html).toMatch(/id="type-erasure"[^>]* checked/);
    const forged = await post(form.cookies, { ...fields, _csrf: `${form.csrf.slice(0, -2)}00` });
    expect(forged.status).toBe(403);
    const noCookie = await post('', { ...fields, _csrf: form.csrf });
    expect(noCookie.status).toBe(403);
    expect(await caseCount('anne@example.no')).toBe(0);
  });

  it('re-renders with 400, a summary at the top and a message at each field, in the chosen language', async () => {
    const form = await openForm('/?lang=en');
    const response = await post(form.cookies, {
      _csrf: form.csrf,
      idempotencyKey: form.key,
      lang: 'en',
      type: 'rectification',
      email: 'anne(at)example.no',
      rectificationField: 'My address',
      correctedValue: '',
      text: 'x'.repeat(5001),
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toMatch(/<title>Error: /);
    expect(html).toMatch(/<div class="error-summary" role="alert"/);
    expect(html).toContain('<a href="#field-correctedValue">Enter what is right</a>');
    expect(html).toContain('<a href="#field-email">Enter a valid e-mail address, like name@example.com</a>');
    expect(html).toContain('Anything else you want to tell us?: the text is too long, at most 5000 characters');
    expect(html).toMatch(/id="field-email-error"[^>]*>.*Enter a valid e-mail address/);
    expect(html).toMatch(
      /<input id="field-email" name="email" type="email" value="anne\(at\)example.no"[^>]*aria-describedby="field-email-hint field-email-error" aria-invalid="true"/,
    );
    expect(html).toContain('value="My address"');
    expect(html).toContain(`value="${form.key}"`);
  });

  it('creates one case for a double submit, and none when the honeypot is filled', async () => {
    const form = await openForm();
    const fields = { _csrf: form.csrf, idempotencyKey: form.key, lang: 'nb', type: 'access', email: 'bjorn@example.no' };
    const [first, second] = [await post(form.cookies, fields), await post(form.cookies, fields)];
    expect([first.status, second.status]).toEqual([200, 200]);
    const [firstText, secondText] = [pageText(await first.text()), pageText(await second.text())];
    expect(firstText).toContain('Sjekk e-posten din');
    const reference = firstText.match(/DSR-2026-\d{6}/)![0];
    expect(secondText).toContain(reference);
    expect(await caseCount('bjorn@example.no')).toBe(1);
    expect((await stack.dataSource.query('SELECT channel FROM cases WHERE subject_email = $1', ['bjorn@example.no']))[0].channel).toBe('web');

    const bot = await openForm();
    const trapped = await post(bot.cookies, { ...fields, _csrf: bot.csrf, idempotencyKey: bot.key, email: 'bot@example.no', website: 'http://spam.example' });
    expect(trapped.status).toBe(200);
    expect(pageText(await trapped.text())).toContain('Sjekk e-posten din');
    expect(await caseCount('bot@example.no')).toBe(0);
  });

  it('limits submissions per client address, counted in Redis, with a 429 page or JSON answer', async () => {
    const limited = await startTestApp({ clock, env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, INTAKE_RATE_LIMIT_PER_MINUTE: '3' } });
    try {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 5; attempt += 1) {
        statuses.push((await postJson(`${limited.url}/api/v1/requests`, { type: 'access', email: `rate${attempt}@example.no` })).status);
      }
      expect(statuses).toEqual([202, 202, 202, 429, 429]);
      const answer = await postJson(`${limited.url}/api/v1/requests`, { type: 'access', email: 'rate@example.no' });
      expect(answer.status).toBe(429);
      expect(await answer.json()).toMatchObject({ statusCode: 429 });
      const page = await fetch(`${limited.url}/?lang=en`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'type=access',
      });
      expect(page.status).toBe(429);
      expect(pageText(await page.text())).toContain('Too many attempts');
      // The count lives in Redis under the deployment's prefix, so every api process shares it.
      const redis = new Redis(TEST_REDIS_URL);
      try {
        expect((await redis.keys(`${limited.config.QUEUE_PREFIX}:throttle:*`)).length).toBeGreaterThan(0);
      } finally {
        redis.disconnect();
      }
      // The other app (its own prefix) is not limited by this one's count.
      expect((await postJson(`${stack.url}/api/v1/requests`, { type: 'access', email: 'rate@example.no' })).status).toBe(202);
    } finally {
      await limited.close();
    }
  });
});
