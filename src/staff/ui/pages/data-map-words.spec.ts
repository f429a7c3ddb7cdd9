import { LANGUAGES } from '../../../common/case-types';
import { dataMapFindings } from '../../../systems/data-map-warnings';
import { dataMapSchema } from '../../../systems/data-map.schema';
import { WARNING_WORDS } from './data-map-words';

describe('every start-up warning is explained by its kind, in both staff languages', () => {
  const map = dataMapSchema.parse({
    controller: { name: 'Firma AS', email: 'personvern@firma.example' },
    systems: [
      {
        id: 'ledger',
        name: 'Regnskap',
        connector: 'visma',
        owner: 'regnskap@firma.example',
        connection: { clientSecretEnv: 'DATA_MAP_WORDS_UNSET_SECRET' },
        categories: ['invoices'],
        purposes: [{ nb: 'bokføring' }],
        legalBasis: { nb: 'GDPR art. 6 nr. 1 bokstav f', en: 'GDPR Art 6(1)(f)' },
        portable: true,
        recipients: ['Revisor AS (auditor)'],
        retention: { period: 'P10Y', basis: 'bokføringsloven § 13' },
      },
    ],
  });

  it('gives each warning its field, a kind the page explains, and a line in nb and en', () => {
    const findings = dataMapFindings(map, {});
    expect(findings.map((warning) => [warning.field, warning.kind])).toEqual([
      ['retention', 'retention'],
      ['portable', 'portable'],
      ['recipients', 'recipients'],
      ['texts', 'translation'],
      ['connection.clientSecretEnv', 'secret'],
    ]);
    for (const warning of findings) {
      for (const language of LANGUAGES) {
        expect(warning.text[language].startsWith(`ledger.${warning.field}: `)).toBe(true);
        expect(WARNING_WORDS[language][warning.kind].todo).toBeTruthy();
      }
    }
  });

  it('quotes the data map in the reader language and writes periods in words', () => {
    const [retention, portable] = dataMapFindings(map, {});
    expect(retention.text.nb).toContain('10 år er lengre enn grunnlaget «bokføringsloven § 13» tillater');
    expect(retention.text.en).toContain('10 years is longer than its basis "bokføringsloven § 13" allows');
    expect(portable.text.nb).toContain('rettslig grunnlag «GDPR art. 6 nr. 1 bokstav f» er verken samtykke eller avtale');
    expect(portable.text.en).toContain('legal basis "GDPR Art 6(1)(f)" is neither consent nor contract');
  });
});
