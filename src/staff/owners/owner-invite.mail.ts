import type { Language } from '../../common/case-types';
import type { ComposedMail } from '../../notifications/mail-composer.registry';

/** An invitation link works once, for a week: the person did not ask for it and may read it days later. */
export const INVITE_LINK_TTL_DAYS = 7;

export interface OwnerInviteFacts {
  company: string;
  systems: string[];
  link: string;
  signIn: string;
}

const WORDS: Record<Language, { subject: string; lines: (facts: OwnerInviteFacts, systems: string) => string[] }> = {
  nb: {
    subject: 'Invitasjon: systemeier i innsynsløsningen',
    lines: (facts, systems) => [
      `${facts.company} bruker en innsynsløsning for å svare på forespørsler om personopplysninger. Datakartet oppgir deg som systemeier for: ${systems}.`,
      'Når en forespørsel gjelder disse systemene, får du en oppgave i løsningen. Vi har laget en konto til deg med denne e-postadressen.',
      `Åpne denne lenken for å velge passord. Den virker én gang, i ${INVITE_LINK_TTL_DAYS} dager:`,
      facts.link,
      `Deretter logger du inn på ${facts.signIn} og finner oppgavene dine under «Mine oppgaver».`,
    ],
  },
  en: {
    subject: 'Invitation: system owner in the request service',
    lines: (facts, systems) => [
      `${facts.company} uses a data-subject-request service to answer requests about personal data. The data map names you as the owner of: ${systems}.`,
      'When a request concerns these systems, you get a task in the service. We have made an account for you with this e-mail address.',
      `Open this link to choose a password. It works once, for ${INVITE_LINK_TTL_DAYS} days:`,
      facts.link,
      `Then sign in at ${facts.signIn} and find your tasks under "My tasks".`,
    ],
  },
};

/**
 * The owner's invitation, in the language of the account it opens (nb for a new one, the
 * company's language, until the owner or an admin changes it). It names the company, the systems
 * the data map says they own, what the link does and how long it works, and where their tasks will be.
 */
export function composeOwnerInvite(to: string, facts: OwnerInviteFacts, language: Language): ComposedMail {
  const words = WORDS[language];
  const text = words.lines(facts, facts.systems.join(', ')).join('\n');
  // The link's token is cut from the stored row once the message has gone (notifications/mail-secrets.ts).
  return { to, subject: words.subject, text, secrets: [facts.link] };
}
