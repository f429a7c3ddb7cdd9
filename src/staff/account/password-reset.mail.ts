import type { ComposedMail } from '../../notifications/mail-composer.registry';
import { RESET_LINK_TTL_MINUTES } from './password-reset-limits';

/** The reset e-mail, Norwegian first (the staff UI's default), English after. It says only what
 *  happened (someone asked for a reset of this account), what the link does, and how long it works. */
export function composePasswordReset(to: string, link: string): ComposedMail {
  const text = [
    'Noen har bedt om å sette nytt passord for kontoen din i innsynsløsningen.',
    `Åpne denne lenken for å velge et nytt passord. Den virker én gang, i ${RESET_LINK_TTL_MINUTES} minutter:`,
    link,
    'Var det ikke deg, kan du se bort fra denne e-posten: passordet ditt er ikke endret.',
    '',
    'Someone asked to set a new password for your account in the data-subject-request service.',
    `Open this link to choose a new password. It works once, for ${RESET_LINK_TTL_MINUTES} minutes:`,
    link,
    'If it was not you, ignore this e-mail: your password has not been changed.',
  ].join('\n');
  // The link's token is cut from the stored row once the message has gone (notifications/mail-secrets.ts).
  return { to, subject: 'Nytt passord / New password', text, secrets: [link] };
}
