import { humanDate } from '../../common/human-date';
import type { CaseEntity } from '../../cases/case.entity';
import type { Language } from '../../common/case-types';
import { humanDuration } from '../../common/human-duration';
import { dayInWords, REQUEST_TYPE_NAMES } from '../../common/request-type-words';
import type { CaseIdentifierEntity } from '../../identity/case-identifier.entity';
import { isEstablished } from '../../identity/identity-types';
import type { ComposedMail } from '../../notifications/mail-composer.registry';
import type { SystemEntry } from '../../systems/data-map.schema';
import { textIn } from '../../systems/localized-text';
import { IDENTIFIER_KIND_WORDS } from './identifier-words';
import type { CasePreservationEntity } from './preservation.entity';

/** The owner's preservation e-mails, in the owner's language (their staff account's setting, nb for
 *  an address without an account). Dates, the routine's period in words and the person's identifiers only. */

type Row = Pick<CasePreservationEntity, 'periodFrom' | 'periodTo' | 'deletionOn' | 'retentionPeriod'>;

const WORDS = {
  nb: {
    preserveNow: 'BEVAR NÅ',
    received: (ref: string, type: string, on: string, due: string) => `${ref} (${type}) kom inn ${on} og har frist ${due}.`,
    routine: (system: string, period: string, from: string, to: string, first: string) =>
      `«${system}» sletter eller overskriver opplysninger etter ${period}. Ta straks vare på opptak og opplysninger om personen fra og med ${from} til og med ${to}. De første av dem slettes ${first}.`,
    earlierGone: (before: string) => `Det som er fra før ${before}, er allerede slettet etter rutinen.`,
    keep: 'Hold dem utenfor rutinemessig sletting til du får beskjed om at saken er avsluttet. Ikke utlever eller endre noe: henvendelsen er ikke bekreftet ennå.',
    person: 'Personen (bare for å bevare):',
    none: '  (ingen)',
    claimed: ' (oppgitt, ikke bekreftet)',
    case: 'Sak',
    ended: (ref: string, on: string, from: string, to: string, system: string) =>
      `Sak ${ref} ble avsluttet ${on}. Opplysningene om personen fra ${from} til ${to} i «${system}» trenger ikke lenger holdes utenfor rutinemessig sletting for denne saken; bevaringen kan avsluttes.`,
    endedSubject: 'Bevaring kan avsluttes',
  },
  en: {
    preserveNow: 'PRESERVE NOW',
    received: (ref: string, type: string, on: string, due: string) => `${ref} (${type}) was received on ${on}; its deadline is ${due}.`,
    routine: (system: string, period: string, from: string, to: string, first: string) =>
      `"${system}" deletes or overwrites data after ${period}. Preserve the recordings and records about the person from ${from} to ${to} inclusive at once. The first of them is deleted on ${first}.`,
    earlierGone: (before: string) => `What is from before ${before} has already been deleted by the routine.`,
    keep: 'Keep them out of routine deletion until you are told the case has closed. Disclose or change nothing: the request is not verified yet.',
    person: 'The person (to preserve only):',
    none: '  (none)',
    claimed: ' (claimed, not verified)',
    case: 'Case',
    ended: (ref: string, on: string, from: string, to: string, system: string) =>
      `Case ${ref} closed on ${on}. The records about the person from ${from} to ${to} in "${system}" need no longer be kept out of routine deletion for this case; the preservation may end.`,
    endedSubject: 'Preservation may end',
  },
};

/** Before verification most identifiers are only claimed. Keeping records longer discloses nothing,
 *  so the owner gets them all, each marked, with the warning that they are for keeping only. */
function identifierLines(identifiers: Array<Pick<CaseIdentifierEntity, 'kind' | 'given' | 'basis'>>, language: Language): string[] {
  if (!identifiers.length) return [WORDS[language].none];
  return identifiers.map(
    (identifier) =>
      `  ${IDENTIFIER_KIND_WORDS[language][identifier.kind] ?? identifier.kind}: ${identifier.given}${isEstablished(identifier.basis) ? '' : WORDS[language].claimed}`,
  );
}

export function composePreservationRequest(
  entity: CaseEntity,
  system: SystemEntry,
  row: Row,
  identifiers: Array<Pick<CaseIdentifierEntity, 'kind' | 'given' | 'basis'>>,
  earlierGoneBefore: string | null,
  language: Language,
): ComposedMail {
  const words = WORDS[language];
  const day = (iso: string) => dayInWords(iso, language);
  const text = [
    `${words.preserveNow}: ${words.case} ${words.received(entity.reference, REQUEST_TYPE_NAMES[language][entity.type], day(entity.receivedOn), day(entity.effectiveDue))}`,
    words.routine(
      textIn(system.texts.name, language),
      humanDuration(row.retentionPeriod, language),
      day(row.periodFrom),
      day(row.periodTo),
      day(row.deletionOn),
    ),
    ...(earlierGoneBefore ? [words.earlierGone(day(earlierGoneBefore))] : []),
    words.keep,
    '',
    words.person,
    ...identifierLines(identifiers, language),
  ].join('\n');
  return {
    to: system.owner,
    caseId: entity.id,
    subject: `[${entity.reference}] ${words.preserveNow}: ${textIn(system.texts.name, language)} ${humanDate(row.periodFrom, language)}–${humanDate(row.periodTo, language)}`,
    text,
  };
}

export function composePreservationEnded(entity: CaseEntity, system: SystemEntry, row: Row, closedOn: string, language: Language): ComposedMail {
  const words = WORDS[language];
  const day = (iso: string) => dayInWords(iso, language);
  return {
    to: system.owner,
    caseId: entity.id,
    subject: `[${entity.reference}] ${words.endedSubject}: ${textIn(system.texts.name, language)}`,
    text: words.ended(entity.reference, day(closedOn), day(row.periodFrom), day(row.periodTo), textIn(system.texts.name, language)),
  };
}
