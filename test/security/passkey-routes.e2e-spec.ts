import Redis from 'ioredis';
import { SoftwarePasskey } from '../support/software-passkey';
import { TEST_REDIS_URL } from '../support/test-env';
import { TEST_ADMIN, startTestApp, type TestApp } from '../support/test-app';
import { SessionClient, STAFF_PASSWORD, createStaffUser, csrfTokenIn } from '../staff-ui/staff-session-client';

/** The test app's PUBLIC_URL is http://localhost:3000: the RP ID and the origin a browser would report. */
const RP_ID = 'localhost';
const ORIGIN = 'http://localhost:3000';

/**
 * The passkey JSON routes at the HTTP level, with a software authenticator (ES256, built byte by
 * byte) standing in for the browser's: every refusal a 4xx with a message the page can show
 * (naming the field for bad input), never a 500; a challenge is answered once; a deactivated or
 * locked account, a bad signature, a missing user verification or a foreign origin are refused;
 * a good answer signs in with the session marked 'passkey'. The browser journey is
 * passkey-sign-in.browser.e2e-spec.ts.
 */
describe('passkey routes', () => {
  let stack: TestApp;
  let redis: Redis;

  beforeAll(async () => {
    stack = await startTestApp({ env: { STAFF_LOGIN_RATE_LIMIT_PER_MINUTE: '1000' } });
    redis = new Redis(TEST_REDIS_URL);
  });
  afterAll(async () => {
    redis?.disconnect();
    await stack?.close();
  });

  /** A visitor on the sign-in page: its cookies and CSRF token. */
  async function visitor(): Promise<{ client: SessionClient; csrf: string }> {
    const client = new SessionClient(stack.url);
    const csrf = csrfTokenIn(await (await client.get('/staff/login')).text());
    return { client, csrf };
  }

  /** A signed-in user on the account page: its session and CSRF token. */
  async function accountOf(email: string, password = STAFF_PASSWORD): Promise<{ client: SessionClient; csrf: string }> {
    const client = new SessionClient(stack.url);
    expect((await client.signIn(email, password)).status).toBe(303);
    const csrf = csrfTokenIn(await (await client.get('/staff/account')).text());
    return { client, csrf };
  }

  /** A passkey stored for `userId` as a registration would store it. */
  async function storedPasskey(userId: string, name = 'Laptop'): Promise<{ passkey: SoftwarePasskey; id: string }> {
    const passkey = new SoftwarePasskey(RP_ID, ORIGIN);
    const [row] = await stack.dataSource.query(
      `INSERT INTO staff_passkeys (user_id, credential_id, public_key, counter, transports, device_type, backed_up, name)
       VALUES ($1, $2, $3, 0, '["internal"]', 'singleDevice', false, $4) RETURNING id`,
      [userId, passkey.credentialId, passkey.cosePublicKey, name],
    );
    return { passkey, id: row.id };
  }

  async function challengeFor(client: SessionClient, csrf: string): Promise<string> {
    const options = await client.postJson('/staff/login/passkey/options', { _csrf: csrf });
    expect(options.status).toBe(200);
    return ((await options.json()) as { challenge: string }).challenge;
  }

  describe('sign-in', () => {
    it('gives usernameless options (no credentials listed, user verification required) only with the CSRF token', async () => {
      const { client, csrf } = await visitor();
      const refused = await client.postJson('/staff/login/passkey/options', {});
      expect(refused.status).toBe(403);
      const response = await client.postJson('/staff/login/passkey/options', { _csrf: csrf });
      expect(response.status).toBe(200);
      const options = await response.json();
      expect(options).toEqual(
        expect.objectContaining({ rpId: RP_ID, userVerification: 'required', allowCredentials: [], challenge: expect.stringMatching(/^[\w-]{20,}$/) }),
      );
      expect(response.headers.getSetCookie().find((line) => line.startsWith('dsr-staff-passkey='))).toMatch(
        /HttpOnly.*SameSite=Strict|SameSite=Strict.*HttpOnly/i,
      );
    });

    it('answers malformed input with 400 naming the field', async () => {
      const { client, csrf } = await visitor();
      const good = new SoftwarePasskey(RP_ID, ORIGIN).assertion('x', 'y');
      const cases: Array<[unknown, string]> = [
        [{ _csrf: csrf }, 'credential'],
        [{ _csrf: csrf, credential: 'text' }, 'credential'],
        [{ _csrf: csrf, credential: { ...good, id: 'not base64url!' } }, 'credential.id'],
        [{ _csrf: csrf, credential: { ...good, rawId: 'AAAA' } }, 'credential.id'],
        [{ _csrf: csrf, credential: { ...good, type: 'password' } }, 'credential.type'],
        [{ _csrf: csrf, credential: { ...good, response: null } }, 'credential.response'],
        [{ _csrf: csrf, credential: { ...good, response: { ...(good.response as object), signature: 42 } } }, 'credential.response.signature'],
        [{ _csrf: csrf, credential: { ...good, clientExtensionResults: [] } }, 'credential.clientExtensionResults'],
      ];
      for (const [body, field] of cases) {
        const response = await client.postJson('/staff/login/passkey/verify', body);
        const answer = await response.json();
        expect({ field, status: response.status, details: answer.details }).toEqual({
          field,
          status: 400,
          details: [{ field, problem: 'missing or malformed' }],
        });
        expect(answer.message).toContain(field);
      }
    });

    it('signs in with a good answer, marks the session as a passkey sign-in, stores the counter and last use', async () => {
      const userId = await createStaffUser(stack, 'pk.good@example.no', 'handler');
      const { passkey, id } = await storedPasskey(userId);
      const { client, csrf } = await visitor();
      const challenge = await challengeFor(client, csrf);
      const response = await client.postJson('/staff/login/passkey/verify', {
        _csrf: csrf,
        credential: passkey.assertion(challenge, userId),
        next: '/staff/tasks',
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ location: '/staff/tasks' });
      expect((await client.get('/staff')).status).toBe(200);
      const sessionId = decodeURIComponent(client.cookie('dsr-staff')!).slice(2).split('.')[0];
      const session = JSON.parse((await redis.get(`${stack.config.QUEUE_PREFIX}:staff-session:${sessionId}`))!);
      expect(session).toEqual(expect.objectContaining({ staffUserId: userId, signedInWith: 'passkey' }));
      const [row] = await stack.dataSource.query(`SELECT counter, last_used_at FROM staff_passkeys WHERE id = $1`, [id]);
      expect(Number(row.counter)).toBe(1);
      expect(row.last_used_at).not.toBeNull();
      const events = await stack.dataSource.query(`SELECT actor, data FROM audit_events WHERE type = 'staff.passkey_used' AND data->>'passkeyId' = $1`, [id]);
      expect(events).toEqual([{ actor: `staff:${userId}`, data: { userId, passkeyId: id } }]);
    });

    it('answers each challenge once: a replayed cookie and answer are refused', async () => {
      const userId = await createStaffUser(stack, 'pk.replay@example.no', 'handler');
      const { passkey } = await storedPasskey(userId);
      const { client, csrf } = await visitor();
      const challenge = await challengeFor(client, csrf);
      const cookie = client.cookie('dsr-staff-passkey')!;
      const credential = passkey.assertion(challenge, userId);
      expect((await client.postJson('/staff/login/passkey/verify', { _csrf: csrf, credential })).status).toBe(200);

      const { client: attacker, csrf: attackerCsrf } = await visitor();
      attacker.setCookie('dsr-staff-passkey', cookie);
      const replayed = await attacker.postJson('/staff/login/passkey/verify', { _csrf: attackerCsrf, credential });
      expect(replayed.status).toBe(400);
      expect((await replayed.json()).message).toBe('Forsøket er utløpt eller allerede brukt. Prøv igjen.');
      expect((await attacker.get('/staff')).status).toBe(303);
    });

    it('refuses without a challenge, with an altered one, and with a registration challenge', async () => {
      const userId = await createStaffUser(stack, 'pk.nochallenge@example.no', 'handler');
      const { passkey } = await storedPasskey(userId);
      const { client, csrf } = await visitor();
      const missing = await client.postJson('/staff/login/passkey/verify', { _csrf: csrf, credential: passkey.assertion('AAAAAAAAAAAAAAAAAAAAAA', userId) });
      expect(missing.status).toBe(400);
      const challenge = await challengeFor(client, csrf);
      client.setCookie('dsr-staff-passkey', `${client.cookie('dsr-staff-passkey')!}x`);
      expect((await client.postJson('/staff/login/passkey/verify', { _csrf: csrf, credential: passkey.assertion(challenge, userId) })).status).toBe(400);

      // A challenge issued for adding a passkey does not sign anyone in.
      const { client: account, csrf: accountCsrf } = await accountOf('pk.nochallenge@example.no');
      const options = await account.postJson('/staff/account/passkeys/options', { _csrf: accountCsrf, name: 'Phone' });
      const registerChallenge = ((await options.json()) as { challenge: string }).challenge;
      client.setCookie('dsr-staff-passkey', account.cookie('dsr-staff-passkey')!);
      expect((await client.postJson('/staff/login/passkey/verify', { _csrf: csrf, credential: passkey.assertion(registerChallenge, userId) })).status).toBe(
        400,
      );
      expect((await client.get('/staff')).status).toBe(303);
    });

    it('refuses a bad signature, no user verification and another origin with one text, and counts them against the account', async () => {
      const userId = await createStaffUser(stack, 'pk.bad@example.no', 'handler');
      const { passkey } = await storedPasskey(userId);
      const attempts = [{ tamper: true }, { userVerified: false }, { origin: 'https://evil.example' }];
      for (const options of attempts) {
        const { client, csrf } = await visitor();
        const challenge = await challengeFor(client, csrf);
        const response = await client.postJson('/staff/login/passkey/verify', { _csrf: csrf, credential: passkey.assertion(challenge, userId, options) });
        expect({ options, status: response.status }).toEqual({ options, status: 401 });
        expect((await response.json()).message).toBe('Innlogging med passnøkkelen mislyktes.');
        expect((await client.get('/staff')).status).toBe(303);
      }
      const [row] = await stack.dataSource.query(`SELECT failed_logins FROM staff_users WHERE id = $1`, [userId]);
      expect(row.failed_logins).toBe(3);
    });

    it('refuses a deactivated account and a locked one with the same text as a bad signature', async () => {
      const deactivated = await createStaffUser(stack, 'pk.gone@example.no', 'handler');
      const locked = await createStaffUser(stack, 'pk.locked@example.no', 'handler');
      await stack.dataSource.query(`UPDATE staff_users SET active = false WHERE id = $1`, [deactivated]);
      await stack.dataSource.query(`UPDATE staff_users SET locked_until = now() + interval '10 minutes', failed_logins = 5, lock_level = 1 WHERE id = $1`, [
        locked,
      ]);
      for (const userId of [deactivated, locked]) {
        const { passkey } = await storedPasskey(userId);
        const { client, csrf } = await visitor();
        const challenge = await challengeFor(client, csrf);
        const response = await client.postJson('/staff/login/passkey/verify', { _csrf: csrf, credential: passkey.assertion(challenge, userId) });
        expect(response.status).toBe(401);
        expect((await response.json()).message).toBe('Innlogging med passnøkkelen mislyktes.');
        expect((await client.get('/staff')).status).toBe(303);
      }
    });

    it('says clearly when the passkey is not registered here', async () => {
      const { client, csrf } = await visitor();
      const challenge = await challengeFor(client, csrf);
      const stranger = new SoftwarePasskey(RP_ID, ORIGIN);
      const response = await client.postJson('/staff/login/passkey/verify', { _csrf: csrf, credential: stranger.assertion(challenge, 'nobody') });
      expect(response.status).toBe(401);
      expect((await response.json()).message).toBe(
        'Denne passnøkkelen er ikke registrert her (den kan være fjernet). Logg inn med passord, eller bruk en annen passnøkkel.',
      );
    });
  });

  describe('account', () => {
    it('refuses a missing or bad name before asking the authenticator (400 naming the field)', async () => {
      const { client, csrf } = await accountOf(TEST_ADMIN.email, TEST_ADMIN.password);
      for (const name of [undefined, '', '   ', 'x'.repeat(101), 'line\nbreak', 42]) {
        const response = await client.postJson('/staff/account/passkeys/options', { _csrf: csrf, name });
        expect({ name, status: response.status }).toEqual({ name, status: 400 });
        expect((await response.json()).details).toEqual([{ field: 'name', problem: 'Gi passnøkkelen et navn på 1–100 tegn.' }]);
      }
      expect(client.cookie('dsr-staff-passkey')).toBeUndefined();
    });

    it('adds a passkey (discoverable, user verification required), lists it, and signs in with it', async () => {
      const userId = await createStaffUser(stack, 'pk.adds@example.no', 'auditor', 'Kari Nordmann');
      const { client, csrf } = await accountOf('pk.adds@example.no');
      const response = await client.postJson('/staff/account/passkeys/options', { _csrf: csrf, name: 'Jobb-PC' });
      expect(response.status).toBe(200);
      const options = await response.json();
      expect(options).toEqual(
        expect.objectContaining({
          rp: { id: RP_ID, name: 'DSR engine' },
          user: { id: Buffer.from(userId).toString('base64url'), name: 'pk.adds@example.no', displayName: 'Kari Nordmann' },
          authenticatorSelection: expect.objectContaining({ residentKey: 'required', userVerification: 'required' }),
          excludeCredentials: [],
        }),
      );
      const passkey = new SoftwarePasskey(RP_ID, ORIGIN);
      const noCookie = new SessionClient(stack.url);
      expect(
        (await noCookie.postJson('/staff/account/passkeys', { _csrf: csrf, name: 'Jobb-PC', credential: passkey.attestation(options.challenge) })).status,
      ).toBe(303);
      const added = await client.postJson('/staff/account/passkeys', { _csrf: csrf, name: 'Jobb-PC', credential: passkey.attestation(options.challenge) });
      expect(added.status).toBe(201);
      expect(await added.json()).toEqual({ location: '/staff/account?done=passkey-added#passkeys' });
      const page = await (await client.get('/staff/account?done=passkey-added')).text();
      expect(page).toContain('Passnøkkelen er lagt til.');
      expect(page).toContain('<td>Jobb-PC</td>');
      const [mail] = await stack.dataSource.query(`SELECT to_address, text_body FROM outbound_emails WHERE kind = 'staff-passkey-added' AND to_address = $1`, [
        'pk.adds@example.no',
      ]);
      expect(mail.text_body).toContain('En passnøkkel med navnet «Jobb-PC» er lagt til på kontoen din');

      // The same authenticator again is excluded next time.
      const again = await (await client.postJson('/staff/account/passkeys/options', { _csrf: csrf, name: 'Again' })).json();
      expect(again.excludeCredentials).toEqual([{ id: passkey.credentialId, type: 'public-key', transports: ['internal'] }]);

      const { client: browser, csrf: loginCsrf } = await visitor();
      const challenge = await challengeFor(browser, loginCsrf);
      const signedIn = await browser.postJson('/staff/login/passkey/verify', { _csrf: loginCsrf, credential: passkey.assertion(challenge, userId) });
      expect(signedIn.status).toBe(200);
      expect(await signedIn.json()).toEqual({ location: '/staff' });
    });

    it('refuses a registration answer that is malformed, unanswered or for another challenge', async () => {
      const { client, csrf } = await accountOf(TEST_ADMIN.email, TEST_ADMIN.password);
      const passkey = new SoftwarePasskey(RP_ID, ORIGIN);
      const bad = await client.postJson('/staff/account/passkeys', {
        _csrf: csrf,
        name: 'X',
        credential: { id: 'AAAA', rawId: 'AAAA', type: 'public-key', response: {} },
      });
      expect(bad.status).toBe(400);
      expect((await bad.json()).details).toEqual([{ field: 'credential.response.clientDataJSON', problem: 'missing or malformed' }]);
      const noChallenge = await client.postJson('/staff/account/passkeys', {
        _csrf: csrf,
        name: 'X',
        credential: passkey.attestation('AAAAAAAAAAAAAAAAAAAAAA'),
      });
      expect(noChallenge.status).toBe(400);
      await client.postJson('/staff/account/passkeys/options', { _csrf: csrf, name: 'X' });
      const wrong = await client.postJson('/staff/account/passkeys', { _csrf: csrf, name: 'X', credential: passkey.attestation('AAAAAAAAAAAAAAAAAAAAAA') });
      expect(wrong.status).toBe(401);
      expect((await wrong.json()).message).toBe('Passnøkkelen kunne ikke legges til. Prøv igjen.');
      expect(await stack.dataSource.query(`SELECT 1 FROM staff_passkeys WHERE credential_id = $1`, [passkey.credentialId])).toEqual([]);
    });

    it('removes a passkey after a recent sign-in; later only with the current password', async () => {
      const userId = await createStaffUser(stack, 'pk.removes@example.no', 'owner');
      const other = await createStaffUser(stack, 'pk.other@example.no', 'owner');
      const first = await storedPasskey(userId, 'Phone');
      const second = await storedPasskey(userId, 'Key');
      const foreign = await storedPasskey(other, 'Theirs');
      const { client, csrf } = await accountOf('pk.removes@example.no');
      expect((await client.request('POST', `/staff/account/passkeys/${first.id}/remove`, { _csrf: csrf })).headers.get('location')).toBe(
        '/staff/account?done=passkey-removed#passkeys',
      );
      expect((await client.request('POST', `/staff/account/passkeys/${foreign.id}/remove`, { _csrf: csrf })).status).toBe(404);
      expect((await client.request('POST', `/staff/account/passkeys/not-a-uuid/remove`, { _csrf: csrf })).status).toBe(404);

      // The sign-in is no longer recent: the session says it signed in an hour ago.
      const sessionId = decodeURIComponent(client.cookie('dsr-staff')!).slice(2).split('.')[0];
      const key = `${stack.config.QUEUE_PREFIX}:staff-session:${sessionId}`;
      const session = JSON.parse((await redis.get(key))!);
      await redis.set(key, JSON.stringify({ ...session, signedInAt: Date.now() - 3_600_000 }), 'KEEPTTL');
      const form = await (await client.get('/staff/account')).text();
      expect(form).toContain(`id="passkey-password-${second.id}"`);
      const missing = await client.request('POST', `/staff/account/passkeys/${second.id}/remove`, { _csrf: csrf });
      expect(missing.status).toBe(400);
      expect(await missing.text()).toContain('Skriv det nåværende passordet ditt.');
      const wrong = await client.request('POST', `/staff/account/passkeys/${second.id}/remove`, { _csrf: csrf, current: 'not my password' });
      expect(wrong.status).toBe(400);
      expect(await wrong.text()).toContain('Feil passord.');
      const right = await client.request('POST', `/staff/account/passkeys/${second.id}/remove`, { _csrf: csrf, current: STAFF_PASSWORD });
      expect(right.status).toBe(303);

      const left = await stack.dataSource.query(`SELECT name FROM staff_passkeys WHERE user_id IN ($1, $2) ORDER BY name`, [userId, other]);
      expect(left).toEqual([{ name: 'Theirs' }]);
      const events = await stack.dataSource.query(
        `SELECT data->>'passkeyId' AS passkey FROM audit_events WHERE type = 'staff.passkey_removed' AND actor = $1`,
        [`staff:${userId}`],
      );
      // One event per removed passkey (the order of two removals in one second is not the point).
      expect(events.map((event: { passkey: string }) => event.passkey).sort()).toEqual([first.id, second.id].sort());
      const mails = await stack.dataSource.query(`SELECT text_body FROM outbound_emails WHERE kind = 'staff-passkey-removed' AND to_address = $1`, [
        'pk.removes@example.no',
      ]);
      expect(mails).toHaveLength(2);
    });
  });
});

describe('passkey sign-in rate limit', () => {
  let stack: TestApp;

  beforeAll(async () => {
    stack = await startTestApp({ role: 'api', env: { STAFF_LOGIN_RATE_LIMIT_PER_MINUTE: '3' } });
  });
  afterAll(() => stack?.close());

  it('shares the password form per-address limit: 429 with Retry-After once it is spent', async () => {
    const client = new SessionClient(stack.url);
    const csrf = csrfTokenIn(await (await client.get('/staff/login')).text());
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      await client.postJson('/staff/login/passkey/options', { _csrf: csrf });
      const response = await client.postJson('/staff/login/passkey/verify', {
        _csrf: csrf,
        credential: new SoftwarePasskey(RP_ID, ORIGIN).assertion('AAAA', 'x'),
      });
      statuses.push(response.status);
      if (response.status === 429) {
        expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
        expect((await response.json()).message).toBe('For mange innloggingsforsøk fra denne adressen. Vent et minutt og prøv igjen.');
      }
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});
