import { textIn } from '../../systems/localized-text';
import type { CaseEntity } from '../../cases/case.entity';
import type { Language } from '../../common/case-types';
import { dayInWords, REQUEST_TYPE_WORDS } from '../../common/request-type-words';
import type { CaseIdentifierEntity } from '../../identity/case-identifier.entity';
import { isEstablished } from '../../identity/identity-types';
import type { ComposedMail } from '../../notifications/mail-composer.registry';
import type { SystemEntry } from '../../systems/data-map.schema';
import type { ProcessorController } from '../../systems/processor-controllers';
import { changesFrom } from '../fanout/fanout-plan';
import { IDENTIFIER_KIND_WORDS } from './identifier-words';

const WORDS = {
  nb: {
    subject: (type: string) => `Videresendt personvernhenvendelse: ${type}`,
    to: (name: string) => `Til ${name}:`,
    received: (system: string) =>
      `Vi har mottatt en henvendelse om personvernrettigheter som kan gjelde opplysninger vi behandler på deres vegne i «${system}» (databehandleravtale, GDPR art. 28). Dere er behandlingsansvarlig og avgjør henvendelsen.`,
    nothingDone: 'Vi har ikke søkt i, utlevert, endret eller slettet noe, og gjør det bare etter instruks fra dere.',
    type: 'Type henvendelse',
    receivedOn: 'Mottatt',
    yourDeadline: (day: string) => `Deres frist for å svare personen: ${day} (én måned fra mottak, GDPR art. 12(3))`,
    reference: 'Vår referanse',
    personWords: {
      text: 'Personens egne ord',
      field: 'Hva som er feil',
      correctedValue: 'Hva det skal være',
      processing: 'Behandling det protesteres mot',
      grounds: 'Begrunnelse',
    },
    noWords: '(personen skrev ingen egen tekst)',
    corrections: 'Rettelser:',
    identifiers: 'Identifikatorer personen oppga:',
    noIdentifiers: '  (ingen oppgitt)',
    established: 'bekreftet',
    notVerified: 'ikke bekreftet av oss',
  },
  en: {
    subject: (type: string) => `Forwarded data subject request: ${type}`,
    to: (name: string) => `To ${name}:`,
    received: (system: string) =>
      `We received a data subject request that may concern data we process on your behalf in "${system}" (data processing agreement, GDPR Art 28). You are the controller and decide on it.`,
    nothingDone: 'We have not searched, disclosed, changed or deleted anything, and will only do so on your instructions.',
    type: 'Type of request',
    receivedOn: 'Received',
    yourDeadline: (day: string) => `Your deadline to answer the person: ${day} (one month from receipt, GDPR Art 12(3))`,
    reference: 'Our reference',
    personWords: {
      text: "The person's own words",
      field: 'What is wrong',
      correctedValue: 'What it should be',
      processing: 'Processing objected to',
      grounds: 'Grounds',
    },
    noWords: '(the person wrote no text of their own)',
    corrections: 'Corrections:',
    identifiers: 'Identifiers the person gave:',
    noIdentifiers: '  (none given)',
    established: 'established',
    notVerified: 'not verified by us',
  },
};

type Words = (typeof WORDS)['nb'];

/** What the person wrote, as they wrote it: free text and the fields of their request. */
function personWords(details: Record<string, unknown>, words: Words): string[] {
  const lines = (Object.keys(words.personWords) as Array<keyof Words['personWords']>)
    .filter((key) => typeof details[key] === 'string' && details[key] !== '')
    .flatMap((key) => [
      `${words.personWords[key]}:`,
      ...String(details[key])
        .split(/\r?\n/)
        .map((line) => `  ${line}`),
    ]);
  return lines.length ? lines : [words.noWords];
}

/** Every identifier the requester gave, each marked with whether we established it; at receipt
 *  none is, and the controller must check them itself. */
function givenIdentifiers(rows: Array<Pick<CaseIdentifierEntity, 'kind' | 'given' | 'basis'>>, words: Words, language: Language): string[] {
  if (!rows.length) return [words.noIdentifiers];
  return rows.map(
    (row) => `  ${IDENTIFIER_KIND_WORDS[language][row.kind] ?? row.kind}: ${row.given} – ${isEstablished(row.basis) ? words.established : words.notVerified}`,
  );
}

/**
 * The request as a processor passes it to its controller (Art 28(3)(e)): the person's own words,
 * the request type, the identifiers given, the day received and the controller's own deadline
 * counted from it. We decide nothing: nothing is searched, disclosed, changed or deleted by us.
 * In the controller's language from the data map (`language`, else nb: the company's own).
 */
export function composeForward(
  entity: CaseEntity,
  identifiersGiven: Array<Pick<CaseIdentifierEntity, 'kind' | 'given' | 'basis'>>,
  system: SystemEntry,
  to: ProcessorController,
  us: { name: string; email: string },
): ComposedMail {
  const language: Language = to.language ?? 'nb';
  const words = WORDS[language];
  const type = REQUEST_TYPE_WORDS[language][entity.type].label;
  const text = [
    words.to(to.name),
    words.received(textIn(system.texts.name, language)),
    words.nothingDone,
    '',
    `${words.type}: ${type}`,
    `${words.receivedOn}: ${dayInWords(entity.receivedOn, language)}`,
    words.yourDeadline(dayInWords(entity.statutoryDue, language)),
    `${words.reference}: ${entity.reference}`,
    '',
    ...personWords(entity.details, words),
    ...(entity.type === 'rectification' && entity.details.changes
      ? [words.corrections, ...Object.entries(changesFrom(entity.details)).map(([field, value]) => `  ${field} → ${value}`)]
      : []),
    '',
    words.identifiers,
    ...givenIdentifiers(identifiersGiven, words, language),
    '',
    `${us.name}, ${us.email}`,
  ].join('\n');
  return { to: to.contact, caseId: entity.id, subject: `[${entity.reference}] ${words.subject(type)}`, text };
}
