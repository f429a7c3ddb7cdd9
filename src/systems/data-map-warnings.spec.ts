import { join } from 'node:path';
import { loadDataMap } from './data-map.loader';
import { dataMapWarnings } from './data-map-warnings';

describe('data map warnings: portability', () => {
  const map = () => loadDataMap(join(__dirname, '..', '..', 'config', 'systems.yaml'));

  it('warns when a system is portable but rests on neither consent nor contract (Art 20(1)(a))', () => {
    const loaded = map();
    const system = loaded.systems[0];
    system.portable = true;
    system.legalBasis = system.texts.legalBasis = 'GDPR art. 6(1)(f) legitimate interest';
    expect(dataMapWarnings(loaded, {})).toContain(
      `${system.id}.portable: legal basis "GDPR art. 6(1)(f) legitimate interest" is neither consent nor contract; portability (Art 20) covers only those, so its data goes into no portability package`,
    );
  });

  it.each(['GDPR art. 6(1)(b) contract', 'samtykke', 'GDPR art. 6(1)(a)', 'avtale med kunden'])('accepts %s as a portable basis', (basis) => {
    const loaded = map();
    loaded.systems[0].portable = true;
    loaded.systems[0].legalBasis = basis;
    expect(dataMapWarnings(loaded, {}).filter((warning) => warning.includes('.portable'))).toEqual([]);
  });
});

describe('data map warnings: Art 19 recipients without a contact', () => {
  const map = () => loadDataMap(join(__dirname, '..', '..', 'config', 'systems.yaml'));
  const art19 = (loaded: ReturnType<typeof map>) => dataMapWarnings(loaded, {}).filter((warning) => warning.includes('Art 19'));

  it('warns for every recipient that no recipientContacts entry covers', () => {
    const loaded = map();
    const system = loaded.systems.find((entry) => entry.id === 'visma')!;
    system.recipients = ['Revisor AS (auditor)', 'Inkasso Nord AS (debt collection)'];
    system.recipientContacts = [{ name: 'Revisor AS', email: 'revisjon@revisor.example' }];
    expect(art19(loaded)).toContain(
      `${system.id}.recipients: Art 19 notices to "Inkasso Nord AS (debt collection)" can't be e-mailed: add it to recipientContacts, or tell it by other means`,
    );
    expect(art19(loaded).filter((warning) => warning.includes('Revisor AS'))).toEqual([]);
  });

  it("does not ask for a separate notice to the processor of a system its connector changes through the processor's API", () => {
    const loaded = map();
    const zendesk = loaded.systems.find((entry) => entry.id === 'zendesk')!;
    zendesk.connector = 'zendesk';
    zendesk.recipients = ['Zendesk Inc. (processor)'];
    zendesk.recipientContacts = [];
    expect(art19(loaded).filter((warning) => warning.startsWith(`${zendesk.id}.`))).toEqual([]);
    // Kept by hand, the same processor is only reached by a notice.
    zendesk.connector = 'manual';
    expect(art19(loaded)).toContain(
      `${zendesk.id}.recipients: Art 19 notices to "Zendesk Inc. (processor)" can't be e-mailed: add it to recipientContacts, or tell it by other means`,
    );
  });
});

describe('data map warnings: bokføringsloven § 13 whatever the basis says', () => {
  const map = () => loadDataMap(join(__dirname, '..', '..', 'config', 'systems.yaml'));
  const limits = (loaded: ReturnType<typeof map>, id: string) =>
    dataMapWarnings(loaded, {}).filter((warning) => warning.startsWith(`${id}.`) && warning.includes('§ 13'));

  it('flags a 7-year "archive policy" for vouchers although its basis does not name the law', () => {
    const loaded = map();
    const archive = loaded.systems[0];
    archive.categories = ['vouchers (bilag) and customer invoices'];
    archive.retention = { period: 'P7Y', basis: 'internal archive policy' };
    archive.texts.retention = { basis: 'internal archive policy' };
    expect(limits(loaded, archive.id)).toEqual([
      `${archive.id}.retention: 7 years is longer than bokføringsloven § 13 allows for the accounting records it keeps (basis given: "internal archive policy"): § 13 has the 5-year rule, which allows at most 5 years after the end of the financial year; keeping them longer needs another law that requires it, named in the basis`,
    ]);
  });

  it('flags a legal hold on invoices kept longer than § 13 under another name, and leaves a five-year hold alone', () => {
    const loaded = map();
    const system = loaded.systems[0];
    system.legalHolds = [
      { records: 'invoices', basis: 'company archive rules', keepFor: 'P10Y', from: 'end-of-financial-year' },
      { records: 'invoices', basis: 'company archive rules', keepFor: 'P5Y', from: 'end-of-financial-year' },
    ];
    system.texts.legalHolds = system.legalHolds.map(({ records, basis }) => ({ records, basis }));
    expect(limits(loaded, system.id).map((warning) => warning.split(':')[0])).toEqual([`${system.id}.legalHolds.0`]);
  });

  it('leaves alone a long period for data that is not accounting records', () => {
    const loaded = map();
    const system = loaded.systems[0];
    system.categories = ['name', 'e-mail address', 'support conversations'];
    system.purposes = ['customer support'];
    system.legalHolds = system.texts.legalHolds = [];
    system.retention = { period: 'P7Y', basis: 'internal archive policy' };
    expect(limits(loaded, system.id)).toEqual([]);
  });
});
