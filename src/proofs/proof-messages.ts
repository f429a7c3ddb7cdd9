import type { Language } from '../common/case-types';
import type { ComposedMail } from '../notifications/mail-composer.registry';
import type { ControllerInfo } from '../systems/data-map.schema';
import { PROOF_CODE_TTL_MINUTES } from './proof-limits';

const escape = (value: string) =>
  value.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] as string);

/** Groups of four digits read more easily aloud and on a phone. */
const spaced = (code: string) => code.replace(/(\d{4})(?=\d)/g, '$1 ');

/**
 * The e-mail to an address on file in a record. It goes to whoever the record belongs to, who may
 * not be the person who asked: it says what the code is for and that it must never be handed on.
 */
export function proofCodeMail(to: string, caseId: string, reference: string, language: Language, code: string, controller: ControllerInfo): ComposedMail {
  const paragraphs =
    language === 'en'
      ? [
          `Someone has asked ${controller.name} for access to, or action on, personal data (request ${reference}) and says that the details we hold with this e-mail address are theirs.`,
          `If that was you, enter this code on the status page of your request: ${spaced(code)}`,
          `The code works once, for ${PROOF_CODE_TTL_MINUTES} minutes. Never give it to anyone else: we will never ask you for it by phone or e-mail.`,
          `If it was not you, do not use the code. Nothing is disclosed or changed without it. You may tell us at ${controller.email}.`,
          controller.name,
        ]
      : [
          `Noen har bedt ${controller.name} om innsyn i eller andre tiltak for personopplysninger (sak ${reference}) og sier at opplysningene vi har med denne e-postadressen, er deres.`,
          `Var det deg, skriv inn denne koden på statussiden for henvendelsen din: ${spaced(code)}`,
          `Koden virker én gang, i ${PROOF_CODE_TTL_MINUTES} minutter. Gi den aldri til noen andre: vi ber deg aldri om den på telefon eller e-post.`,
          `Var det ikke deg, skal du ikke bruke koden. Ingenting blir utlevert eller endret uten den. Du kan gi oss beskjed på ${controller.email}.`,
          controller.name,
        ];
  const subject =
    language === 'en'
      ? `Code to confirm a request about your personal data (${reference})`
      : `Kode for å bekrefte en henvendelse om personopplysningene dine (${reference})`;
  const text = `${paragraphs.join('\n\n')}\n`;
  const html = `<!doctype html><html lang="${language}"><head><meta charset="utf-8"></head><body>${paragraphs.map((p) => `<p>${escape(p)}</p>`).join('\n')}</body></html>`;
  // The code is cut from the stored row once the message has gone (src/notifications/mail-secrets.ts).
  return { to, caseId, subject, text, html, secrets: [spaced(code), code] };
}

/** The text message to a mobile on file: short, with the same warning. */
export function proofCodeSms(reference: string, language: Language, code: string, controller: ControllerInfo): string {
  return language === 'en'
    ? `${controller.name}: code ${spaced(code)} confirms request ${reference} about your personal data. Valid ${PROOF_CODE_TTL_MINUTES} min. Never give it to anyone. Not you? Ignore it.`
    : `${controller.name}: koden ${spaced(code)} bekrefter sak ${reference} om personopplysningene dine. Gyldig i ${PROOF_CODE_TTL_MINUTES} min. Gi den aldri til noen. Ikke deg? Se bort fra den.`;
}
