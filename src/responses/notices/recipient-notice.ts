import type { CaseEntity } from '../../cases/case.entity';
import type { Language } from '../../common/case-types';
import { dayInWords } from '../../common/request-type-words';
import { KEEP_BASES, type Disposition, type DispositionOf, type KeepBasis } from '../../common/dispositions/disposition';
import type { ControllerInfo } from '../../systems/data-map.schema';
import type { ComposedMail } from '../../notifications/mail-composer.registry';
import type { NoticeTarget } from '../letters/letter-facts.service';
import { textIn } from '../../systems/localized-text';
import { fieldWord, recordNoun, recordsInWords } from '../../common/dispositions/record-words';
import { ALLOWED_USE_WORDS, KEEP_BASIS_WORDS } from './notice-words';

/** `changed`: what this case erased, corrected or restricted; `restriction-lifted`: Art 18(3), a
 *  restriction the recipient was told of no longer applies. */
export type NoticeAction = 'changed' | 'restriction-lifted';

const WORDS = {
  nb: {
    to: 'Til',
    intro: (controller: string, system: string, reference: string) =>
      `${controller} har utlevert personopplysninger om en person til dere via ${system}. Personen har brukt rettighetene sine etter personvernforordningen (sak ${reference}), og etter art. 19 forteller vi dere nøyaktig hva vi har endret.`,
    liftedIntro: (controller: string, system: string, reference: string) =>
      `${controller} har tidligere fortalt dere at behandlingen av personopplysninger om en person i ${system} var begrenset (sak ${reference}). Nå har vi opphevet begrensningen (personvernforordningen art. 18(3) og 19).`,
    person: 'Personen',
    erased: 'Slettet hos oss – slett også kopiene dere har fått av disse:',
    anonymised: 'Anonymisert hos oss – slett eller anonymiser også kopiene dere har fått av disse:',
    corrected: 'Rettet hos oss – rett også opplysningene dere har fått:',
    restricted: 'Behandlingen er begrenset hos oss – begrens også behandlingen av kopiene dere har fått (lagres, men brukes ikke ellers, art. 18(2)):',
    lifted: 'Begrensningen er opphevet for:',
    kept: 'Beholdt – disse er IKKE slettet og skal ikke slettes, heller ikke hos dere:',
    basis: 'grunnlag',
    until: (day: string) => `oppbevares til og med ${day}`,
    use: 'kan bare brukes til',
    empty: '(tomt)',
    sender: 'Med vennlig hilsen',
  },
  en: {
    to: 'To',
    intro: (controller: string, system: string, reference: string) =>
      `${controller} disclosed personal data about a person to you through ${system}. The person has exercised their rights under the GDPR (case ${reference}), and under Art 19 we tell you exactly what we have changed.`,
    liftedIntro: (controller: string, system: string, reference: string) =>
      `${controller} told you earlier that the processing of personal data about a person in ${system} was restricted (case ${reference}). The restriction has now been lifted (GDPR Art 18(3) and 19).`,
    person: 'The person',
    erased: 'Erased by us – please erase the copies of these you received as well:',
    anonymised: 'Anonymised by us – please erase or anonymise the copies of these you received as well:',
    corrected: 'Corrected by us – please correct the data you received as well:',
    restricted: 'Processing restricted by us – please restrict the processing of the copies you received as well (stored, not otherwise used, Art 18(2)):',
    lifted: 'The restriction is lifted for:',
    kept: 'Kept – these are NOT erased and must not be deleted, by you either:',
    basis: 'basis',
    until: (day: string) => `kept until ${day}`,
    use: 'may be used only for',
    empty: '(empty)',
    sender: 'Kind regards',
  },
} as const;

const of = <K extends Disposition['kind']>(dispositions: Disposition[], kind: K) =>
  dispositions.filter((disposition): disposition is DispositionOf<K> => disposition.kind === kind);

const item = (language: Language, disposition: { what?: string; count?: number }) =>
  `- ${recordsInWords(disposition.what ?? 'record', disposition.count, language)}`;

