import type { Language } from '../common/case-types';
import type { ComposedMail } from '../notifications/mail-composer.registry';

export const REPLY_NOTICE_KIND = 'handler-reply-received';

export interface ReplyNoticeFacts {
  to: string;
  /** The reader's language (their account's setting, else nb). */
  language: Language;
  caseId: string;
  reference: string;
  senderKnown: boolean;
  resumedClock: boolean;
  /** The case's clock still stands (the reply did not restart it). */
  stillPaused: boolean;
  attachments: number;
  skippedAttachments: number;
}

const WORDS = {
  nb: {
    subject: (reference: string) => `${reference}: svar fra den registrerte`,
    arrived: (reference: string) => `Det har kommet et svar på e-post i sak ${reference}.`,
    attachments: (count: number) => `Vedlegg: ${count}.`,
    skipped: (count: number) => `${count} vedlegg var for store og ble ikke lagret.`,
    resumed: 'Klokken gikk igjen fra svaret kom.',
    unknownSender: 'Avsenderen er ikke den registrertes kjente adresse, så svaret er merket: sjekk hvem som skrev.',
    stillPaused: 'Klokken står fortsatt. Start den igjen på saken når opplysningene er kommet.',
  },
  en: {
    subject: (reference: string) => `${reference}: the requester replied`,
    arrived: (reference: string) => `A reply by e-mail has arrived on case ${reference}.`,
    attachments: (count: number) => `Attachments: ${count}.`,
    skipped: (count: number) => `${count} ${count === 1 ? 'attachment was' : 'attachments were'} too large and not kept.`,
    resumed: 'The clock started again when the reply arrived.',
    unknownSender: "The sender is not the requester's established address, so the reply is flagged: check who wrote it.",
    stillPaused: 'The clock is still stopped. Restart it on the case once the information has arrived.',
  },
};

/** To the case's handler (or the staff address): the requester answered by e-mail. In the reader's
 *  language; no personal data, only what happened and a link to the case, where the reply is. */
export function composeReplyNotice(facts: ReplyNoticeFacts, publicUrl: string): ComposedMail {
  const words = WORDS[facts.language];
  const link = `${publicUrl.replace(/\/$/, '')}/staff/cases/${encodeURIComponent(facts.reference)}#conversation`;
  const lines = [
    words.arrived(facts.reference),
    ...(facts.attachments ? [words.attachments(facts.attachments)] : []),
    ...(facts.skippedAttachments ? [words.skipped(facts.skippedAttachments)] : []),
    ...(facts.resumedClock ? [words.resumed] : []),
    ...(facts.senderKnown ? [] : [words.unknownSender]),
    ...(facts.stillPaused ? [words.stillPaused] : []),
  ];
  return { to: facts.to, caseId: facts.caseId, subject: words.subject(facts.reference), text: [...lines, link].join('\n') };
}
