import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { chromium, type Browser } from 'playwright-core';
import { parse, stringify } from 'yaml';
import { api, searchDone, settled, simulatorSecrets, startSimulatorsWith, waitForCase, writeDataMap, type Api, type Simulators } from '../fanout/fanout-stack';
import { NORWEGIAN_PEOPLE } from '../fanout/norwegian-people';
import { pdfText } from '../support/pdf-pages';
import { SmtpCapture } from '../support/smtp-capture';
import { adminAuth, startTestApp, type TestApp } from '../support/test-app';
import { bearerFor, createStaffUser, signedInStaff, type SessionClient } from '../staff-ui/staff-session-client';
import { enrichDataMap } from './answer-stack';

const PREFIX = 'READABLE_COPY_E2E';
const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');
const [, OLA] = NORWEGIAN_PEOPLE;

/** Translations and labels a company adds to its data map (purposes in nb and en, a label of its own). */
function translate(file: string): string {
  const map = parse(readFileSync(file, 'utf8')) as { controller: Record<string, unknown>; systems: Array<Record<string, unknown>> };
  map.controller = { ...map.controller, name: 'Eksempel Deler AS', orgNumber: '912 345 678', address: 'Industriveien 1, 0581 Oslo', phone: '+47 22 00 00 00' };
  for (const system of map.systems) {
    if (system.id === 'zendesk') {
      system.purposes = [{ nb: 'kundeservice', en: 'customer support' }];
      system.fieldLabels = { tags: { nb: 'Stikkord', en: 'Tags' } };
    }
  }
  writeFileSync(file, stringify(map));
  return file;
}

/**
 * The access answer as the person reads it, against the simulators and the real stack: answer.html
 * opened in Chromium shows labelled tables in Norwegian, and the letter laid out for posting
 * carries the letterhead, the address block, date, reference and page numbers. Screenshots of
 * both go to test-artifacts/ (kept out of git).
 */
