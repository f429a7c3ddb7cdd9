import type { Language } from '../../common/case-types';
import type { ComposedMail } from '../../notifications/mail-composer.registry';
import { RESET_LINK_TTL_MINUTES } from './password-reset-limits';

const WORDS: Record<Language, { subject: string; asked: string; open: string; notYou: string }> = {
  nb: {
    subject: 'Nytt passord',
    asked: 'Noen har bedt om å sette nytt passord for kontoen din i innsynsløsningen.',
    open: `Åpne denne lenken for å velge et nytt passord. Den virker én gang, i ${RESET_LINK_TTL_MINUTES} minutter:`,
    notYou: 'Var det ikke deg, kan du se bort fra denne e-posten: passordet ditt er ikke endret.',
  },
  en: {
    subject: 'New password',
    asked: 'Someone asked to set a new password for your account in the data-subject-request service.',
    open: `Open this link to choose a new password. It works once, for ${RESET_LINK_TTL_MINUTES} minutes:`,
    notYou: 'If it was not you, ignore this e-mail: your password has not been changed.',
  },
};

/** The reset e-mail, in the account's language. It says only what happened (someone asked for a
 *  reset of this account), what the link does, and how long it works. */
export function composePasswordReset(to: string, link: string, language: Language): ComposedMail {
  const words = WORDS[language];
  const text = [words.asked, words.open, link, words.notYou].join('\n');
  // The link's token is cut from the stored row once the message has gone (notifications/mail-secrets.ts).
  return { to, subject: words.subject, text, secrets: [link] };
}
