import type { SummaryText } from '../connector';
import { joinedTexts } from '../outcome-summary';

/**
 * What the schema check found wrong in the data map, in each staff language. The setting, the
 * table, field and type names and the routine's name stay as the data map and Business NXT write
 * them: they are what the operator looks for and edits.
 */
export const VISMA_SCHEMA_FINDINGS = {
  noTable: (setting: string, table: string, companyNo: number): SummaryText => ({
    en: `${setting}: "${table}" is not a table in the Business NXT schema of company ${companyNo}`,
    nb: `${setting}: «${table}» er ikke en tabell i Business NXT-skjemaet til firma ${companyNo}`,
  }),
  unreadableFields: (setting: string, table: string): SummaryText => ({
    en: `${setting}: the fields of table "${table}" could not be read from the schema`,
    nb: `${setting}: feltene i tabellen «${table}» kunne ikke leses fra skjemaet`,
  }),
  noField: (setting: string, field: string, type: string): SummaryText => ({
    en: `${setting}: "${field}" is not a field of ${type}`,
    nb: `${setting}: «${field}» er ikke et felt i ${type}`,
  }),
  noRoutine: (routine: string): SummaryText => ({
    en:
      `connection.deletionRoutine: "${routine}" is not a processing of the associate table (associate_processings); ` +
      `name the routine "Slett kunde-/leverandørdata" as this company's schema has it, or set connection.deletion: direct`,
    nb:
      `connection.deletionRoutine: «${routine}» er ikke en prosessering på aktørtabellen (associate_processings); ` +
      `gi rutinen navnet «Slett kunde-/leverandørdata» slik skjemaet til dette firmaet har den, eller sett connection.deletion: direct`,
  }),
  /** The error every task of the system stops with, every finding in it. */
  stopped: (systemId: string, findings: readonly SummaryText[]): SummaryText => {
    const joined = joinedTexts(findings, '; ');
    return {
      en: `Visma system "${systemId}" is stopped until its data map is corrected (nothing was read or changed): ${joined.en}`,
      nb: `Visma-systemet «${systemId}» er stoppet til datakartet er rettet (ingenting ble lest eller endret): ${joined.nb}`,
    };
  },
};
