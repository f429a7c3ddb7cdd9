import type { Language } from '../../common/case-types';
import type { ComposedMail } from '../../notifications/mail-composer.registry';

const WORDS: Record<Language, Record<'added' | 'removed', { subject: string; what: (name: string) => string; notYou: string }>> = {
  nb: {
    added: {
      subject: 'Ny passnøkkel',
      what: (name) => `En passnøkkel med navnet «${name}» er lagt til på kontoen din i innsynsløsningen.`,
      notYou: 'Var det ikke deg, logg inn, fjern passnøkkelen under «Min konto», bytt passord og si fra til en administrator.',
    },
    removed: {
      subject: 'Passnøkkel fjernet',
      what: (name) => `Passnøkkelen «${name}» er fjernet fra kontoen din i innsynsløsningen.`,
      notYou: 'Var det ikke deg, logg inn, se over passnøklene under «Min konto», bytt passord og si fra til en administrator.',
    },
  },
  en: {
    added: {
      subject: 'New passkey',
      what: (name) => `A passkey named "${name}" was added to your account in the data-subject-request service.`,
      notYou: 'If it was not you, sign in, remove the passkey under "My account", change your password and tell an administrator.',
    },
    removed: {
      subject: 'Passkey removed',
      what: (name) => `The passkey "${name}" was removed from your account in the data-subject-request service.`,
      notYou: 'If it was not you, sign in, check the passkeys under "My account", change your password and tell an administrator.',
    },
  },
};

/** The e-mail when a passkey was added to or removed from an account, in the account's language.
 *  It says what happened, under which name, and what to do if it was not the account's owner. */
export function composePasskeyChanged(to: string, change: 'added' | 'removed', name: string, language: Language): ComposedMail {
  const words = WORDS[language][change];
  return { to, subject: words.subject, text: [words.what(name), words.notYou].join('\n') };
}
