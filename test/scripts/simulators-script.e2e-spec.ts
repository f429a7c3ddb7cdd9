import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { DEMO_SECRETS } from '../../scripts/demo-simulators';
import { waitUntil } from '../support/service-process';

const ROOT = join(__dirname, '..', '..');
const KARI = 'kari.nordmann@example.no';

interface DemoMap {
  systems: Array<{ id: string; connection?: Record<string, string | number> }>;
}

/**
 * `npm run simulators` as a newcomer runs it: compiled with tsconfig.scripts.json (as the npm script
 * does, into a folder of its own), started as a process, one authenticated call to each simulator
 * through the data map it writes, then stopped with SIGTERM.
 */
describe('npm run simulators', () => {
  // Inside the project, so the compiled script resolves node_modules.
  mkdirSync(join(ROOT, 'var'), { recursive: true });
  const outDir = mkdtempSync(join(ROOT, 'var', 'scripts-smoke-'));
  const cwd = mkdtempSync(join(tmpdir(), 'dsr-simulators-'));
  let child: ChildProcess | undefined;
  let output = '';

  beforeAll(() => {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.scripts.json'), '--outDir', outDir], {
      stdio: 'inherit',
    });
  }, 120_000);
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    rmSync(outDir, { recursive: true, force: true });
    rmSync(cwd, { recursive: true, force: true });
  });

  it('starts the three simulators, each answers an authenticated call, and stops on SIGTERM', async () => {
    child = spawn(process.execPath, [join(outDir, 'scripts', 'simulators.js')], {
      cwd,
      env: { PATH: process.env.PATH ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const dataMap = join(cwd, 'var', 'simulators', 'systems.yaml');
    await waitUntil(() => output.includes('Ctrl-C stops the simulators') && existsSync(dataMap), 30_000, `the simulators (output: ${output})`);
    expect(output).toContain(`SYSTEMS_FILE=${dataMap}`);

    const connection = (id: string) => (parse(readFileSync(dataMap, 'utf8')) as DemoMap).systems.find((system) => system.id === id)!.connection!;
    const secret = (name: string | number) => DEMO_SECRETS[String(name)];

    const zendesk = connection('zendesk');
    const zendeskToken = await fetch(`${zendesk.baseUrl}/oauth/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials', client_id: secret(zendesk.clientIdEnv), client_secret: secret(zendesk.clientSecretEnv) }),
    });
    expect(zendeskToken.status).toBe(200);
    const users = await fetch(`${zendesk.baseUrl}/api/v2/users/search?query=email:${KARI}`, {
      headers: { Authorization: `Bearer ${((await zendeskToken.json()) as { access_token: string }).access_token}` },
    });
    expect(users.status).toBe(200);
    expect(((await users.json()) as { users: Array<{ email: string }> }).users.map((user) => user.email)).toEqual([KARI]);

    const visma = connection('visma');
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: secret(visma.clientIdEnv),
      client_secret: secret(visma.clientSecretEnv),
      scope: 'business-graphql-service-api:access-group-based',
    });
    const vismaToken = await fetch(String(visma.tokenUrl), { method: 'POST', body: form });
    expect(vismaToken.status).toBe(200);
    const graphql = await fetch(String(visma.graphqlUrl), {
      method: 'POST',
      headers: { Authorization: `Bearer ${((await vismaToken.json()) as { access_token: string }).access_token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        query: `{ useCompany(no: ${visma.companyNo}) { associate(filter: { emailAddress: { _eq: "${KARI}" } }) { items { customerNo } } } }`,
      }),
    });
    expect(graphql.status).toBe(200);
    expect(await graphql.json()).toEqual({ data: { useCompany: { associate: { items: [{ customerNo: 10001 }] } } } });

    const hubspot = connection('hubspot');
    const search = await fetch(`${hubspot.baseUrl}/crm/v3/objects/contacts/search`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${secret(hubspot.tokenEnv)}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ filterGroups: [{ filters: [{ propertyName: 'email', operator: 'EQ', value: KARI }] }], properties: ['email'] }),
    });
    expect(search.status).toBe(200);
    expect(((await search.json()) as { total: number }).total).toBe(1);
    const anonymous = await fetch(`${hubspot.baseUrl}/crm/v3/objects/contacts/search`, {
      method: 'POST',
      body: '{}',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(anonymous.status).toBe(401);

    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);
});
