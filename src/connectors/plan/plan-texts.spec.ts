import { keepWordsIn } from './plan-texts';

describe('a keep decision in the reader’s language', () => {
  it('translates the rule the engine writes after the law; the law’s name stays as the data map gives it', () => {
    const law = 'bokføringsloven § 13 (3½ years after the date of the entry)';
    expect(keepWordsIn(law, 'nb')).toBe('bokføringsloven § 13 (3½ år etter bilagsdatoen)');
    expect(keepWordsIn(law, 'en')).toBe(law);
    expect(keepWordsIn('skatteforvaltningsloven (1 year and 3 months after the end of the financial year)', 'nb')).toBe(
      'skatteforvaltningsloven (1 år og 3 mnd. etter regnskapsårets slutt)',
    );
  });

  it('translates the engine’s claims, criteria and uses; a handler’s own words stay as written', () => {
    expect(keepWordsIn('open balance in the customer ledger', 'nb')).toBe('åpen saldo i kundereskontroen');
    expect(keepWordsIn('until the balance is settled', 'nb')).toBe('til saldoen er gjort opp');
    expect(keepWordsIn('as long as arkivloven requires', 'nb')).toBe('så lenge arkivloven krever det');
    expect(keepWordsIn('bookkeeping, audit and tax control', 'nb')).toBe('regnskap, revisjon og skattekontroll');
    expect(keepWordsIn('tvist om faktura 1042', 'nb')).toBe('tvist om faktura 1042');
  });
});
