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
    name: Regnskap
    connector: visma
    owner: regnskap@karideler.example
    connection: { companyNo: 1, clientIdEnv: STAFF_SYSTEMS_TEST_CLIENT_ID, clientSecretEnv: STAFF_SYSTEMS_TEST_UNSET_SECRET }
    categories: [invoices, payments]
    purposes: [bookkeeping]
    legalBasis: GDPR art. 6(1)(c) (bokføringsloven)
    recipients: [Revisor AS (auditor)]
    retention: { period: P10Y, basis: bokføringsloven § 13 }
    legalHolds:
      - { records: invoices, basis: bokføringsloven § 13, keepFor: P5Y, from: end-of-financial-year }
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
      'Id ledger',
      'Kobling visma',
      'Rolle Behandlingsansvarlig',
      'Systemeier regnskap@karideler.example',
      'Kategorier av opplysninger invoices, payments',
      'Formål bookkeeping',
      'Rettslig grunnlag GDPR art. 6(1)(c) (bokføringsloven)',
      'Mottakere Revisor AS (auditor)',
      'Lagringstid 10 år – bokføringsloven § 13',
      'invoices – bokføringsloven § 13 – 5 år fra utgangen av regnskapsåret',
      'ledger.retention: P10Y is longer than its basis "bokføringsloven § 13" allows: bokføringsloven § 13 has the 5-year rule, which allows at most 5 years after the end of the financial year',
      'ledger.connection.clientSecretEnv: environment variable STAFF_SYSTEMS_TEST_UNSET_SECRET is not set',
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
    expect(page).toContain('invoices – bokføringsloven § 13 – 5 years from the end of the financial year');

    const handler = await signedIn('handler@karideler.example');
    expect((await handler.get('/staff/systems')).status).toBe(403);
    expect(await (await handler.get('/staff')).text()).not.toContain('href="/staff/systems"');
  });
});
