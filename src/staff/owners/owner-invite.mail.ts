import type { Language } from '../../common/case-types';
import type { ComposedMail } from '../../notifications/mail-composer.registry';

/** An invitation link works once, for a week: the person did not ask for it and may read it days later. */
export const INVITE_LINK_TTL_DAYS = 7;

/**
 * The owner's invitation, Norwegian first (the staff UI's default), English after, like the
 * other staff e-mails. It names the company, the systems the data map says they own, what the
 * link does and how long it works, and where their tasks will be.
 */
export function composeOwnerInvite(to: string, input: { company: string; systems: Record<Language, string[]>; link: string; signIn: string }): ComposedMail {
  const systems = input.systems.nb.join(', ');
  const text = [
    `${input.company} bruker en innsynsløsning for å svare på forespørsler om personopplysninger. Datakartet oppgir deg som systemeier for: ${systems}.`,
    'Når en forespørsel gjelder disse systemene, får du en oppgave i løsningen. Vi har laget en konto til deg med denne e-postadressen.',
    `Åpne denne lenken for å velge passord. Den virker én gang, i ${INVITE_LINK_TTL_DAYS} dager:`,
    input.link,
    `Deretter logger du inn på ${input.signIn} og finner oppgavene dine under «Mine oppgaver».`,
    '',
    `${input.company} uses a data-subject-request service to answer requests about personal data. The data map names you as the owner of: ${input.systems.en.join(', ')}.`,
    'When a request concerns these systems, you get a task in the service. We have made an account for you with this e-mail address.',
    `Open this link to choose a password. It works once, for ${INVITE_LINK_TTL_DAYS} days:`,
    input.link,
    `Then sign in at ${input.signIn} and find your tasks under "My tasks".`,
  ].join('\n');
  // The link's token is cut from the stored row once the message has gone (notifications/mail-secrets.ts).
  return { to, subject: `Invitasjon: systemeier i innsynsløsningen / Invitation: system owner in the request service`, text, secrets: [input.link] };
}
