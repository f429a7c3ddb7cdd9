import type { Language } from '../../common/case-types';
import { phrase } from '../../common/dispositions/keep-words';
import type { SummaryText } from '../connector';

/**
 * A surveyed record's label and note in each staff language (`labelText`, `noteText`) with the
 * English `label`/`note` the REST API and stored rows keep. `plain` is that English where it
 * differs from the text's: there dates stay YYYY-MM-DD and field names as the data map writes them.
 */
export function labelled(text: SummaryText, plain = text.en): { label: string; labelText: SummaryText } {
  return { label: plain, labelText: text };
}

export function noted(text: SummaryText, plain = text.en): { note: string; noteText: SummaryText } {
  return { note: plain, noteText: text };
}

/** The engine's own words in a keep decision that the letters' phrases (outcome-words.ts) do not
 *  cover: the rule from an entry's date, a length in months, a claim, a criterion. */
const KEEP_WORDS_NB: ReadonlyArray<[RegExp, string]> = [
  [/after the end of the financial year\)/g, 'etter regnskapsårets slutt)'],
  [/after the date of the entry\)/g, 'etter bilagsdatoen)'],
  [/\((\d+½?) years?\b/g, '($1 år'],
  [/\((\d+) months?\b/g, '($1 mnd.'],
  [/ år and (\d+) months?\b/g, ' år og $1 mnd.'],
  [/^open balance in the customer ledger$/, 'åpen saldo i kundereskontroen'],
  [/^until the balance is settled$/, 'til saldoen er gjort opp'],
  [/^until the reason to keep it has ended$/, 'til grunnen til å beholde den er borte'],
  [/^as long as (.+) requires$/, 'så lenge $1 krever det'],
];

/** A keep decision's law ("bokføringsloven § 13 (5 years after the end of the financial year)"),
 *  claim, criterion or use in `language`; a handler's own words stay as written. */
export function keepWordsIn(text: string, language: Language): string {
  if (language === 'en') return text;
  return KEEP_WORDS_NB.reduce((words, [english, norwegian]) => words.replace(english, norwegian), phrase(text, language));
}
