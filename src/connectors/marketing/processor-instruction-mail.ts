import type { CaseEntity } from '../../cases/case.entity';
import type { Language } from '../../common/case-types';
import type { ComposedMail } from '../../notifications/mail-composer.registry';
import type { MarketingProcessor, SystemEntry } from '../../systems/data-map.schema';
import { textIn } from '../../systems/localized-text';
import { identifierLines, type PersonIdentifiers } from '../manual/task-mail';

const WORDS = {
  nb: {
    subject: 'Instruks: stans markedsføring',
    to: (name: string) => `Til ${name}:`,
    instruction: (system: string) =>
      `Personen under har protestert mot direkte markedsføring (personvernforordningen art. 21(2) og (3)). Som behandlingsansvarlig instruerer vi dere om å slutte å bruke opplysningene om personen til markedsføring for oss, i alle kanaler, straks. Dette gjelder opplysningene dere behandler for oss fra «${system}».`,
    keep: 'Behold bare det som trengs for at personen ikke skal få markedsføring igjen (en sperreoppføring). Bekreft til oss når det er gjort.',
    person: 'Personen:',
    reference: (reference: string) => `Vår referanse: ${reference}.`,
  },
  en: {
    subject: 'Instruction: stop marketing',
    to: (name: string) => `To ${name}:`,
    instruction: (system: string) =>
      `The person below has objected to direct marketing (GDPR Art 21(2) and (3)). As the controller we instruct you to stop using the person's data for marketing on our behalf, on every channel, at once. This concerns the data you process for us from "${system}".`,
    keep: 'Keep only what is needed so that the person is not marketed to again (a suppression entry). Please confirm to us when it is done.',
    person: 'The person:',
    reference: (reference: string) => `Our reference: ${reference}.`,
  },
};

/**
 * The instruction to a company that processes a system's data for our marketing (Art 28(3)(a): a
 * processor acts on the controller's documented instructions), in the processor's language from
 * the data map (`language`, else nb: the company's own). It carries only what the processor needs
 * to find the person: the established identifiers, never the person's own words or anything else
 * about the case.
 */
export function composeProcessorInstruction(
  entity: CaseEntity,
  people: PersonIdentifiers,
  system: SystemEntry,
  processor: MarketingProcessor,
  controller: { name: string; email: string },
): ComposedMail {
  const language: Language = processor.language ?? 'nb';
  const words = WORDS[language];
  const text = [
    words.to(processor.name),
    words.instruction(textIn(system.texts.name, language)),
    words.keep,
    '',
    words.person,
    ...identifierLines(people, language),
    words.reference(entity.reference),
    '',
    `${controller.name}, ${controller.email}`,
  ].join('\n');
  return { to: processor.contact, caseId: entity.id, subject: `[${entity.reference}] ${words.subject}`, text };
}
