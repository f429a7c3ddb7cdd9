import { chromium, type Browser, type Page } from 'playwright-core';
import { api, registration, type Api } from '../fanout/fanout-stack';
import { pdfText } from '../support/pdf-pages';
import { SmtpCapture } from '../support/smtp-capture';
import { adminAuth, startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app';
import { letterMail, recordOutcomes, writeManualDataMap } from './true-letters-stack';

/** An admin edits a letter template in Chromium, previews it, saves it, and the next letter carries it. */
describe('letter templates in a real browser', () => {
  const smtp = new SmtpCapture();
  let stack: TestApp;
  let client: Api;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startTestApp({ env: { SMTP_URL: await smtp.start(), SYSTEMS_FILE: writeManualDataMap(['newsletter']) } });
    const auth = await adminAuth(stack.url);
    client = api(stack.url, () => auth);
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await smtp.stop();
  });

  const signIn = async (page: Page) => {
    await page.goto(`${stack.url}/staff/login`);
    await page.fill('#email', TEST_ADMIN.email);
    await page.fill('#password', TEST_ADMIN.password);
    await Promise.all([page.waitForURL(/\/staff(\?|$|\/)/), page.press('#password', 'Enter')]);
  };

  it('a template edit, previewed and saved, is reflected in the next letter of that kind (e-mail and posted PDF)', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page);
    await page.getByRole('link', { name: 'Brevmaler' }).click();
    await page.locator('tr[data-kind="nothing-held"][data-language="nb"]').getByRole('link', { name: 'Endre' }).click();
    await page.waitForURL(/\/staff\/templates\/nothing-held\/nb$/);
    // The statutory parts are listed, not editable.
    await expect(page.getByTestId('statutory').textContent()).resolves.toContain('retten til å klage til Datatilsynet');

    await page.fill('#template-greeting', 'Kjære kunde,');
    await page.fill('#template-before', 'Takk for at du skrev til oss.');
    await page.fill('#template-after', 'Personvernerklæringen vår finner du på nettsidene våre.');
    await page.fill('#template-closing', 'Hilsen personvernteamet');
    await page.getByRole('button', { name: 'Forhåndsvis' }).click();
    await page.getByTestId('preview').waitFor();
    const previewed = await page.getByTestId('preview-text').textContent();
    expect(previewed).toMatch(/^Kjære kunde,\n\nTakk for at du skrev til oss\.\n\nVi viser til forespørselen din DSR-2026-000123/);
    expect(previewed).toContain('Personvernerklæringen vår finner du på nettsidene våre.\n\nHilsen personvernteamet\nFirma AS');
    // The HTML e-mail in its sandboxed frame shows the same words, as text.
    const frame = page.frameLocator('[data-testid="preview-html"]');
    await expect(frame.locator('p').first().textContent()).resolves.toBe('Kjære kunde,');
    await expect(frame.locator('body').textContent()).resolves.toContain('Takk for at du skrev til oss.');

    await page.getByRole('button', { name: 'Lagre' }).click();
    await page.waitForURL(/done=saved/);
    await expect(page.getByRole('status').textContent()).resolves.toContain('Brevmalen er lagret');
    expect(await page.inputValue('#template-greeting')).toBe('Kjære kunde,');
    const pdf = await page.request.get(`${stack.url}/staff/templates/nothing-held/nb/preview.pdf`);
    expect(pdf.status()).toBe(200);
    const printed = await pdfText(Buffer.from(await pdf.body()));
    for (const words of ['Kjære kunde,', 'Takk for at du skrev til oss.', 'Hilsen personvernteamet', 'Datatilsynet']) expect(printed).toContain(words);
    await page.goto(`${stack.url}/staff/templates`);
    await expect(page.locator('tr[data-kind="nothing-held"][data-language="nb"]').textContent()).resolves.toContain('Egen tekst');
    await context.close();

    const email = 'kari.nettleser@example.no';
    const registered = await client.post('/api/v1/cases', {
      ...registration('objection', { email, name: 'Kari Nordmann' }, { processing: 'direct_marketing' }),
      language: 'nb',
    });
    const { reference } = (await registered.json()) as { reference: string };
    await recordOutcomes(client, reference, { newsletter: { summary: 'Ingen treff.', dispositions: [{ kind: 'not_held', reason: 'not_found' }] } });
    expect((await client.post(`/api/v1/cases/${reference}/complete`, {})).status).toBe(200);
    const { id } = (await (await client.get(`/api/v1/cases/${reference}`)).json()) as { id: string };
    const mail = await letterMail(stack, smtp, id, email);
    const text = mail.text.replace(/\r\n/g, '\n');
    expect(text.startsWith('Kjære kunde,\n\nTakk for at du skrev til oss.\n\n')).toBe(true);
    expect(text.trimEnd().endsWith('Personvernerklæringen vår finner du på nettsidene våre.\n\nHilsen personvernteamet\nFirma AS')).toBe(true);
    expect(text).toContain('Datatilsynet');
  });
});
