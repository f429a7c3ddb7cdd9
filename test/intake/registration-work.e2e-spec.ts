import { dataMapWithoutRoutineDeletion } from '../support/quiet-data-map';
import { SmtpCapture } from '../support/smtp-capture';
import { startTestApp, type TestApp } from '../support/test-app';
import { postJson } from './intake-helpers';

/**
 * A public request stages the `case-registered` job (the rest of `case.registered` in the worker:
 * preservation at receipt, processor forwards) only when the data map gives it work. Without it,
 * the request still gets everything it needs: the alert, the reminder, the expiry and its e-mail.
 */
describe('the case-registered job follows the data map', () => {
  const smtp = new SmtpCapture();
  const apps: TestApp[] = [];
  let smtpUrl: string;
  beforeAll(async () => {
    smtpUrl = await smtp.start();
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await smtp.stop();
  });

  // Each app has its own database and takes one request, so its outbox holds that request's jobs.
  const stagedFor = async (app: TestApp, email: string) => {
    const response = await postJson(`${app.url}/api/v1/requests`, { type: 'access', email });
    expect(response.status).toBe(202);
    const rows: Array<{ name: string }> = await app.dataSource.query('SELECT name FROM job_outbox ORDER BY name');
    return rows.map((row) => row.name);
  };

  it('stages it where manual systems delete routinely, and not where nothing would act on it', async () => {
    // api-only apps run no relay, so what the request staged stays in the outbox to be read.
    const env = { SMTP_URL: smtpUrl };
    const shipped = await startTestApp({ role: 'api', env });
    apps.push(shipped);
    const quiet = await startTestApp({ role: 'api', env: { ...env, SYSTEMS_FILE: dataMapWithoutRoutineDeletion() } });
    apps.push(quiet);

    const everyRequestNeeds = ['deadline-alert', 'render-email', 'verification-expiry', 'verification-reminder'];
    expect(await stagedFor(shipped, 'preserve@example.no')).toEqual(['case-registered', ...everyRequestNeeds]);
    expect(await stagedFor(quiet, 'quiet@example.no')).toEqual(everyRequestNeeds);
  });

  it('still delivers the verification e-mail without it', async () => {
    const app = await startTestApp({ env: { SMTP_URL: smtpUrl, SYSTEMS_FILE: dataMapWithoutRoutineDeletion() } });
    apps.push(app);
    const response = await postJson(`${app.url}/api/v1/requests`, { type: 'access', email: 'delivered@example.no', name: 'Kari Nordmann' });
    expect(response.status).toBe(202);
    const mail = await smtp.waitFor((message) => message.to.includes('delivered@example.no'));
    expect(mail.subject).toMatch(/bekreft|confirm/i);
  });
});
