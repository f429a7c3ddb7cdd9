import { openForm, postJson } from '../intake/intake-helpers';
import { adminAuth, startTestApp, type TestApp } from '../support/test-app';

/**
 * Issue 15: API answers with personal data had no `Cache-Control: no-store`, and intake 429s sent
 * `Retry-After-intake` (a header no client knows) instead of the standard `Retry-After`.
 */
describe('response headers: no-store and Retry-After', () => {
  let stack: TestApp;

  beforeAll(async () => {
    stack = await startTestApp({ env: { INTAKE_RATE_LIMIT_PER_MINUTE: '2' } });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('marks API answers, staff pages and requester pages no-store', async () => {
    const auth = await adminAuth(stack.url);
    const responses = {
      'GET /api/v1/cases': await fetch(`${stack.url}/api/v1/cases`, { headers: auth }),
      'GET /api/v1/cases (401)': await fetch(`${stack.url}/api/v1/cases`),
      'GET /staff/login': await fetch(`${stack.url}/staff/login`),
      'GET /': await fetch(`${stack.url}/`),
      'GET /status/…': await fetch(`${stack.url}/status/not-a-token`),
      'GET /verify/…': await fetch(`${stack.url}/verify/not-a-token`),
      'GET /answer/…': await fetch(`${stack.url}/answer/not-a-token`),
    };
    for (const [request, response] of Object.entries(responses)) {
      expect({ request, cacheControl: response.headers.get('cache-control') }).toEqual({ request, cacheControl: 'no-store' });
    }
  });

  it('answers an intake over the limit with 429 and the standard Retry-After, for the API and the form', async () => {
    const submit = () => postJson(`${stack.url}/api/v1/requests`, { type: 'access', email: 'grense.test@example.no' });
    const statuses = [];
    let limited: Response | undefined;
    for (let attempt = 0; attempt < 3; attempt++) {
      const response = await submit();
      statuses.push(response.status);
      if (response.status === 429) limited = response;
    }
    expect(statuses).toEqual([202, 202, 429]);
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited!.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(limited!.headers.get('retry-after-intake')).toBeNull();

    const form = await openForm(stack.url);
    const posted = await fetch(`${stack.url}/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: form.cookies },
      body: new URLSearchParams({ _csrf: form.csrf, idempotencyKey: form.key, type: 'access', email: 'grense.test@example.no' }).toString(),
    });
    expect(posted.status).toBe(429);
    expect(Number(posted.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });
});
