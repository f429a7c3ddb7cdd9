import type { Language } from '../../common/case-types';
import type { ComposedMail } from '../../notifications/mail-composer.registry';

export type SecondFactorEvent = 'enabled' | 'disabled' | 'recovery_regenerated';

const TEXT: Record<Language, { subject: Record<SecondFactorEvent, string>; what: Record<SecondFactorEvent, string>; notYou: string }> = {
  nb: {
    subject: {
      enabled: 'Tofaktorautentisering slått på',
      disabled: 'Tofaktorautentisering slått av',
      recovery_regenerated: 'Nye gjenopprettingskoder',
    },
    what: {
      enabled:
        'Tofaktorautentisering med autentiseringsapp er slått på for kontoen din i innsynsløsningen. Innlogging med passord krever nå også en kode fra appen.',
      disabled: 'Tofaktorautentisering er slått av for kontoen din i innsynsløsningen. Innlogging med passord krever ikke lenger en kode fra appen.',
      recovery_regenerated: 'Det er laget nye gjenopprettingskoder for kontoen din i innsynsløsningen. De gamle kodene virker ikke lenger.',
    },
    notYou: 'Var det ikke deg, må du bytte passord med en gang og si fra til en administrator.',
  },
  en: {
    subject: {
      enabled: 'Two-factor authentication turned on',
      disabled: 'Two-factor authentication turned off',
      recovery_regenerated: 'New recovery codes',
    },
    what: {
      enabled:
        'Two-factor authentication with an authenticator app is turned on for your account in the data-subject-request service. Signing in with a password now also needs a code from the app.',
      disabled:
        'Two-factor authentication is turned off for your account in the data-subject-request service. Signing in with a password no longer needs a code from the app.',
      recovery_regenerated: 'New recovery codes were made for your account in the data-subject-request service. The old codes no longer work.',
    },
    notYou: 'If this was not you, change your password at once and tell an administrator.',
  },
};

/** The notice after a change to the user's second factor, in the account's language (its setting).
 *  It says only what changed (the recorded event) and what to do if it was not them: no codes. */
export function composeSecondFactorNotice(to: string, event: SecondFactorEvent, language: Language): ComposedMail {
  const t = TEXT[language];
  return { to, subject: t.subject[event], text: [t.what[event], '', t.notYou].join('\n') };
}