function keptLine(language: Language, kept: DispositionOf<'kept'>): string {
  const words = WORDS[language];
  const basis = kept.law ?? (kept.claim ? `${KEEP_BASIS_WORDS[language].legal_claims}: ${kept.claim}` : KEEP_BASIS_WORDS[language][kept.basis]);
  const use = (KEEP_BASES as readonly string[]).includes(kept.allowedUse) ? ALLOWED_USE_WORDS[language][kept.allowedUse as KeepBasis] : kept.allowedUse;
  const until = kept.until ? words.until(dayInWords(kept.until, language)) : kept.criterion;
  return `${item(language, kept)} (${words.basis}: ${basis}${until ? `; ${until}` : ''}; ${words.use} ${use})`;
}

/** What changed in the system, one section per kind, each stating only its dispositions. */
function changeSections(language: Language, dispositions: Disposition[], action: NoticeAction): string[][] {
  const words = WORDS[language];
  if (action === 'restriction-lifted') {
    const restricted = of(dispositions, 'restricted');
    return restricted.length ? [[words.lifted, ...restricted.map((disposition) => item(language, disposition))]] : [];
  }
  const section = (heading: string, lines: string[]) => (lines.length ? [[heading, ...lines]] : []);
  return [
    ...section(
      words.erased,
      of(dispositions, 'erased').map((disposition) => item(language, disposition)),
    ),
    ...section(
      words.anonymised,
      of(dispositions, 'anonymised').map((disposition) => item(language, disposition)),
    ),
    ...section(
      words.corrected,
      of(dispositions, 'corrected').map(
        (disposition) =>
          `- ${fieldWord(disposition.field, language)} (${recordNoun(disposition.what, language)}): ${disposition.old || words.empty} → ${disposition.new || words.empty}`,
      ),
    ),
    ...section(
      words.restricted,
      of(dispositions, 'restricted').map((disposition) => `${item(language, disposition)}: ${disposition.how}`),
    ),
    // What an erasure left in place, so the recipient does not delete what must be kept.
    ...section(
      words.kept,
      of(dispositions, 'kept').map((disposition) => keptLine(language, disposition)),
    ),
  ];
}

function noticeText(language: Language, entity: CaseEntity, target: NoticeTarget, controller: ControllerInfo, action: NoticeAction): string[] {
  const words = WORDS[language];
  const identifiers = [entity.subjectName, entity.subjectEmail, entity.subjectPhone, entity.subjectCustomerNumber].filter(Boolean).join(', ');
  const intro = action === 'restriction-lifted' ? words.liftedIntro : words.intro;
  return [
    `${words.to} ${target.name}`,
    '',
    intro(controller.name, target.systemTexts ? textIn(target.systemTexts, language) : target.systemName, entity.reference),
    '',
    `${words.person}: ${identifiers}`,
    ...changeSections(language, target.dispositions, action).flatMap((lines) => ['', ...lines]),
    '',
    `${words.sender}`,
    `${controller.name}, ${controller.email}`,
  ];
}

const escape = (value: string) =>
  value.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] as string);

/**
 * The Art 19 notice to one recipient of a system this case changed: exactly what was erased,
 * anonymised, corrected or restricted there, and what an erasure kept (which the recipient must
 * not delete). In the recipient's language from the data map, else Norwegian (the company's own),
 * like every e-mail to an outside party. It names the person only by the identifiers the recipient
 * already holds, so they can find the records.
 */
export function recipientNotice(entity: CaseEntity, target: NoticeTarget, controller: ControllerInfo, action: NoticeAction = 'changed'): ComposedMail {
  const language: Language = target.language ?? 'nb';
  const text = `${noticeText(language, entity, target, controller, action).join('\n')}\n`;
  const html = `<!doctype html><html lang="${language}"><head><meta charset="utf-8"></head><body>${text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escape(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('\n')}</body></html>`;
  const subject = {
    nb: `Varsel etter personvernforordningen art. 19 (${entity.reference})`,
    en: `Notice under GDPR Art 19 (${entity.reference})`,
  };
  return {
    to: target.email,
    caseId: entity.id,
    subject: subject[language],
    text,
    html,
  };
}
