import fc from 'fast-check';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { StaffUserEntity } from '../../src/staff/staff-user.entity';
import { StaffUsersService } from '../../src/staff/users/staff-users.service';
import { SessionClient } from '../staff-ui/staff-session-client';
import { freePort } from '../support/free-port';
import { TEST_ADMIN, startTestApp, type TestApp } from '../support/test-app';
import { FuzzTally, anyQuery, anyText, fuzzHttp } from './fuzz-support';
import { FUZZ_TARGETS, MIN_INPUTS_PER_ROUTE } from './fuzz-targets';

const CLIENT = { clientId: 'dsr-engine', clientSecret: 'a client secret of the test provider' };
/** The provider's accounts, by the login name typed on its sign-in page. */
const ACCOUNTS = {
  hanne: { email: 'Hanne.Handler@firma.example', email_verified: true, name: 'Hanne Handler', groups: ['grp-other', 'grp-dsr-handlers'] },
  aud: { email: 'aud@firma.example', email_verified: true, name: 'Aud Revisor', groups: ['grp-dsr-admins'] },
  per: { email: 'per@firma.example', email_verified: true, name: 'Per Utenfor', groups: ['grp-other'] },
  dina: { email: 'dina@firma.example', email_verified: true, name: 'Dina Deaktivert', groups: ['grp-dsr-handlers'] },
  una: { email: 'admin@example.no', email_verified: false, name: 'Una Ubekreftet', groups: ['grp-dsr-admins'] },
};

/**
 * Single sign-on against a real OpenID Connect provider (oidc-provider, started here on a free
 * port) in Chromium: the sign-in page's button, the provider's own sign-in and consent pages, and
 * back to /staff signed in with the role the provider's group maps to — or a page saying why not.
 */
