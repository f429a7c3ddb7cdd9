import Redis from 'ioredis';
import { TEST_REDIS_URL } from '../support/test-env';
import { adminAuth, startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app';
import { bearerFor, SessionClient } from './staff-session-client';

const PASSWORD = 'a long handler password 42';
/** What the admin types in the users form; the user must replace it at first sign-in. */
const INITIAL = 'set by the admin for now';

/**
 * What an admin changes takes effect at once: a deactivated user's open session and bearer token
 * stop working, and so do those of a user whose role changed (they sign in again with the new role). Passwords are
 * stored as argon2id, and a staff session lives in Redis only as long as the idle timeout.
 */
describe('staff access changes, password storage and idle sessions', () => {
  let stack: TestApp;
  let redis: Redis;
  let admin: SessionClient;
  let adminBearer: { Authorization: string };

  beforeAll(async () => {
    stack = await startTestApp({ env: { STAFF_SESSION_IDLE_MINUTES: '2', STAFF_LOGIN_RATE_LIMIT_PER_MINUTE: '100' } });
    redis = new Redis(TEST_REDIS_URL);
    admin = new SessionClient(stack.url);
    await admin.signIn(TEST_ADMIN.email, TEST_ADMIN.password);
    adminBearer = await adminAuth(stack.url);
  });
  afterAll(async () => {
    await redis.quit();
    await stack.close();
  });

  /** Creates a user through the admin's form, as an admin would, and returns its id; the user
   *  then replaces the admin's password with their own (PASSWORD), as the first sign-in demands. */
  const createUser = async (email: string, role: string): Promise<string> => {
    const created = await admin.submit('/staff/users', '/staff/users', { name: email.split('@')[0], email, role, password: INITIAL });
    expect(created.status).toBe(303);
    const changed = await fetch(`${stack.url}/api/v1/auth/password`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(await bearerFor(stack, email, INITIAL)) },
      body: JSON.stringify({ current: INITIAL, new: PASSWORD }),
    });
    expect(changed.status).toBe(200);
    const [{ id }] = await stack.dataSource.query('SELECT id FROM staff_users WHERE email = $1', [email]);
    return id;
  };
  const signedIn = async (email: string) => {
    const client = new SessionClient(stack.url);
    expect((await client.signIn(email, PASSWORD)).status).toBe(303);
    return client;
  };
  const registerCase = (headers: Record<string, string>) =>
    fetch(`${stack.url}/api/v1/cases`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify({ type: 'access', channel: 'letter', receivedAt: new Date().toISOString(), subject: { name: 'Kari Nordmann' } }),
    });

  it('stores every password as argon2id: the first admin and a user made in the form', async () => {
    await createUser('hashed@example.no', 'handler');
    const rows: Array<{ email: string; password_hash: string }> = await stack.dataSource.query('SELECT email, password_hash FROM staff_users ORDER BY email');
    expect(rows.map((row) => row.email)).toEqual(expect.arrayContaining([TEST_ADMIN.email, 'hashed@example.no']));
    for (const row of rows) expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$(?=[^$]*\bm=\d+)(?=[^$]*\bt=\d+)(?=[^$]*\bp=\d+)[^$]+\$[^$]+\$[^$]+$/);
    expect(rows.some((row) => row.password_hash.includes(PASSWORD) || row.password_hash.includes(TEST_ADMIN.password))).toBe(false);
  });

  it("ends a deactivated user's open session and bearer token at once, and reactivation lets them sign in again", async () => {
    const id = await createUser('leaver@example.no', 'handler');
    const session = await signedIn('leaver@example.no');
    const bearer = await bearerFor(stack, 'leaver@example.no', PASSWORD);
    expect((await session.get('/staff')).status).toBe(200);
    expect((await fetch(`${stack.url}/api/v1/cases`, { headers: bearer })).status).toBe(200);

    expect((await admin.submit('/staff/users', `/staff/users/${id}/deactivate`, {})).status).toBe(303);
    const page = await session.get('/staff');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/staff/login');
    expect((await fetch(`${stack.url}/api/v1/cases`, { headers: bearer })).status).toBe(401);
    expect((await new SessionClient(stack.url).signIn('leaver@example.no', PASSWORD)).status).toBe(401);

    expect((await admin.submit('/staff/users', `/staff/users/${id}/reactivate`, {})).status).toBe(303);
    expect((await (await signedIn('leaver@example.no')).get('/staff')).status).toBe(200);
  });

  it('ends the open session and token on a role change; signed in again, a handler made auditor can no longer register cases', async () => {
    const id = await createUser('mover@example.no', 'handler');
    const session = await signedIn('mover@example.no');
    const bearer = await bearerFor(stack, 'mover@example.no', PASSWORD);
    expect((await session.get('/staff/cases/new')).status).toBe(200);
    expect((await registerCase(bearer)).status).toBe(201);
    expect((await session.get('/staff/users')).status).toBe(403);

    expect((await admin.submit('/staff/users', `/staff/users/${id}/role`, { role: 'auditor' })).status).toBe(303);
    expect((await session.get('/staff/cases/new')).status).toBe(303);
    expect((await registerCase(bearer)).status).toBe(401);
    // Signed in again, with the new role: what an auditor may do, and no more.
    const again = await signedIn('mover@example.no');
    expect((await again.get('/staff/cases/new')).status).toBe(403);
    expect((await registerCase(await bearerFor(stack, 'mover@example.no', PASSWORD))).status).toBe(403);
    expect((await again.get('/staff/users')).status).toBe(200);
    expect((await again.get('/staff')).status).toBe(200);
    expect((await registerCase(adminBearer)).status).toBe(201);
  });

  it('keeps a session in Redis only for the idle time, slides it on each request, and sends a session whose key is gone to sign-in', async () => {
    await createUser('idle@example.no', 'handler');
    const session = await signedIn('idle@example.no');
    const sessionId = decodeURIComponent(session.cookie('dsr-staff')!).slice(2).split('.')[0];
    const key = `${stack.config.QUEUE_PREFIX}:staff-session:${sessionId}`;
    const ttl = await redis.ttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(120);

    // Each request moves the expiry on (rolling): shorten it by hand, and a request restores it.
    await redis.expire(key, 5);
    expect((await session.get('/staff')).status).toBe(200);
    expect(await redis.ttl(key)).toBeGreaterThan(5);

    // Idle past the timeout, Redis has dropped the key: the same cookie is signed out.
    await redis.del(key);
    const page = await session.get('/staff/cases/new');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/staff/login?next=%2Fstaff%2Fcases%2Fnew');
  });
});
