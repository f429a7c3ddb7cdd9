import { humanDate } from '../../common/human-date';
import type { SummaryText } from '../connector';
import { textIn } from '../outcome-summary';

/** Zendesk's roles as staff read them; a role Zendesk adds later is shown as it names it. */
const ROLES_NB: Record<string, string> = { 'end-user': 'sluttbruker', agent: 'agent', admin: 'administrator' };

/** Plan rows for Zendesk in each staff language (zendesk-plan-survey.ts keeps the English `label`
 *  and `note`, with YYYY-MM-DD dates, for the REST API). The ticket's subject is quoted as written. */
export const ZENDESK_PLAN = {
  user: (role: string, id: number): SummaryText => ({ en: `Zendesk ${role} #${id}`, nb: `Zendesk-${ROLES_NB[role] ?? role} #${id}` }),
  ticket: (id: number, subject: string | null | undefined, date: string): SummaryText =>
    textIn((language) =>
      language === 'nb'
        ? `Henvendelse #${id} · ${subject ?? '(uten emne)'} · ${humanDate(date, 'nb')}`
        : `Ticket #${id} · ${subject ?? '(no subject)'} · ${humanDate(date, 'en')}`,
    ),
  staffAccount: { en: 'staff account: handled by a Zendesk administrator', nb: 'ansattkonto: håndteres av en Zendesk-administrator' },
  restrictedWithUser: { en: "restricted with the user's tag", nb: 'begrenses med merket på brukeren' },
};
