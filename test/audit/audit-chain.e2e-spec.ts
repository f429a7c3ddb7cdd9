import { adminAuth, startTestApp, type TestApp } from '../support/test-app';

describe('hash-chained audit trail (real PostgreSQL)', () => {
  let stack: TestApp;
  let auth: { Authorization: string };

  beforeAll(async () => {
    stack = await startTestApp({ role: 'api' });
    auth = await adminAuth(stack.url);
  });
  afterAll(() => stack.close());

  const register = () =>
    fetch(`${stack.url}/api/v1/cases`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...auth },
      body: JSON.stringify({ type: 'erasure', channel: 'chat', receivedAt: '2026-01-10T10:00:00Z', subject: { phone: '+47 912 34 567' } }),
    });
  const verify = async () => (await fetch(`${stack.url}/api/v1/audit/verify`, { headers: auth })).json();

  it('stays valid under concurrent writers', async () => {
    const responses = await Promise.all(Array.from({ length: 25 }, register));
    expect(responses.every((response) => response.status === 201)).toBe(true);
    expect(await verify()).toEqual({ valid: true, checked: 25 });
  });

  it('writes events unchained (no lock in the request) and links them in order when asked', async () => {
    await register();
    const [pending] = await stack.dataSource.query('SELECT count(*)::int AS n FROM audit_events WHERE hash IS NULL');
    expect(pending.n).toBe(1);
    // Not even an unchained event's content may change; only the chainer's one-time link is allowed.
    await expect(stack.dataSource.query(`UPDATE audit_events SET type = 'case.forged' WHERE hash IS NULL`)).rejects.toThrow(/append-only/);
    expect(await verify()).toEqual({ valid: true, checked: 26 });
  });

  it('refuses UPDATE and DELETE on audit rows', async () => {
    await expect(stack.dataSource.query(`UPDATE audit_events SET actor = 'someone-else' WHERE id = 3`)).rejects.toThrow(/append-only/);
    await expect(stack.dataSource.query('DELETE FROM audit_events WHERE id = 3')).rejects.toThrow(/append-only/);
  });

  it("detects a row changed behind the trigger's back and names the first broken link", async () => {
    // A superuser can switch triggers off; the hash chain still tells.
    await stack.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL session_replication_role = replica`);
      await manager.query(`UPDATE audit_events SET data = jsonb_set(data, '{channel}', '"letter"') WHERE id = 7`);
    });
    expect(await verify()).toEqual({ valid: false, checked: 6, firstBrokenAt: '7' });
  });

  it("detects a linked event deleted behind the trigger's back", async () => {
    await stack.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL session_replication_role = replica`);
      await manager.query(`UPDATE audit_events SET data = jsonb_set(data, '{channel}', '"chat"') WHERE id = 7`);
      await manager.query('DELETE FROM audit_events WHERE id = 12');
    });
    expect(await verify()).toEqual({ valid: false, checked: 11, firstBrokenAt: '13' });
  });

  it('lets only admins and auditors verify the chain', async () => {
    const response = await fetch(`${stack.url}/api/v1/audit/verify`);
    expect(response.status).toBe(401);
  });
});
