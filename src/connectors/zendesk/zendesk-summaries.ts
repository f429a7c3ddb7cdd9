import type { SummaryText } from '../connector';
import { counted, fieldsIn } from '../outcome-summary';

/** Zendesk outcome summaries staff read on the case page, in each staff language. */
export const ZENDESK_SUMMARIES = {
  noUser: { en: 'No Zendesk user matches the subject exactly', nb: 'Ingen Zendesk-bruker samsvarer nøyaktig med den registrerte' },
  planCorrectsNothing: { en: 'the plan corrects nothing in Zendesk', nb: 'planen retter ingenting i Zendesk' },
  noUserToErase: {
    en: 'No Zendesk user matches the subject exactly (never present, or already erased; a user created in the last minutes may not be in the search index yet)',
    nb: 'Ingen Zendesk-bruker samsvarer nøyaktig med den registrerte (aldri registrert, eller allerede slettet; en bruker opprettet de siste minuttene er kanskje ikke i søkeindeksen ennå)',
  },
} satisfies Record<string, SummaryText>;

const users = (ids: readonly number[]) => ids.map((id) => `#${id}`).join(', ');

/** Summaries built from Zendesk's ids and counts; the ids are Zendesk's own. */
export const ZENDESK_OUTCOMES = {
  userUpdated: (fields: readonly string[], ids: readonly number[]): SummaryText => ({
    en: `updated ${fieldsIn(fields, 'en')} on Zendesk user ${users(ids)}`,
    nb: `oppdaterte ${fieldsIn(fields, 'nb')} på Zendesk-bruker ${users(ids)}`,
  }),
  userUpToDate: (ids: readonly number[]): SummaryText => ({
    en: `Zendesk user ${users(ids)} already up to date`,
    nb: `Zendesk-bruker ${users(ids)} var allerede oppdatert`,
  }),
  cannotChange: (done: SummaryText, fields: readonly string[]): SummaryText => ({
    en: `${done.en}; the Zendesk connector cannot change ${fieldsIn(fields, 'en')}: update those by hand`,
    nb: `${done.nb}; Zendesk-koblingen kan ikke endre ${fieldsIn(fields, 'nb')}: oppdater dem manuelt`,
  }),
  /** Zendesk's error code and the fields it named are quoted as Zendesk gave them. */
  updateRefused: (id: number, code: string, fields: readonly string[]): SummaryText => ({
    en: `Zendesk refused to update user #${id} (${code}; ${fields.join(', ') || 'no field given'}): e.g. the e-mail address already belongs to another Zendesk user`,
    nb: `Zendesk avviste oppdateringen av bruker #${id} (${code}; ${fields.join(', ') || 'ingen felt oppgitt'}): for eksempel hører e-postadressen allerede til en annen Zendesk-bruker`,
  }),
  suspendedDeleted: (count: number): SummaryText => ({
    en: `${counted(count, 'suspended ticket', 'suspended tickets')} from the subject's address deleted`,
    nb: `${counted(count, 'suspendert henvendelse', 'suspenderte henvendelser')} fra den registrertes adresse slettet`,
  }),
  /** `records` are the data map's own words for what is held. */
  legalHolds: (records: readonly string[], ids: readonly number[]): SummaryText => ({
    en: `Legal holds apply to this system (${records.join('; ')}): decide which Zendesk tickets to keep before erasing user ${users(ids)}`,
    nb: `Oppbevaringsplikt gjelder for dette systemet (${records.join('; ')}): avgjør hvilke Zendesk-henvendelser som skal beholdes før bruker ${users(ids)} slettes`,
  }),
  tagged: (ids: readonly number[], tag: string): SummaryText => ({
    en: `Zendesk user ${users(ids)} tagged "${tag}" with a note for agents. Zendesk has no marketing or processing flag: triggers, automations and integrations must honour the tag`,
    nb: `Zendesk-bruker ${users(ids)} merket med «${tag}» og en merknad til agentene. Zendesk har ikke noe flagg for markedsføring eller behandling: utløsere, automatiseringer og integrasjoner må ta hensyn til merket`,
  }),
  ticketsWork: (deleted: number, redacted: number): SummaryText => ({
    en: `${counted(deleted, 'ticket', 'tickets')} deleted, ${counted(redacted, 'comment', 'comments')} of closed tickets redacted`,
    nb: `${counted(deleted, 'henvendelse', 'henvendelser')} slettet, ${counted(redacted, 'kommentar', 'kommentarer')} i lukkede henvendelser sladdet`,
  }),
  keptMinimal: (id: number): SummaryText => ({
    en: `user #${id} kept as a minimal restricted record for the kept tickets`,
    nb: `bruker #${id} beholdt som en minimal, begrenset oppføring for henvendelsene som beholdes`,
  }),
  userTagged: (id: number, tag: string): SummaryText => ({ en: `user #${id} tagged "${tag}"`, nb: `bruker #${id} merket med «${tag}»` }),
  planExecuted: (steps: readonly SummaryText[]): SummaryText => ({
    en: `Zendesk plan executed: ${steps.map((step) => step.en).join('; ')}`,
    nb: `Zendesk-planen er utført: ${steps.map((step) => step.nb).join('; ')}`,
  }),
  staffNotDeleted: (accounts: ReadonlyArray<{ id: number; role: string }>): SummaryText => ({
    en: `${accounts.length === 1 ? 'staff account' : 'staff accounts'} ${accounts.map(({ id, role }) => `#${id} (${role})`).join(', ')} not deleted: Zendesk staff accounts are handled by an administrator`,
    nb: `${accounts.length === 1 ? 'ansattkonto' : 'ansattkontoer'} ${accounts.map(({ id, role }) => `#${id} (${role})`).join(', ')} ikke slettet: Zendesks ansattkontoer håndteres av en administrator`,
  }),
};

