import type { ComposedMail } from '../notifications/mail-composer.registry';

export const REPLY_NOTICE_KIND = 'handler-reply-received';

export interface ReplyNoticeFacts {
  to: string;
  caseId: string;
  reference: string;
  senderKnown: boolean;
  resumedClock: boolean;
  /** The case's clock still stands (the reply did not restart it). */
  stillPaused: boolean;
  attachments: number;
  skippedAttachments: number;
}

/** To the case's handler (or the staff address): the requester answered by e-mail. Norwegian
 *  first, English after, as the other staff e-mails; no personal data, only what happened and a
 *  link to the case, where the reply is. */
export function composeReplyNotice(facts: ReplyNoticeFacts, publicUrl: string): ComposedMail {
  const link = `${publicUrl.replace(/\/$/, '')}/staff/cases/${encodeURIComponent(facts.reference)}#conversation`;
  const nb: string[] = [`Det har kommet et svar på e-post i sak ${facts.reference}.`];
  const en: string[] = [`A reply by e-mail has arrived on case ${facts.reference}.`];
  if (facts.attachments) {
    nb.push(`Vedlegg: ${facts.attachments}.`);
    en.push(`Attachments: ${facts.attachments}.`);
  }
  if (facts.skippedAttachments) {
    nb.push(`${facts.skippedAttachments} vedlegg var for store og ble ikke lagret.`);
    en.push(`${facts.skippedAttachments} attachment(s) were too large and were not kept.`);
  }
  if (facts.resumedClock) {
    nb.push('Klokken gikk igjen fra svaret kom.');
    en.push('The clock started again when the reply arrived.');
  }
  if (!facts.senderKnown) {
    nb.push('Avsenderen er ikke den registrertes kjente adresse, så svaret er merket: sjekk hvem som skrev.');
    en.push("The sender is not the requester's established address, so the reply is flagged: check who wrote it.");
  }
  if (facts.stillPaused) {
    nb.push('Klokken står fortsatt. Start den igjen på saken når opplysningene er kommet.');
    en.push('The clock is still stopped. Restart it on the case once the information has arrived.');
  }
  return {
    to: facts.to,
    caseId: facts.caseId,
    subject: `${facts.reference}: svar fra den registrerte / the requester replied`,
    text: [...nb, link, '', ...en, link].join('\n'),
  };
}
