import type { Language } from '../../common/case-types';
import type { SsoRefusalReason } from './sso-refusal';

interface SsoCopy {
  /** The sign-in page's button when OIDC_LABEL is unset. */
  button: string;
  failedTitle: string;
  back: string;
  /** GET /staff/login/sso while OIDC_ISSUER is unset. */
  notConfigured: string;
  reasons: Record<SsoRefusalReason, string>;
}

/** The words of single sign-on in the staff UI's two languages. */
export const SSO_COPY: Record<Language, SsoCopy> = {
  nb: {
    button: 'Logg inn med felles pålogging (SSO)',
    failedTitle: 'Innloggingen ble ikke fullført',
    back: 'Tilbake til innlogging',
    notConfigured: 'Felles pålogging (SSO) er ikke satt opp for denne tjenesten. Logg inn med e-post og passord.',
    reasons: {
      expired: 'Innloggingen tok for lang tid eller ble startet i en annen nettleser. Start på nytt fra innloggingssiden.',
      provider_refused: 'Innloggingstjenesten avbrøt eller avviste innloggingen. Prøv igjen, eller kontakt en administrator.',
      answer_invalid: 'Svaret fra innloggingstjenesten var ufullstendig eller kunne ikke bekreftes. Start på nytt fra innloggingssiden.',
      provider_failed: 'Vi fikk ikke kontakt med innloggingstjenesten. Prøv igjen om litt.',
      no_verified_email: 'Innloggingstjenesten oppga ingen bekreftet e-postadresse for kontoen din. Kontakt en administrator.',
      unknown_user: 'Det finnes ingen ansattkonto for e-postadressen din. Be en administrator om å opprette en.',
      no_role: 'Kontoen din er ikke med i noen gruppe som gir tilgang til denne tjenesten. Be en administrator om tilgang.',
      deactivated: 'Ansattkontoen din er deaktivert. Kontakt en administrator.',
    },
  },
  en: {
    button: 'Sign in with single sign-on (SSO)',
    failedTitle: 'Sign-in was not completed',
    back: 'Back to sign-in',
    notConfigured: 'Single sign-on is not set up for this service. Sign in with your e-mail and password.',
    reasons: {
      expired: 'The sign-in took too long or was started in another browser. Start again from the sign-in page.',
      provider_refused: 'The sign-in service cancelled or refused the sign-in. Try again, or contact an administrator.',
      answer_invalid: 'The answer from the sign-in service was incomplete or could not be verified. Start again from the sign-in page.',
      provider_failed: 'We could not reach the sign-in service. Try again in a moment.',
      no_verified_email: 'The sign-in service gave no verified e-mail address for your account. Contact an administrator.',
      unknown_user: 'There is no staff account for your e-mail address. Ask an administrator to create one.',
      no_role: 'Your account is not in any group that gives access to this service. Ask an administrator for access.',
      deactivated: 'Your staff account is deactivated. Contact an administrator.',
    },
  },
};