/** What one user's erasure did, as its part of the summary. */
export const ZENDESK_ERASURE = {
  work: (deletedTickets: number, redactedComments: number): SummaryText => ({
    en: `${deletedTickets > 0 ? `${counted(deletedTickets, 'closed ticket', 'closed tickets')} deleted, ` : ''}${counted(redactedComments, 'comment', 'comments')} redacted`,
    nb: `${deletedTickets > 0 ? `${counted(deletedTickets, 'lukket henvendelse', 'lukkede henvendelser')} slettet, ` : ''}${counted(redactedComments, 'kommentar', 'kommentarer')} sladdet`,
  }),
  /** Redaction empties comments but not the tickets' audits (IP address, location, e-mail headers): staff are told. */
  auditsRemain: {
    en: ' (the redacted tickets keep their audit metadata — IP address, location, e-mail headers — which redaction cannot reach; closedTickets: delete removes it)',
    nb: ' (de sladdede henvendelsene beholder revisjonsdataene sine – IP-adresse, sted, e-posthoder – som sladding ikke når; closedTickets: delete fjerner dem)',
  },
  erased: (id: number, work: SummaryText, auditsRemain: boolean, compliance: SummaryText): SummaryText => ({
    en: `Zendesk user #${id}: ${work.en}${auditsRemain ? ZENDESK_ERASURE.auditsRemain.en : ''}; user soft-deleted and permanently deleted; ${compliance.en}`,
    nb: `Zendesk-bruker #${id}: ${work.nb}${auditsRemain ? ZENDESK_ERASURE.auditsRemain.nb : ''}; brukeren er deaktivert og slettet permanent; ${compliance.nb}`,
  }),
  blocked: (id: number, open: readonly number[], work: SummaryText): SummaryText => ({
    en: `Zendesk user #${id} not deleted: Zendesk refuses (RecordInvalid) while the user is requester on tickets that are not closed: ${users(open) || '(none listed)'}; ${work.en} so far. Solve and close those tickets, then run the erasure again`,
    nb: `Zendesk-bruker #${id} ikke slettet: Zendesk nekter (RecordInvalid) så lenge brukeren er innsender av henvendelser som ikke er lukket: ${users(open) || '(ingen oppført)'}; ${work.nb} så langt. Løs og lukk disse henvendelsene, og kjør slettingen på nytt`,
  }),
  /** Zendesk's reason is quoted as it gave it. */
  softDeletedOnly: (id: number, work: SummaryText, reason: string): SummaryText => ({
    en: `Zendesk user #${id}: ${work.en}; soft-deleted but the permanent deletion failed (${reason}). Permanently delete user #${id} under Admin Center → People → Deleted users`,
    nb: `Zendesk-bruker #${id}: ${work.nb}; deaktivert, men den permanente slettingen mislyktes (${reason}). Slett bruker #${id} permanent under Admin Center → People → Deleted users`,
  }),
  complianceUnavailable: (reason: string): SummaryText => ({
    en: `Zendesk's compliance deletion status could not be read (${reason})`,
    nb: `Zendesks status for samsvarssletting kunne ikke leses (${reason})`,
  }),
  complianceNone: { en: 'Zendesk reports no compliance deletion status yet', nb: 'Zendesk rapporterer ingen status for samsvarssletting ennå' },
  /** Zendesk's own status words, e.g. "request_deletion (all)". */
  compliance: (statuses: string): SummaryText => ({
    en: `Zendesk compliance deletion status: ${statuses}`,
    nb: `Zendesks status for samsvarssletting: ${statuses}`,
  }),
};
