import { SessionClient } from '../staff-ui/staff-session-client';
import { adminAuth, startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app';

/** PostgreSQL text and jsonb cannot hold U+0000. A NUL typed or sent anywhere is the client's
 *  problem: a 4xx or a harmless strip, never a 500. (Found by the public-routes fuzz: a NUL in
 *  the staff sign-in e-mail reached a query.) */
describe('NUL characters in input', () => {
  let stack: TestApp;
  let auth: { Authorization: string };

  beforeAll(async () => {
    stack = await startTestApp({ role: 'api' });
    auth = await adminAuth(stack.url);
  });
  afterAll(() => stack?.close());

  it('answers a NUL in the staff sign-in e-mail as a wrong sign-in, and still signs in a correct one', async () => {
    const client = new SessionClient(stack.url);
    const wrong = await client.signIn('nobody\u0000@example.no', 'whatever password');
    expect(wrong.status).toBe(401);
    // Stripped, the admin's own address with a stray NUL is still the admin's.
    const right = await new SessionClient(stack.url).signIn(`${TEST_ADMIN.email}\u0000`, TEST_ADMIN.password);
    expect(right.status).toBe(303);
  });

  it('refuses a NUL in an API text with 400 naming the problem', async () => {
    const created = await fetch(`${stack.url}/api/v1/cases`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...auth },
      body: JSON.stringify({ type: 'access', channel: 'letter', receivedAt: new Date().toISOString(), subject: { name: 'Nils Nul' } }),
    });
    const { reference } = await created.json();
    const note = await fetch(`${stack.url}/api/v1/cases/${reference}/notes`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...auth },
      body: JSON.stringify({ text: 'called back \u0000 twice' }),
    });
    expect(note.status).toBe(400);
    expect((await note.json()).message).toContain('U+0000');
  });
});
