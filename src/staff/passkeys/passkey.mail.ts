import type { ComposedMail } from '../../notifications/mail-composer.registry';

/** The e-mail when a passkey was added to or removed from an account, Norwegian first (the staff
 *  UI's default), English after. It says what happened, under which name, and what to do if it
 *  was not the account's owner. */
export function composePasskeyChanged(to: string, change: 'added' | 'removed', name: string): ComposedMail {
  const nb =
    change === 'added'
      ? `En passnøkkel med navnet «${name}» er lagt til på kontoen din i innsynsløsningen.`
      : `Passnøkkelen «${name}» er fjernet fra kontoen din i innsynsløsningen.`;
  const en =
    change === 'added'
      ? `A passkey named "${name}" was added to your account in the data-subject-request service.`
      : `The passkey "${name}" was removed from your account in the data-subject-request service.`;
  const text = [
    nb,
    change === 'added'
      ? 'Var det ikke deg, logg inn, fjern passnøkkelen under «Min konto», bytt passord og si fra til en administrator.'
      : 'Var det ikke deg, logg inn, se over passnøklene under «Min konto», bytt passord og si fra til en administrator.',
    '',
    en,
    change === 'added'
      ? 'If it was not you, sign in, remove the passkey under "My account", change your password and tell an administrator.'
      : 'If it was not you, sign in, check the passkeys under "My account", change your password and tell an administrator.',
  ].join('\n');
  const subject = change === 'added' ? 'Ny passnøkkel / New passkey' : 'Passnøkkel fjernet / Passkey removed';
  return { to, subject, text };
}
