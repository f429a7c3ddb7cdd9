import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pageText } from '../intake/intake-helpers';
import { startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app';
import { createStaffUser, SessionClient } from './staff-session-client';

const DATA_MAP = `
controller: { name: Kari Deler AS, orgNumber: "912 345 678", email: personvern@karideler.example, dpo: { name: Ola Ombud, email: dpo@karideler.example } }
systems:
  - id: ledger
    name: { nb: Regnskap, en: Accounting }
    connector: visma
    owner: regnskap@karideler.example
    connection: { companyNo: 1, clientIdEnv: STAFF_SYSTEMS_TEST_CLIENT_ID, clientSecretEnv: STAFF_SYSTEMS_TEST_UNSET_SECRET }
    categories: [invoices, payments]
    purposes: [{ nb: bokføring }]
    legalBasis: { nb: GDPR art. 6 nr. 1 bokstav c (bokføringsloven), en: GDPR art. 6(1)(c) (bokføringsloven) }
    recipients: [{ name: Revisor AS, role: { nb: revisor, en: auditor } }]
    retention: { period: P10Y, basis: bokføringsloven § 13 }
    legalHolds:
      - { records: { nb: fakturaer, en: invoices }, basis: bokføringsloven § 13, keepFor: P5Y, from: end-of-financial-year }
  - id: shipping
    name: Fraktportal
    connector: manual
    role: processor
    controllerName: Nettbutikken AS
    controllerContact: personvern@nettbutikken.example
    owner: logistikk@karideler.example
    categories: [delivery addresses]
    purposes: [delivering parcels for Nettbutikken AS]
    legalBasis: the controller's instructions (GDPR art. 28)
    retention: { criteria: until Nettbutikken AS asks us to delete }
`;

/** The data map page: what an admin or the DPO (auditor) reads, and who may not open it. */
describe('data map page /staff/systems', () => {
  let stack: TestApp;

  beforeAll(async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'dsr-map-')), 'systems.yaml');
    writeFileSync(file, DATA_MAP);
    stack = await startTestApp({ env: { SYSTEMS_FILE: file } });
    await createStaffUser(stack, 'dpo@karideler.example', 'auditor');
    await createStaffUser(stack, 'handler@karideler.example', 'handler');
  });
  afterAll(() => stack.close());

  const signedIn = async (email: string, password?: string) => {
    const client = new SessionClient(stack.url);
    expect((await client.signIn(email, password)).status).toBe(303);
    return client;
  };

  it('shows every system with its role, owner, categories, purposes, basis, recipients, retention, holds and warnings (nb)', async () => {
    const admin = await signedIn(TEST_ADMIN.email, TEST_ADMIN.password);
    const response = await admin.get('/staff/systems');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<a href="/staff/systems" aria-current="page">Datakart</a>');
    const text = pageText(html);
    for (const expected of [
      'Kari Deler AS (Org.nr. 912 345 678) – personvern@karideler.example',
      'Personvernombud Ola Ombud, dpo@karideler.example',
      'Regnskap',
      'Regnskap inneholder: invoices, payments.',
      'Id ledger',
      'Kobling visma',
      'Rolle Behandlingsansvarlig',
      'Systemeier regnskap@karideler.example',
      'Kategorier av opplysninger invoices, payments',
      'Formål bokføring',
      'Rettslig grunnlag GDPR art. 6 nr. 1 bokstav c (bokføringsloven)',
      'Mottakere Revisor AS (revisor)',
      'Lagringstid 10 år – bokføringsloven § 13',
      'fakturaer – bokføringsloven § 13 – 5 år fra utgangen av regnskapsåret',
      // Every warning in the staff member's language, periods in words.
      'ledger.retention: 10 år er lengre enn grunnlaget «bokføringsloven § 13» tillater: bokføringsloven § 13 har regelen om 5 år',
      'ledger.texts: skrevet på bare ett språk, så lesere på det andre språket ser teksten slik den står: purposes[0] (mangler engelsk)',
      'ledger.connection.clientSecretEnv: miljøvariabelen STAFF_SYSTEMS_TEST_UNSET_SECRET er ikke satt',
      'Fraktportal',
      'Rolle Databehandler for Nettbutikken AS (personvern@nettbutikken.example)',
      'Lagringstid until Nettbutikken AS asks us to delete',
      'Mottakere Ingen',
    ]) {
      expect(text).toContain(expected);
    }
    // The processor-role system has no warning of its own.
    const shipping = html.slice(html.indexOf('data-system="shipping"'));
    expect(shipping).not.toContain('data-testid="warnings"');
  });

  it('is open to the auditor, in English too, and closed to a handler (not in their menu)', async () => {
    const auditor = await signedIn('dpo@karideler.example');
    await auditor.submit('/staff/systems', '/staff/language', { language: 'en', next: '/staff/systems' });
    const page = pageText(await (await auditor.get('/staff/systems')).text());
    expect(page).toContain('Data map');
    expect(page).toContain('Role Processor for Nettbutikken AS (personvern@nettbutikken.example)');
    for (const expected of [
      'Accounting holds: invoices, payments.',
      'Legal basis GDPR art. 6(1)(c) (bokføringsloven)',
      'Recipients Revisor AS (auditor)',
      'invoices – bokføringsloven § 13 – 5 years from the end of the financial year',
      'ledger.retention: 10 years is longer than its basis "bokføringsloven § 13" allows',
      'ledger.texts: written in one language only, so readers of the other see it as written: purposes[0] (no English)',
      'ledger.connection.clientSecretEnv: environment variable STAFF_SYSTEMS_TEST_UNSET_SECRET is not set',
    ]) {
      expect(page).toContain(expected);
    }
    expect(page).not.toContain('Regnskap');

    const handler = await signedIn('handler@karideler.example');
    expect((await handler.get('/staff/systems')).status).toBe(403);
    expect(await (await handler.get('/staff')).text()).not.toContain('href="/staff/systems"');
  });
});
