import { humanDate } from '../../common/human-date';
import type { SummaryText } from '../connector';
import { joinedTexts } from '../outcome-summary';

/**
 * The sql connector's summaries staff read on the case page, in each staff language. System ids,
 * table names, row refs and column names are the data map's and the database's own, as they are.
 */
export const SQL_SUMMARIES = {
  stopMarketingByHand: (system: string): SummaryText => ({
    en: `In ${system}, stop all marketing to the person's records in the way your company does it, then record the outcome.`,
    nb: `I ${system}: stopp all markedsføring til den registrertes oppføringer slik virksomheten gjør det, og registrer deretter utfallet.`,
  }),
  restrictByHand: (system: string): SummaryText => ({
    en: `In ${system}, restrict processing of the person's records in the way your company does it (no table names restriction columns in the data map), then record the outcome.`,
    nb: `I ${system}: begrens behandlingen av den registrertes oppføringer slik virksomheten gjør det (ingen tabell i datakartet oppgir begrensningskolonner), og registrer deretter utfallet.`,
  }),
  holdEnded: (system: string, rows: readonly string[]): SummaryText => ({
    en: `Hold ended; deleted in ${system}: ${rows.join(', ')}.`,
    nb: `Oppbevaringsplikten er over; slettet i ${system}: ${rows.join(', ')}.`,
  }),
  noRow: (system: string): SummaryText => ({
    en: `No row in the tables listed for ${system} matches the subject.`,
    nb: `Ingen rad i tabellene som er oppført for ${system}, samsvarer med den registrerte.`,
  }),
};

/** One thing done or left for a row, as an item of the run's summary. */
export const SQL_STEPS = {
  anonymised: (ref: string): SummaryText => ({ en: `${ref} anonymised`, nb: `${ref} anonymisert` }),
  deleted: (ref: string): SummaryText => ({ en: `${ref} deleted`, nb: `${ref} slettet` }),
  kept: (ref: string, until: string | undefined): SummaryText => ({
    en: `${ref} kept${until ? ` until ${humanDate(until, 'en')}` : ''}`,
    nb: `${ref} beholdt${until ? ` til ${humanDate(until, 'nb')}` : ''}`,
  }),
  restrictByHand: (ref: string, table: string): SummaryText => ({
    en: `restrict ${ref} (${table}) in the way your company does it`,
    nb: `begrens ${ref} (${table}) slik virksomheten gjør det`,
  }),
  restricted: (ref: string): SummaryText => ({ en: `${ref} restricted`, nb: `${ref} begrenset` }),
  corrected: (ref: string, columns: readonly string[]): SummaryText => ({
    en: `${ref} corrected (${columns.join(', ')})`,
    nb: `${ref} rettet (${columns.join(', ')})`,
  }),
};

/** The whole run: what was done, what was gone, what a person must do. */
export function sqlRunSummary(system: string, done: readonly SummaryText[], gone: readonly string[], left: readonly SummaryText[]): SummaryText {
  const list = (items: readonly SummaryText[], language: 'en' | 'nb') => items.map((item) => item[language]).join('; ');
  return {
    en: [
      done.length ? `Done in ${system}: ${list(done, 'en')}.` : `Nothing to change in ${system}.`,
      ...(gone.length ? [`Not in ${system} any more (nothing done): ${gone.join(', ')}.`] : []),
      ...(left.length ? [`A person must: ${list(left, 'en')}.`] : []),
    ].join(' '),
    nb: [
      done.length ? `Utført i ${system}: ${list(done, 'nb')}.` : `Ingenting å endre i ${system}.`,
      ...(gone.length ? [`Finnes ikke lenger i ${system} (ingenting gjort): ${gone.join(', ')}.`] : []),
      ...(left.length ? [`En person må: ${list(left, 'nb')}.`] : []),
    ].join(' '),
  };
}

/**
 * What the name check found wrong in the data map, in each staff language. The table, the column
 * and the setting stay as the data map and the database write them: they are what the operator
 * looks for and edits.
 */
export const SQL_NAME_FINDINGS = {
  noTable: (table: string, setting: string): SummaryText => ({
    en: `table "${table}" (${setting}) is not in the database`,
    nb: `tabellen «${table}» (${setting}) finnes ikke i databasen`,
  }),
  noColumn: (table: string, column: string, setting: string): SummaryText => ({
    en: `table "${table}" has no column "${column}" (${setting})`,
    nb: `tabellen «${table}» har ingen kolonne «${column}» (${setting})`,
  }),
  /** The error a task stops with, every finding in it. */
  stopped: (systemId: string, findings: readonly SummaryText[]): SummaryText => {
    const joined = joinedTexts(findings, '; ');
    return { en: `system "${systemId}": ${joined.en}`, nb: `systemet «${systemId}»: ${joined.nb}` };
  },
};
