import type { CaseEntity } from '../../cases/case.entity';
import type { Language } from '../../common/case-types';
import type { ComposedMail } from '../../notifications/mail-composer.registry';
import type { ControllerInfo } from '../../systems/data-map.schema';
import { textIn, type LocalizedText } from '../../systems/localized-text';
import { dayInWords } from '../../common/request-type-words';
import { RIGHTS } from '../copy/rights-copy';
import { renderLetter, type LetterBlock } from '../letters/compose-letter';
import { LETTER_COPY } from '../letters/letter-copy';

export interface LiftingNoticeFacts {
  language: Language;
  reference: string;
  reason: string;
  liftOn: string;
  systems: string[];
  statusUrl: string;
  controller: ControllerInfo;
}

const COPY = {
  nb: {
    subject: (ref: string) => `Begrensningen av behandlingen oppheves (${ref})`,
    lead: (day: string, systems: string) =>
      `Vi opphever begrensningen av behandlingen av opplysningene om deg i ${systems}, tidligst ${day}. Vi gir deg beskjed før begrensningen oppheves, slik personvernforordningen art. 18(3) krever.`,
    reasons: 'Begrunnelse:',
    object: (day: string) =>
      `Er du uenig, kan du svare på denne e-posten eller skrive til oss før ${day}. Da opphever vi ikke begrensningen mens vi vurderer innsigelsen din.`,
    after:
      'Etter dette behandler vi opplysningene igjen slik personvernerklæringen vår beskriver. Er du uenig, kan du be om begrensning på nytt eller protestere mot behandlingen (art. 21).',
    status: (url: string) => `Du kan se saken din på statussiden: ${url}`,
  },
  en: {
    subject: (ref: string) => `The restriction of processing will be lifted (${ref})`,
    lead: (day: string, systems: string) =>
      `We will lift the restriction of the processing of your data in ${systems}, at the earliest on ${day}. We are telling you before it is lifted, as GDPR Art 18(3) requires.`,
    reasons: 'Reasons:',
    object: (day: string) =>
      `If you disagree, reply to this e-mail or write to us before ${day}. We will not lift the restriction while we consider your objection.`,
    after:
      'After that we process the data again as our privacy notice describes. If you disagree, you may ask for the restriction again or object to the processing (Art 21).',
    status: (url: string) => `You can see your request on its status page: ${url}`,
  },
} as const;

/** The notice before a restriction is lifted (Art 18(3)): why, from when, where, and the remedies. */
export function liftingNotice(facts: LiftingNoticeFacts) {
  const copy = COPY[facts.language];
  const letter = LETTER_COPY[facts.language];
  const rights = RIGHTS[facts.language];
  const blocks: LetterBlock[] = [
    { text: letter.greeting },
    { text: copy.lead(dayInWords(facts.liftOn, facts.language), facts.systems.join(', ')) },
    { text: copy.reasons, items: [facts.reason] },
    { text: copy.object(dayInWords(facts.liftOn, facts.language)) },
    { text: copy.after },
    { text: copy.status(facts.statusUrl) },
    { text: rights.heading, items: [...rights.rights, rights.complaint, rights.court] },
    { text: letter.questions(facts.controller.email) },
    { text: letter.closing(facts.controller.name) },
  ];
  // Rendered like every other letter; its own kind keeps it apart from the restriction answer.
  return { ...renderLetter({ kind: 'restriction', subject: copy.subject(facts.reference), blocks }, facts.language), kind: 'restriction-lifting' };
}

const OWNER_TASK = {
  nb: {
    subject: (system: string, reference: string) => `Opphev begrensning: ${system} (${reference})`,
    task: (system: string, reference: string, url: string) =>
      `Oppgave: opphev begrensningen av behandlingen i ${system} for personen i sak ${reference}, og registrer det i saken: ${url}`,
    person: 'Personen',
  },
  en: {
    subject: (system: string, reference: string) => `Lift restriction: ${system} (${reference})`,
    task: (system: string, reference: string, url: string) =>
      `Task: lift the restriction of processing in ${system} for the person in case ${reference}, and record it on the case: ${url}`,
    person: 'The person',
  },
} as const;

/** The system owner's task when the connector cannot lift a restriction itself (a whole-record flag):
 *  in the owner's language (their account's setting, else nb), naming the person by the identifiers
 *  the system holds. */
export function ownerLiftTask(
  entity: Pick<CaseEntity, 'id' | 'reference' | 'subjectName' | 'subjectEmail' | 'subjectPhone' | 'subjectCustomerNumber'>,
  system: { name: string; owner: string; texts: { name: LocalizedText } },
  caseUrl: string,
  language: Language,
): ComposedMail {
  const words = OWNER_TASK[language];
  const identifiers = [entity.subjectName, entity.subjectEmail, entity.subjectPhone, entity.subjectCustomerNumber].filter(Boolean).join(', ');
  const text = [words.task(textIn(system.texts.name, language), entity.reference, caseUrl), `${words.person}: ${identifiers}`].join('\n');
  return {
    to: system.owner,
    caseId: entity.id,
    subject: words.subject(textIn(system.texts.name, language), entity.reference),
    text: `${text}\n`,
    html: `<!doctype html><html lang="${language}"><head><meta charset="utf-8"></head><body><p>${escape(text).replace(/\n/g, '<br>')}</p></body></html>`,
  };
}

const escape = (value: string) =>
  value.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] as string);
