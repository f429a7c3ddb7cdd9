import type { Language } from '../../common/case-types';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './password-policy';

/** The texts of the account and password-reset pages, nb and en. */
const nb = {
  title: 'Min konto',
  passwordHeading: 'Bytt passord',
  forced: 'Du må velge ditt eget passord før du kan fortsette.',
  current: 'Nåværende passord',
  new: 'Nytt passord',
  rules: `Minst ${MIN_PASSWORD_LENGTH} og høyst ${MAX_PASSWORD_LENGTH} tegn. Bruk gjerne en setning. Vanlige eller lekkede passord og passord som inneholder e-postadressen din, godtas ikke.`,
  change: 'Bytt passord',
  changed: 'Passordet er byttet. Du er logget ut alle andre steder.',
  everywhereHeading: 'Logg ut overalt',
  everywhereLead: 'Avslutter alle økter og API-nøkler (tokens) for kontoen din, også denne.',
  everywhere: 'Logg ut overalt',
  problems: {
    tooShort: `Passordet må ha minst ${MIN_PASSWORD_LENGTH} tegn.`,
    tooLong: `Passordet kan ha høyst ${MAX_PASSWORD_LENGTH} tegn.`,
    common: 'Dette passordet er vanlig eller har vært lekket. Velg et annet.',
    containsEmail: 'Passordet kan ikke inneholde e-postadressen din.',
    sameAsCurrent: 'Det nye passordet må være et annet enn det du har nå.',
    wrongCurrent: 'Det nåværende passordet er feil.',
    required: 'Fyll ut feltet.',
  },
  forgot: 'Glemt passord?',
  resetTitle: 'Nytt passord',
  resetLead: 'Skriv e-postadressen til kontoen din, så sender vi en lenke for å velge nytt passord.',
  email: 'E-post',
  send: 'Send lenke',
  sent: 'Hvis adressen hører til en konto, har vi sendt en lenke dit. Den virker én gang, i en time.',
  choose: 'Velg nytt passord',
  save: 'Lagre passord',
  spentTitle: 'Lenken virker ikke lenger',
  spentLead: 'Lenken er allerede brukt eller eldre enn en time. Be om en ny lenke.',
  askAgain: 'Be om ny lenke',
  resetDone: 'Passordet er lagret. Logg inn med det nye passordet.',
};

type AccountCopy = typeof nb;

const en: AccountCopy = {
  title: 'My account',
  passwordHeading: 'Change password',
  forced: 'Choose your own password before you continue.',
  current: 'Current password',
  new: 'New password',
  rules: `At least ${MIN_PASSWORD_LENGTH} and at most ${MAX_PASSWORD_LENGTH} characters. A sentence works well. Common or leaked passwords and passwords containing your e-mail address are refused.`,
  change: 'Change password',
  changed: 'Your password is changed. You are signed out everywhere else.',
  everywhereHeading: 'Sign out everywhere',
  everywhereLead: 'Ends every session and API token of your account, this one included.',
  everywhere: 'Sign out everywhere',
  problems: {
    tooShort: `The password needs at least ${MIN_PASSWORD_LENGTH} characters.`,
    tooLong: `The password can have at most ${MAX_PASSWORD_LENGTH} characters.`,
    common: 'This password is common or has been leaked. Choose another.',
    containsEmail: 'The password cannot contain your e-mail address.',
    sameAsCurrent: 'The new password must differ from the one you have now.',
    wrongCurrent: 'The current password is wrong.',
    required: 'Fill in this field.',
  },
  forgot: 'Forgot password?',
  resetTitle: 'New password',
  resetLead: 'Enter the e-mail address of your account and we will send a link to choose a new password.',
  email: 'E-mail',
  send: 'Send link',
  sent: 'If the address belongs to an account, we have sent a link to it. It works once, for an hour.',
  choose: 'Choose a new password',
  save: 'Save password',
  spentTitle: 'This link no longer works',
  spentLead: 'The link has been used already or is more than an hour old. Ask for a new one.',
  askAgain: 'Ask for a new link',
  resetDone: 'Your password is saved. Sign in with the new password.',
};

export const ACCOUNT_COPY: Record<Language, AccountCopy> = { nb, en };

/** The words for a refusal's problem code (password rules, wrong current password). */
export function problemText(language: Language, problem: string | undefined): string {
  const problems = ACCOUNT_COPY[language].problems as Record<string, string>;
  return (problem && problems[problem]) || problems.required;
}
