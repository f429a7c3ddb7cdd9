import { textIn } from '../../systems/localized-text';
import type { CaseEntity } from '../../cases/case.entity';
import type { Language } from '../../common/case-types';
import { dayInWords } from '../../common/request-type-words';
import type { ComposedMail } from '../../notifications/mail-composer.registry';
import type { SystemEntry } from '../../systems/data-map.schema';
import { identifierLines, type PersonIdentifiers } from '../manual/task-mail';

/** Why the end of a hold needs a person, as the expiry recorded it. */
export type HoldEndedWhy = 'system_gone' | 'manual_system' | 'no_match' | 'not_found' | 'retained' | 'failed' | 'manual';

const WORDS = {
  nb: {
    subject: (system: string) => `Slett etter oppbevaringsplikt: ${system}`,
    ended: (records: string, system: string, reference: string, until: string, basis: string) =>
      `Oppbevaringsplikten for «${records}» i «${system}» (sak ${reference}) gikk ut ${until} (${basis}).`,
    mustGo: 'Opplysningene skal nå slettes eller anonymiseres, men det kunne ikke gjøres automatisk:',
    why: {
      system_gone: 'systemet står ikke lenger i datakartet.',
      manual_system: 'systemet har ingen kobling, så eieren sletter selv.',
      no_match: 'ingen oppføring i systemet er lenger knyttet til personen i saken.',
      not_found: 'systemet fant ikke oppføringene; oppslagsnøklene ble fjernet da oppbevaringen begynte.',
      retained: 'systemet beholder fortsatt opplysningene etter sine egne regler.',
      failed: 'slettingen i systemet mislyktes.',
      manual: 'systemet krever at en person gjør det ferdig.',
    } satisfies Record<HoldEndedWhy, string>,
    person: 'Personen:',
  },
  en: {
    subject: (system: string) => `Erase after legal hold: ${system}`,
    ended: (records: string, system: string, reference: string, until: string, basis: string) =>
      `The legal hold on "${records}" in "${system}" (case ${reference}) ended on ${until} (${basis}).`,
    mustGo: 'The data must now be erased or anonymised, which could not be done automatically:',
    why: {
      system_gone: 'the system is no longer in the data map.',
      manual_system: 'the system has no connector, so its owner erases the data.',
      no_match: 'no record in the system is matched to the person of the case any more.',
      not_found: 'the system did not find the records; their lookup keys were removed when the hold began.',
      retained: 'the system still keeps the data under its own rules.',
      failed: 'the erasure in the system failed.',
      manual: 'the system needs a person to finish it.',
    } satisfies Record<HoldEndedWhy, string>,
    person: 'The person:',
  },
};

/** To the system's owner, in their language (their account's setting, else nb): a legal hold ended
 *  and what it kept must go, which the engine could not do itself, and why (as the expiry recorded it). */
export function composeHoldEnded(
  entity: CaseEntity,
  people: PersonIdentifiers,
  system: SystemEntry,
  hold: { records: string; basis: string; until: string },
  why: HoldEndedWhy,
  language: Language,
): ComposedMail {
  const words = WORDS[language];
  const text = [
    words.ended(hold.records, textIn(system.texts.name, language), entity.reference, dayInWords(hold.until, language), hold.basis),
    words.mustGo,
    `  ${words.why[why]}`,
    '',
    words.person,
    ...identifierLines(people, language),
  ].join('\n');
  return { to: system.owner, caseId: entity.id, subject: `[${entity.reference}] ${words.subject(textIn(system.texts.name, language))}`, text };
}