describe('staff single sign-on with OpenID Connect', () => {
  let provider: ChildProcess;
  let stack: TestApp;
  let browser: Browser;
  let users: StaffUsersService;
  let issuer: string;

  beforeAll(async () => {
    const [appPort, providerPort] = [await freePort(), await freePort()];
    const appUrl = `http://127.0.0.1:${appPort}`;
    const settings = { port: providerPort, ...CLIENT, redirectUri: `${appUrl}/staff/login/sso/callback`, accounts: ACCOUNTS };
    provider = spawn(process.execPath, [join(__dirname, '..', 'simulators', 'oidc-provider.mjs'), JSON.stringify(settings)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await new Promise<void>((resolve, reject) => {
      provider.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
      provider.once('exit', (code) => reject(new Error(`the OIDC provider exited (${code})`)));
    });
    issuer = `http://127.0.0.1:${providerPort}`;
    stack = await startTestApp({
      port: appPort,
      env: {
        PUBLIC_URL: appUrl,
        OIDC_ISSUER: issuer,
        OIDC_CLIENT_ID: CLIENT.clientId,
        OIDC_CLIENT_SECRET: CLIENT.clientSecret,
        OIDC_ROLE_CLAIM: 'groups',
        OIDC_ROLE_MAP: 'grp-dsr-admins=admin,grp-dsr-handlers=handler',
        OIDC_PROVISION: 'mapped',
        OIDC_LABEL: 'Logg inn med Firma-ID',
      },
    });
    users = stack.app!.get(StaffUsersService);
    const admin = await stack.dataSource.getRepository(StaffUserEntity).findOneByOrFail({ email: TEST_ADMIN.email });
    const by = { id: admin.id, email: admin.email, name: admin.name, role: admin.role };
    const password = 'a long staff password 2026';
    await users.create({ name: 'Aud Revisor', email: 'aud@firma.example', role: 'auditor', password }, by);
    const dina = await users.create({ name: 'Dina Deaktivert', email: 'dina@firma.example', role: 'handler', password }, by);
    await users.setActive(dina.id, false, by);
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    provider?.kill('SIGTERM');
  });

  /** From the staff sign-in page through the provider's sign-in and consent pages, as `login`;
   *  returns the page where the browser ends up. */
  async function signInThroughProvider(login: keyof typeof ACCOUNTS, next = ''): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${stack.url}/staff/login${next ? `?next=${encodeURIComponent(next)}` : ''}`);
    await page.getByRole('link', { name: 'Logg inn med Firma-ID' }).click();
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('any password the provider accepts');
    await page.locator('button[type="submit"]').click();
    // The provider's consent page: the engine asks for openid, email and profile.
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL((url) => url.origin === stack.url && url.pathname !== '/staff/login/sso');
    return page;
  }

  async function staffUser(email: string): Promise<StaffUserEntity | null> {
    return stack.dataSource.getRepository(StaffUserEntity).findOneBy({ email });
  }

  async function auditEvents(type: string, userId: string): Promise<Array<{ actor: string; data: Record<string, unknown> }>> {
    return stack.dataSource.query(`SELECT actor, data FROM audit_events WHERE type = $1 AND data->>'userId' = $2`, [type, userId]);
  }

  it("shows the button on the sign-in page, carrying the page asked for, under OIDC_LABEL's words", async () => {
    const html = await (await new SessionClient(stack.url).get('/staff/login?next=%2Fstaff%2Fusers')).text();
    // Handlebars writes the "=" of the query as &#x3D;, which the browser reads back as "=".
    expect(html).toContain('<a class="button" href="/staff/login/sso?next&#x3D;%2Fstaff%2Fusers">Logg inn med Firma-ID</a>');
  });

  it('creates a first-time user with the mapped role and ends signed in on the queue', async () => {
    const page = await signInThroughProvider('hanne');
    expect(new URL(page.url()).pathname).toBe('/staff');
    await expect(page.locator('.who').textContent()).resolves.toBe('Hanne Handler (saksbehandler)');

    const created = await staffUser('hanne.handler@firma.example');
    expect(created).toMatchObject({ name: 'Hanne Handler', role: 'handler', active: true });
    expect(await auditEvents('staff.user_created', created!.id)).toEqual([{ actor: 'system', data: { userId: created!.id, role: 'handler', source: 'oidc' } }]);
    // The session is the staff UI's own: a page behind sign-in opens.
    expect((await page.goto(`${stack.url}/staff/cases/new`))!.status()).toBe(200);
    await page.context().close();
  });

  it("changes an existing user's role to the one their group maps to, audits it, and opens the page asked for", async () => {
    const page = await signInThroughProvider('aud', '/staff/users');
    expect(new URL(page.url()).pathname).toBe('/staff/users');
    await expect(page.locator('.who').textContent()).resolves.toBe('Aud Revisor (administrator)');

    const aud = await staffUser('aud@firma.example');
    expect(aud!.role).toBe('admin');
    expect(await auditEvents('staff.role_changed', aud!.id)).toEqual([
      { actor: 'system', data: { userId: aud!.id, role: 'admin', previousRole: 'auditor', source: 'oidc' } },
    ]);
    await page.context().close();
  });

  it('refuses someone whose groups map to no role, and creates no account', async () => {
    const page = await signInThroughProvider('per');
    expect(new URL(page.url()).pathname).toBe('/staff/login/sso/callback');
    await expect(page.locator('h1').textContent()).resolves.toBe('Innloggingen ble ikke fullført');
    await expect(page.locator('main').textContent()).resolves.toContain('ikke med i noen gruppe som gir tilgang');
    expect(await staffUser('per@firma.example')).toBeNull();
    const queue = await page.goto(`${stack.url}/staff`);
    expect(new URL(queue!.url()).pathname).toBe('/staff/login');
    await page.context().close();
  });

  it('refuses a deactivated user even when their group maps to a role', async () => {
    const page = await signInThroughProvider('dina');
    await expect(page.locator('main').textContent()).resolves.toContain('Ansattkontoen din er deaktivert');
    expect(await staffUser('dina@firma.example')).toMatchObject({ active: false, role: 'handler' });
    const queue = await page.goto(`${stack.url}/staff`);
    expect(new URL(queue!.url()).pathname).toBe('/staff/login');
    await page.context().close();
  });

  it('does not take over an account by an e-mail address the provider has not verified', async () => {
    const page = await signInThroughProvider('una');
    await expect(page.locator('main').textContent()).resolves.toContain('ingen bekreftet e-postadresse');
    const queue = await page.goto(`${stack.url}/staff`);
    expect(new URL(queue!.url()).pathname).toBe('/staff/login');
    await page.context().close();
  });

  it('answers a callback without the attempt cookie (another browser, or a forged link) with a 400 page, in English when chosen', async () => {
    const visitor = new SessionClient(stack.url);
    expect((await visitor.submit('/staff/login', '/staff/language', { language: 'en', next: '/staff/login' })).status).toBe(303);
    const response = await visitor.get('/staff/login/sso/callback?code=stolen&state=guessed');
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('Sign-in was not completed');
    expect(html).toContain('started in another browser');
  });

  it('answers a callback whose state is not the attempt this browser started with the same page, redeeming nothing', async () => {
    const visitor = new SessionClient(stack.url);
    const start = await visitor.get('/staff/login/sso');
    expect(start.status).toBe(303);
    expect(start.headers.get('location')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/auth\?.*code_challenge_method=S256/);
    const response = await visitor.get('/staff/login/sso/callback?code=whatever&state=from-another-tab');
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('startet i en annen nettleser');
  });

  it('never answers 5xx to 600 generated starts and callbacks, some carrying a real attempt cookie and its state', async () => {
    const tally = new FuzzTally([...FUZZ_TARGETS.sso]);
    // Real attempts: each a signed cookie and the state the provider would send back with it.
    const attempts = await Promise.all(
      [0, 1, 2].map(async () => {
        const visitor = new SessionClient(stack.url);
        const start = await visitor.get('/staff/login/sso');
        return { cookie: visitor.cookieHeader(), state: new URL(start.headers.get('location')!).searchParams.get('state')! };
      }),
    );
    const start = fc.record({
      query: fc.oneof(
        anyQuery,
        fc.oneof(fc.constantFrom('/staff', '//evil.example', 'https://evil.example/'), anyText).map((next) => `?next=${encodeURIComponent(next)}`),
      ),
      cookie: fc.oneof(
        fc.constant(''),
        fc.constantFrom(...attempts.map((attempt) => attempt.cookie)),
        anyText.map((text) => text.replace(/[^\x21-\x7e]|[;,]/g, '')),
      ),
    });
    await fuzzHttp(
      stack.url,
      tally,
      start,
      (value) => ({ method: 'GET', path: `/staff/login/sso${value.query}`, headers: value.cookie ? { Cookie: value.cookie } : undefined }),
      200,
    );

    const callback = fc.record(
      {
        attempt: fc.nat({ max: attempts.length - 1 }),
        cookie: fc.constantFrom('own', 'none', 'other', 'mangled'),
        state: fc.oneof({ weight: 3, arbitrary: fc.constant('own') }, { weight: 1, arbitrary: anyText }),
        code: fc.oneof(anyText, fc.stringMatching(/^[A-Za-z0-9_-]{43}$/)),
        iss: fc.oneof(fc.constant(issuer), fc.constant(undefined), anyText),
        error: fc.oneof(
          { weight: 4, arbitrary: fc.constant(undefined) },
          { weight: 1, arbitrary: fc.constantFrom('access_denied', 'login_required', 'server_error') },
        ),
        extra: anyQuery,
      },
      { requiredKeys: ['attempt', 'cookie', 'state'] },
    );
    await fuzzHttp(
      stack.url,
      tally,
      callback,
      (value) => {
        const attempt = attempts[value.attempt];
        const params = new URLSearchParams((value.extra ?? '').slice(1));
        params.set('state', value.state === 'own' ? attempt.state : value.state);
        if (value.code !== undefined) params.set('code', value.code);
        if (value.iss !== undefined) params.set('iss', value.iss);
        if (value.error !== undefined) params.set('error', value.error);
        const cookie = {
          own: attempt.cookie,
          none: '',
          other: attempts[(value.attempt + 1) % attempts.length].cookie,
          mangled: attempt.cookie.replace(/=(.{6})/, '=x$1'),
        }[value.cookie];
        return { method: 'GET', path: `/staff/login/sso/callback?${params.toString()}`, headers: cookie ? { Cookie: cookie } : undefined };
      },
      400,
    );
    expect(tally.serverErrors).toEqual([]);
    expect(tally.underFuzzed(MIN_INPUTS_PER_ROUTE)).toEqual([]);
    // Both sides of the attempt check were reached: refused before the provider, and refused by it.
    expect(tally.byStatus.get(400)).toBeGreaterThan(50);
    expect(tally.byStatus.get(403)).toBeGreaterThan(5);
  }, 120_000);
});

describe('staff single sign-on while OIDC_ISSUER is unset', () => {
  let stack: TestApp;
  beforeAll(async () => {
    stack = await startTestApp();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('offers no SSO button, and both routes answer 404 with a page pointing to password sign-in', async () => {
    const visitor = new SessionClient(stack.url);
    const login = await (await visitor.get('/staff/login')).text();
    expect(login).toContain('name="password"');
    expect(login).not.toContain('/staff/login/sso');
    for (const path of ['/staff/login/sso', '/staff/login/sso/callback?code=x&state=y']) {
      const response = await visitor.get(path);
      expect(response.status).toBe(404);
      expect(await response.text()).toContain('Felles pålogging (SSO) er ikke satt opp');
    }
  });
});
