import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { Client } from 'pg';
import { freePort } from '../support/free-port';
import { startServiceProcess, waitUntil, type ServiceProcess } from '../support/service-process';
import { freshQueuePrefix } from '../support/test-app';
import { ADMIN_DATABASE_URL, TEST_REDIS_URL, databaseUrl, runId } from '../support/test-env';

const ONE_TIME_PASSWORD = /One-time password: (\S+)/g;

/**
 * `npm start` on a fresh machine, twice at once: two real processes with a DATABASE_URL naming a
 * database that does not exist and no ADMIN_EMAIL/ADMIN_PASSWORD. One creates the database, the
 * migrations run once under the advisory lock, one first admin is created and its one-time
 * password is printed once.
 */
describe('two processes starting at once on a database that does not exist', () => {
  // Named like this run's other databases, so globalTeardown drops it even if afterAll does not run.
  const name = `dsr_test_${runId()}_fresh${randomBytes(3).toString('hex')}`;
  const processes: Array<{ service: ServiceProcess; url: string }> = [];

  const query = async <T>(sql: string, url = ADMIN_DATABASE_URL): Promise<T[]> => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    expect(await query(`SELECT 1 FROM pg_database WHERE datname = '${name}'`)).toEqual([]);
    const shared = {
      DATABASE_URL: databaseUrl(name),
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: freshQueuePrefix(),
      APP_SECRET: 'fresh-start-secret-0123456789abcdef0123',
      MAIL_DIR: mkdtempSync(join(tmpdir(), 'dsr-fresh-mail-')),
    };
    // One logs JSON (what a collector reads), the other readable lines (what a person at a terminal gets).
    for (const [index, port] of [await freePort(), await freePort()].entries()) {
      const env = { ...shared, PORT: String(port), PUBLIC_URL: `http://localhost:${port}`, LOG_FORMAT: index === 0 ? 'json' : 'pretty' };
      processes.push({ service: startServiceProcess(env), url: `http://127.0.0.1:${port}` });
    }
    try {
      for (const { service, url } of processes) {
        const exited = new Promise<never>((_, reject) => service.child.once('exit', (code) => reject(new Error(`a process exited with ${code}`))));
        await Promise.race([waitUntil(async () => (await fetch(`${url}/health`)).status === 200, 90_000, `${url}/health`), exited]);
      }
    } catch (error) {
      const tails = processes.map(({ service }) => service.output().slice(-2000)).join('\n---\n');
      throw new Error(`${(error as Error).message}\n${tails}`, { cause: error });
    }
  }, 120_000);

  afterAll(async () => {
    await Promise.all(processes.map(({ service }) => service.stop()));
    await query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });

  it('both come up with health, the API docs and its paths', async () => {
    for (const { url } of processes) {
      const health = await fetch(`${url}/health`);
      expect(health.status).toBe(200);
      const docs = await fetch(`${url}/api/docs`);
      expect(docs.status).toBe(200);
      expect(docs.headers.get('content-type')).toMatch(/text\/html/);
      expect(await docs.text()).toMatch(/swagger/i);
      const spec = await (await fetch(`${url}/api/docs-json`)).json();
      expect(spec.paths['/api/v1/cases']).toBeDefined();
    }
  });

  it('created the database and ran every migration once', async () => {
    const outputs = processes.map(({ service }) => service.output());
    expect(outputs.filter((output) => output.includes('database created'))).toHaveLength(1);
    expect(outputs.filter((output) => output.includes('migrations applied'))).toHaveLength(1);
    const applied = await query<{ name: string }>('SELECT name FROM migrations', databaseUrl(name));
    expect(new Set(applied.map((row) => row.name)).size).toBe(applied.length);
    expect(applied.length).toBeGreaterThan(0);
  });

  it('ends its start-up with a boxed banner: where to sign in, and the first admin with its password only where it was created', async () => {
    await waitUntil(() => processes.every(({ service }) => service.output().includes('└')), 10_000, 'both banners');
    const banners = processes.map(({ service, url }) => {
      const output = service.output();
      const box = output.slice(output.lastIndexOf('┌'), output.lastIndexOf('┘') + 1).split('\n');
      return { box, port: new URL(url).port };
    });
    for (const { box, port } of banners) {
      expect(box[0]).toMatch(/^┌─+┐$/);
      expect(box.at(-1)).toMatch(/^└─+┘$/);
      const inside = box.slice(1, -1);
      // Every line of the box is as wide as its frame.
      for (const line of inside) expect([...line].length).toBe([...box[0]].length);
      expect(inside.join('\n')).toContain(`Staff sign-in:  http://localhost:${port}/staff/login`);
    }
    const creators = banners.filter(({ box }) => box.some((line) => line.includes('First admin:    admin@localhost')));
    expect(creators).toHaveLength(1);
    expect(creators[0].box.some((line) => /One-time password: \S+/.test(line))).toBe(true);
  });

  it('logs JSON lines when asked for JSON, and readable lines when asked for pretty', () => {
    const [json, pretty] = processes.map(({ service }) =>
      service
        .output()
        .split('\n')
        .filter((line) => line.includes('listening on port')),
    );
    expect(json).toHaveLength(1);
    expect(JSON.parse(json[0])).toMatchObject({ msg: expect.stringContaining('listening on port') });
    expect(pretty).toHaveLength(1);
    expect(pretty[0].trim().startsWith('{')).toBe(false);
    expect(pretty[0]).toMatch(/^\[\d{2}:\d{2}:\d{2}\] INFO: Bootstrap: api and worker listening on port \d+$/);
  });

  it('made exactly one admin and printed its one-time password once; a person signs in with it in Chromium from the banner, must choose their own, and lands on the queue', async () => {
    const admins = await query<{ email: string; role: string }>('SELECT email, role FROM staff_users', databaseUrl(name));
    expect(admins).toEqual([{ email: 'admin@localhost', role: 'admin' }]);

    const printed = processes.flatMap(({ service }) => [...service.output().matchAll(ONE_TIME_PASSWORD)].map((match) => match[1]));
    expect(printed).toHaveLength(1);
    const creator = processes.find(({ service }) => service.output().includes('One-time password:'))!;
    // The sign-in address as the banner prints it (PUBLIC_URL), reached where the process listens.
    const signIn = /Staff sign-in:\s+(\S+)/.exec(creator.service.output())![1];
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(`${creator.url}${new URL(signIn).pathname}`);
      await page.fill('#email', 'admin@localhost');
      await page.fill('#password', printed[0]);
      await Promise.all([page.waitForNavigation(), page.click('form[action="/staff/login"] button[type=submit]')]);
      // The printed password has been in a log: it opens nothing but its own change.
      expect(new URL(page.url()).pathname).toBe('/staff/account');
      expect(await page.locator('.problem:visible').first().innerText()).toBe('Du må velge ditt eget passord før du kan fortsette.');
      await page.fill('#current', printed[0]);
      await page.fill('#new', 'the operator chose this one');
      await Promise.all([page.waitForNavigation(), page.click('button:text("Bytt passord")')]);
      expect(new URL(page.url()).pathname).toBe('/staff');
      expect(await page.locator('h1').innerText()).toBe('Saksliste');
    } finally {
      await browser.close();
    }
    // The printed password opens nothing now, on either process; the chosen one opens the API.
    for (const { url } of processes) {
      const login = (password: string) =>
        fetch(`${url}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ email: 'admin@localhost', password }),
        });
      expect((await login(printed[0])).status).toBe(401);
      const chosen = await login('the operator chose this one');
      expect(chosen.status).toBe(200);
      expect((await fetch(`${url}/api/v1/cases`, { headers: { Authorization: `Bearer ${(await chosen.json()).token}` } })).status).toBe(200);
    }
  });
});