describe('the readable copy and the posted letter (real stack, simulators, Chromium)', () => {
  const smtp = new SmtpCapture();
  const secrets = simulatorSecrets(PREFIX);
  let sims: Simulators;
  let stack: TestApp;
  let client: Api;
  let handler: SessionClient;
  let browser: Browser;
  let reference: string;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    Object.assign(process.env, secrets);
    sims = await startSimulatorsWith(NORWEGIAN_PEOPLE);
    stack = await startTestApp({
      env: {
        SMTP_URL: await smtp.start(),
        SYSTEMS_FILE: translate(enrichDataMap(writeDataMap(sims, PREFIX, ['zendesk', 'visma', 'hubspot']))),
        TASK_BACKOFF_MS: '100',
        CONNECTOR_INLINE_RETRY_WAIT_MS: '0',
        PACKAGE_KEY: Buffer.alloc(32, 7).toString('base64'),
      },
    });
    const auth = await adminAuth(stack.url);
    client = api(stack.url, () => auth);
    handler = await signedInStaff(stack, 'copy.handler@example.no', 'handler');
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });

    // A request by letter: no e-mail address, so the answer goes by post to the address given.
    const created = await client.post('/api/v1/cases', {
      type: 'access',
      channel: 'letter',
      language: 'nb',
      receivedAt: new Date(Date.now() - 3600_000).toISOString(),
      subject: { name: OLA.name, phone: OLA.phone, customerNumber: String(OLA.customerNo) },
      postalAddress: 'Storgata 1\n0155 Oslo',
      identityVerified: { method: 'letter signed, customer number matches' },
    });
    expect(created.status).toBe(201);
    const body = (await created.json()) as { reference: string; details: Record<string, unknown> };
    expect(body.details).toEqual({ postalAddress: 'Storgata 1\n0155 Oslo' });
    reference = body.reference;
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await sims?.close();
    await smtp.stop();
    for (const name of Object.keys(secrets)) delete process.env[name];
  });

  it('refuses a postal address that is not text, naming the field', async () => {
    const response = await client.post('/api/v1/cases', {
      type: 'access',
      channel: 'letter',
      receivedAt: new Date().toISOString(),
      subject: { name: 'Per Hansen' },
      postalAddress: { street: 'Storgata 1' },
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain('postalAddress');
  });

  it('answers with a package whose answer.html shows labelled tables in Norwegian, and CSV beside the JSON', async () => {
    await waitForCase(client, reference, searchDone);
    await client.post(`/api/v1/cases/${reference}/approve`, {});
    await waitForCase(client, reference, (body) => settled(body) && (body as unknown as { status: string }).status === 'awaiting_review');
    expect((await client.post(`/api/v1/cases/${reference}/complete`, {})).status).toBe(200);

    const download = await handler.get(`/staff/cases/${reference}/answer/package.zip`);
    expect(download.status).toBe(200);
    const zip = await JSZip.loadAsync(Buffer.from(await download.arrayBuffer()));
    const names = Object.keys(zip.files);
    for (const system of ['zendesk', 'visma']) {
      expect(names).toContain(`data/${system}.json`);
      expect(names.some((name) => name.startsWith(`data/${system}/`) && name.endsWith('.csv'))).toBe(true);
    }
    const html = await zip.file('answer.html')!.async('string');
    // No link to a vendor API (the Zendesk export has `url` on every user and ticket).
    expect(html).not.toMatch(/https?:\/\/(127\.0\.0\.1|localhost)/);
    expect(html).not.toContain('/api/v2/');
    expect(html).not.toMatch(/>(user_id|ticket_id|customerNo|associateNo)</);

    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await page.setContent(html);
    const captions = await page.locator('table caption').allInnerTexts();
    expect(captions).toEqual(expect.arrayContaining(['Brukere', 'Henvendelser', 'Kunder', 'Kontaktadresser', 'Meldinger i henvendelser (1/2)']));
    // A wide record type is shown a record at a time: label beside value.
    const user = page.locator('table:has(caption:text-is("Brukere"))');
    expect(await user.locator('th').allInnerTexts()).toEqual(expect.arrayContaining(['Bruker-ID', 'Navn', 'E-post', 'Telefon']));
    expect(await user.locator('tr:has(th:text-is("Navn")) td').innerText()).toBe(OLA.name);
    // A narrow one is a table with a header row.
    expect(await page.locator('table:has(caption:text-is("Kontaktadresser")) thead th').allInnerTexts()).toEqual(
      expect.arrayContaining(['Type', 'Verdi', 'Hovedadresse', 'Bekreftet']),
    );
    expect(await page.locator('dd', { hasText: 'kundeservice' }).count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'answer-html.png'), fullPage: true });
    await page.close();
  });

  it('serves the letter laid out for posting to case readers only: letterhead, address block, date, reference, page numbers', async () => {
    await createStaffUser(stack, 'copy.auditor@example.no', 'auditor');
    const auditor = await bearerFor(stack, 'copy.auditor@example.no');
    const response = await client.get(`/api/v1/cases/${reference}/letter.pdf`, auditor);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const text = await pdfText(Buffer.from(await response.arrayBuffer()), join(ARTIFACTS, 'posted-letter-page1.png'));
    for (const line of ['Eksempel Deler AS', 'Industriveien 1', 'Org.nr. 912 345 678', 'Tlf. +47 22 00 00 00', `${OLA.name} Storgata 1 0155 Oslo`])
      expect(text).toContain(line);
    expect(text).toMatch(/Dato: \d{1,2}\. \p{L}+ \d{4}/u);
    expect(text).toContain(`Vår referanse: ${reference}`);
    expect(text).toContain('Svaret følger med dette brevet');
    expect(text).toMatch(/1\/\d/);
    expect(text).not.toContain(stack.url);

    await createStaffUser(stack, 'copy.owner@example.no', 'owner');
    const owner = await bearerFor(stack, 'copy.owner@example.no');
    expect((await client.get(`/api/v1/cases/${reference}/letter.pdf`, owner)).status).toBe(403);
    expect((await client.get(`/api/v1/cases/${reference}/letter.pdf`, {})).status).toBe(401);

    const { items: audit } = (await (await client.get(`/api/v1/cases/${reference}/audit`)).json()) as {
      items: Array<{ type: string; data: Record<string, unknown> }>;
    };
    const downloads = audit.filter((event) => event.type === 'answer.staff_downloaded' && event.data.format === 'posted-pdf');
    expect(downloads).toHaveLength(1);
    expect(JSON.stringify(downloads)).not.toContain(OLA.name);
  });
});
