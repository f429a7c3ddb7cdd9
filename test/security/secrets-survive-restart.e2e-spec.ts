import { CaseEntity } from '../../src/cases/case.entity';
import { DownloadService } from '../../src/responses/download/download.service';
import { AnswerPackageEntity } from '../../src/responses/package/answer-package.entity';
import { api, registration, simulatorSecrets, startSimulators, waitForCase, writeDataMap, type Simulators } from '../fanout/fanout-stack';
import { NORWEGIAN_PEOPLE } from '../fanout/norwegian-people';
import { linkIn, pageText, postJson } from '../intake/intake-helpers';
import { FixedClock } from '../support/fixed-clock';
import { SmtpCapture } from '../support/smtp-capture';
import { adminAuth, freshQueuePrefix, startTestApp, type TestApp } from '../support/test-app';
import { createTestDatabase } from '../support/test-database';

const PREFIX = 'SECRETS_RESTART_E2E';
const NEW_SECRET = 'rotated-secret-0123456789abcdef0123456789';
type CaseJson = { status: string; tasks: Array<{ id: string; system: string; status: string }> };

/**
 * Issue 15 point 5: without APP_SECRET the service used to make a new secret at every start, so a
 * restart broke every e-mailed link and every sealed answer package. Now the first start keeps the
 * secret in PostgreSQL; a rotation keeps old links and packages working under APP_SECRET_PREVIOUS.
 */
describe('secrets survive a restart, and rotate', () => {
  const smtp = new SmtpCapture();
  const secrets = simulatorSecrets(PREFIX);
  const queuePrefix = freshQueuePrefix();
  let sims: Simulators;
  let databaseUrl: string;
  let smtpUrl: string;
  let systemsFile: string;
  let stack: TestApp | undefined;

  const start = async (env: Record<string, string | undefined>, clock?: FixedClock) => {
    stack = await startTestApp({
      databaseUrl,
      queuePrefix,
      clock,
      env: { SMTP_URL: smtpUrl, SYSTEMS_FILE: systemsFile, INTAKE_RATE_LIMIT_PER_MINUTE: '1000', APP_SECRET: undefined, ...env },
    });
    return stack;
  };
  const stop = async () => {
    await stack?.close();
    stack = undefined;
  };

  beforeAll(async () => {
    Object.assign(process.env, secrets);
    sims = await startSimulators();
    databaseUrl = (await createTestDatabase('secrets')).url;
    smtpUrl = await smtp.start();
    systemsFile = writeDataMap(sims, PREFIX, ['phone-logs']);
  });
  afterAll(async () => {
    await stop();
    await sims?.close();
    await smtp.stop();
    for (const name of Object.keys(secrets)) delete process.env[name];
  });

  let verifyPath = '';
  let reference = '';
  let answerPath = '';
  let storedSecret = '';

  const staffDownload = async (app: TestApp) => {
    const response = await fetch(`${app.url}/staff/cases/${reference}/answer/package.zip`, { headers: await adminAuth(app.url) });
    return { status: response.status, type: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) };
  };
  const verifyPage = async (app: TestApp) => {
    const response = await fetch(`${app.url}${verifyPath}?lang=en`);
    return { status: response.status, text: pageText(await response.text()) };
  };

  it('first start without APP_SECRET: an e-mailed verification link and a sealed answer package', async () => {
    const app = await start({});
    const person = NORWEGIAN_PEOPLE[0];
    const submitted = await postJson(`${app.url}/api/v1/requests`, { type: 'access', email: person.email, name: person.name, language: 'en' });
    expect(submitted.status).toBe(202);
    const mail = await smtp.waitFor((item) => item.to.includes(person.email) && /\/verify\//.test(item.text));
    verifyPath = new URL(linkIn(mail, 'verify', app.url)).pathname;

    const auth = await adminAuth(app.url);
    const admin = api(app.url, () => auth);
    const created = await admin.post('/api/v1/cases', { ...registration('access', NORWEGIAN_PEOPLE[1]), language: 'nb' });
    expect(created.status).toBe(201);
    reference = ((await created.json()) as { reference: string }).reference;
    const body = (await waitForCase(admin, reference, (json) =>
      (json as unknown as CaseJson).tasks?.some((task) => task.status === 'manual'),
    )) as unknown as CaseJson;
    const taskId = body.tasks.find((task) => task.system === 'phone-logs')!.id;
    expect((await admin.post(`/api/v1/cases/${reference}/tasks/${taskId}/outcome`, { status: 'not_found', summary: 'No calls.' })).status).toBe(200);
    await waitForCase(admin, reference, (json) => (json as unknown as CaseJson).status === 'awaiting_review');
    expect((await admin.post(`/api/v1/cases/${reference}/complete`, {})).status).toBe(200);
    const entity = await app.dataSource.getRepository(CaseEntity).findOneByOrFail({ reference });
    const row = await app.dataSource.getRepository(AnswerPackageEntity).findOneByOrFail({ caseId: entity.id });
    answerPath = app.context.get(DownloadService).pagePath(row.id);

    const before = await staffDownload(app);
    expect(before.status).toBe(200);
    const [stored] = (await app.dataSource.query(`SELECT value FROM app_secrets WHERE name = 'app_secret'`)) as Array<{ value: string }>;
    storedSecret = stored.value;
    expect(storedSecret).toMatch(/^[0-9a-f]{64}$/);
    await stop();
  });

  it('after a restart without APP_SECRET, the link still works and the package still downloads', async () => {
    const app = await start({});
    const page = await verifyPage(app);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Confirm your request');
    const download = await staffDownload(app);
    expect(download.status).toBe(200);
    expect(download.type).toBe('application/zip');
    expect(download.bytes.subarray(0, 2).toString()).toBe('PK');
    expect((await fetch(`${app.url}${answerPath}`)).status).toBe(200);
    await stop();
  });

  it('with a new APP_SECRET and the old one in APP_SECRET_PREVIOUS, old links and packages still work', async () => {
    const app = await start({ APP_SECRET: NEW_SECRET, APP_SECRET_PREVIOUS: storedSecret });
    const page = await verifyPage(app);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Confirm your request');
    expect((await staffDownload(app)).status).toBe(200);
    expect((await fetch(`${app.url}${answerPath}`)).status).toBe(200);
    await stop();
  });

  it('an expired link says so and how to get a new one', async () => {
    const app = await start({ APP_SECRET: NEW_SECRET, APP_SECRET_PREVIOUS: storedSecret }, new FixedClock(new Date(Date.now() + 60 * 86_400_000)));
    const page = await verifyPage(app);
    expect(page.status).toBe(410);
    expect(page.text).toContain('This link has expired');
    expect(page.text).toContain('Send a new request with the button below and you will get a new link by e-mail.');
    await stop();
  });

  it('a link signed with a key no longer known says the link no longer works, without blaming the person', async () => {
    const app = await start({ APP_SECRET: NEW_SECRET });
    const page = await verifyPage(app);
    expect(page.status).toBe(400);
    expect(page.text).toContain('This link no longer works.');
    expect(page.text).not.toMatch(/incomplete or has been changed/);
    await stop();
  });
});
