import { dataMapWarnings } from '../../../systems/data-map.loader';
import { dataMapSchema } from '../../../systems/data-map.schema';
import { warningKind } from './data-map-words';

describe('every start-up warning is explained by its kind', () => {
  it('reads the kind from the field each warning names', () => {
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
          legalBasis: 'GDPR art. 6(1)(f)',
          portable: true,
          recipients: ['Revisor AS (auditor)'],
          retention: { period: 'P10Y', basis: 'bokføringsloven § 13' },
        },
      ],
    });
    const kinds = dataMapWarnings(map, {}).map((line) => [line.slice(0, line.indexOf(':')), warningKind(line)]);
    expect(kinds).toEqual(
      expect.arrayContaining([
        ['ledger.retention', 'retention'],
        ['ledger.portable', 'portable'],
        ['ledger.recipients', 'recipients'],
        ['ledger.purposes[0]', 'translation'],
        ['ledger.connection.clientSecretEnv', 'secret'],
      ]),
    );
    expect(kinds.every(([, kind]) => kind !== 'other')).toBe(true);
    expect(warningKind('ledger.something: a new kind of warning')).toBe('other');
  });
});
