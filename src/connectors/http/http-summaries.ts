import type { Language } from '../../common/case-types';
import type { SummaryText } from '../connector';
import { counted, fieldsIn } from '../outcome-summary';

/** The http connector's fixed summaries staff read on the case page, in each staff language. */
export const HTTP_SUMMARIES = {
  nothingToErase: { en: 'No record matched the subject; nothing to erase', nb: 'Ingen oppføring samsvarte med den registrerte; ingenting å slette' },
  nothingToRectify: { en: 'No record matched the subject; nothing to rectify', nb: 'Ingen oppføring samsvarte med den registrerte; ingenting å rette' },
  nothingToRestrict: { en: 'No record matched the subject; nothing to restrict', nb: 'Ingen oppføring samsvarte med den registrerte; ingenting å begrense' },
  goneBeforeRestricted: { en: 'The records were gone before they could be restricted', nb: 'Oppføringene var borte før de kunne begrenses' },
} satisfies Record<string, SummaryText>;

const records = (count: number, language: Language) => (language === 'nb' ? counted(count, 'oppføring', 'oppføringer') : counted(count, 'record', 'records'));

/** The sentence naming the changed fields the data map has no request for ('' when none). */
const noRequestFor = (fields: readonly string[], language: Language) =>
  fields.length
    ? language === 'nb'
      ? ` Datakartet har ingen retteforespørsel for: ${fieldsIn(fields, 'nb')}.`
      : ` The data map gives no rectify request for: ${fieldsIn(fields, 'en')}.`
    : '';

/** Summaries built from counts, fields and the data map's record kinds (its own names, as they are). */
export const HTTP_OUTCOMES = {
  /** `records` are the data map's own words for what is held. */
  legalHolds: (held: readonly string[]): SummaryText => ({
    en: `The data map lists legal holds for this system (${held.join('; ')}); decide in the system what must be kept before erasing`,
    nb: `Datakartet oppgir oppbevaringsplikt for dette systemet (${held.join('; ')}); avgjør i systemet hva som må beholdes før sletting`,
  }),
  noEraseRequest: (found: number, kinds: readonly string[]): SummaryText => ({
    en: `Found ${records(found, 'en')}; the data map gives no erase request for ${kinds.join(', ')}, so erase them in the system`,
    nb: `Fant ${records(found, 'nb')}; datakartet har ingen sletteforespørsel for ${kinds.join(', ')}, så slett dem i systemet`,
  }),
  erased: (perKind: Record<string, number>, gone: number): SummaryText => {
    const count = Object.values(perKind).reduce((sum, next) => sum + next, 0);
    const kinds = Object.entries(perKind)
      .map(([kind, n]) => `${n} ${kind}`)
      .join(', ');
    return {
      en: `Erased ${records(count, 'en')} (${kinds})${gone ? `; ${gone} were already gone` : ''}`,
      nb: `Slettet ${records(count, 'nb')} (${kinds})${gone ? `; ${gone} var allerede borte` : ''}`,
    };
  },
  noFieldChangeable: (unmapped: readonly string[]): SummaryText => ({
    en: `None of the changed fields can be changed through the API.${noRequestFor(unmapped, 'en')}`,
    nb: `Ingen av de endrede feltene kan endres gjennom API-et.${noRequestFor(unmapped, 'nb')}`,
  }),
  upToDate: (fields: readonly string[], unmapped: readonly string[]): SummaryText => ({
    en: `Already up to date${fields.length ? ` (${fieldsIn(fields, 'en')})` : ''}.${noRequestFor(unmapped, 'en')}`,
    nb: `Allerede oppdatert${fields.length ? ` (${fieldsIn(fields, 'nb')})` : ''}.${noRequestFor(unmapped, 'nb')}`,
  }),
  changed: (fields: readonly string[], count: number, unmapped: readonly string[]): SummaryText => ({
    en: `Changed ${fieldsIn(fields, 'en')} on ${records(count, 'en')}.${noRequestFor(unmapped, 'en')}`,
    nb: `Endret ${fieldsIn(fields, 'nb')} på ${records(count, 'nb')}.${noRequestFor(unmapped, 'nb')}`,
  }),
  noRestrictRequest: (scope: 'marketing' | 'processing', kinds: readonly string[]): SummaryText => ({
    en: `The data map gives no ${scope === 'marketing' ? 'stopMarketing' : 'restrict'} request for ${kinds.join(', ')}; do it in the system`,
    nb: `Datakartet har ingen ${scope === 'marketing' ? 'stopMarketing' : 'restrict'}-forespørsel for ${kinds.join(', ')}; gjør det i systemet`,
  }),
  restricted: (scope: 'marketing' | 'processing', count: number, contested: readonly string[]): SummaryText => ({
    en:
      `${scope === 'marketing' ? 'Marketing stopped' : 'Processing restricted'} on ${records(count, 'en')}` +
      (contested.length ? ` (contested: ${fieldsIn(contested, 'en')}; the whole record is restricted)` : ''),
    nb:
      `${scope === 'marketing' ? 'Markedsføringen stoppet' : 'Behandlingen begrenset'} for ${records(count, 'nb')}` +
      (contested.length ? ` (bestridt: ${fieldsIn(contested, 'nb')}; hele oppføringen er begrenset)` : ''),
  }),
};
