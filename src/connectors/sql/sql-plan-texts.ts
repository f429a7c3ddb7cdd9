import { humanDate } from '../../common/human-date';
import type { SummaryText } from '../connector';
import { joinedTexts, textIn } from '../outcome-summary';
import { isoDate, type FoundRow } from './sql-records';
import { tableLabel } from './sql-settings';

/** A found row's label in each staff language: the table's label from the data map, the row's key
 *  and, for a kept table, its date as people read it (labelOf keeps the English with YYYY-MM-DD). */
export function labelTextOf(found: FoundRow): SummaryText {
  const date = found.table.keep?.dateColumn ? isoDate(found.row[found.table.keep.dateColumn]) : undefined;
  return textIn((language) => `${tableLabel(found.table)} ${String(found.keyValue)}${date ? ` · ${humanDate(date, language)}` : ''}`);
}

/** Plan notes for sql systems in each staff language; column names are the database's own. */
export const SQL_PLAN = {
  anonymised: (columns: readonly string[]): SummaryText => ({
    en: `anonymised: ${columns.join(', ')} overwritten; the row stays`,
    nb: `anonymiseres: ${columns.join(', ')} overskrives; raden blir stående`,
  }),
  deleted: { en: 'the row is deleted', nb: 'raden slettes' },
  /** A hold's note (hold-prefill.ts) when its limit has passed. */
  pastHold: (hold: SummaryText): SummaryText => joinedTexts([hold, { en: '(the row is deleted)', nb: '(raden slettes)' }], ' '),
  noRestrictColumns: {
    en: 'no restriction columns named for this table in the data map',
    nb: 'datakartet angir ingen begrensningskolonner for denne tabellen',
  },
  noFieldsToCorrect: { en: 'this table holds none of the fields to correct', nb: 'tabellen har ingen av feltene som skal rettes' },
};
