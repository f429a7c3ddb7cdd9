import type { CaseEntity } from '../../cases/case.entity';
import { CHANNELS, type Channel } from '../../common/dispositions/disposition';
import type { CaseIdentifierEntity } from '../../identity/case-identifier.entity';
import { isEstablished } from '../../identity/identity-types';
import type { ComposedMail } from '../../notifications/mail-composer.registry';
import type { SystemEntry } from '../../systems/data-map.schema';
import type { ProcessorController } from '../../systems/processor-controllers';
import { REQUEST_TYPE_WORDS } from '../../common/request-type-words';
import { changesFrom } from '../fanout/fanout-plan';
import type { CaseTaskEntity } from '../tasks/case-task.entity';
import { escalationDelayMs, needsPreservation, routineDeletionAt } from './preservation';
import type { CasePreservationEntity } from './preservation.entity';

/** Staff e-mails for fan-out: Norwegian first, English after (staff read both). The owner and the
 *  controller need the person's identifiers to search; nothing else about the person is included. */

const ACTION_TEXT: Record<string, { nb: string; en: string }> = {
  export: {
    nb: 'Finn alle opplysninger om personen i systemet og registrer hva som finnes (innsyn).',
    en: 'Find everything the system holds about the person and record what you found (access).',
  },
  erase: {
    nb: 'Slett opplysningene om personen. Det som må beholdes etter lov (f.eks. bokføringsloven § 13), registreres som «retained» med grunnlag og dato.',
    en: 'Delete the data about the person. What the law requires us to keep (e.g. bokføringsloven § 13) is recorded as "retained" with its basis and end date.',
  },
  rectify: {
    nb: 'Rett opplysningene slik det står under.',
    en: 'Correct the data as shown below.',
  },
  restrict: {
    nb: 'Begrens bruken av opplysningene (ingen markedsføring / kun lagring) og sørg for at rutinemessig sletting ikke fjerner dem mens saken er åpen.',
    en: 'Restrict the use of the data (no marketing / storage only) and make sure routine deletion does not remove it while the case is open.',
  },
};

/** Channels as the owner's task names them (nb / en). */
const CHANNEL_TEXT: Record<Channel, string> = {
  email: 'e-post / e-mail',
  sms: 'SMS / text messages',
  phone: 'telefon / phone calls',
  post: 'brev i posten / letters by post',
  whatsapp: 'WhatsApp',
};

/** An objection to direct marketing: the owner stops exactly the channels the data map names for
 *  the system (every channel when it names none) and records the ones stopped. */
function marketingText(system: SystemEntry): { nb: string; en: string } {
  const channels = (system.marketingChannels ?? CHANNELS).map((channel) => CHANNEL_TEXT[channel]).join(', ');
  return {
    nb: `Personen protesterer mot direkte markedsføring (art. 21(3)), som må stanses uten unntak. Stans all markedsføring til personen i disse kanalene: ${channels}. Registrer utfallet med «suppressed» og bare kanalene som faktisk er stanset.`,
    en: `The person objects to direct marketing (Art 21(3)), which must stop without exception. Stop all marketing to the person on these channels: ${channels}. Record the outcome with "suppressed" and only the channels actually stopped.`,
  };
}

const KIND_TEXT: Record<string, string> = {
  name: 'Navn / name',
  email: 'E-post / e-mail',
  phone: 'Telefon / phone',
  customer_number: 'Kundenummer / customer number',
  address: 'Adresse / address',
  system_id: 'ID i system / id in a system',
};

/** The identifiers a person may search with: only established ones. What the requester merely
 *  claimed is left out (a person searching by it could act on someone else's data); the owner is
 *  told how many, so a handler can decide on them on the case page. */
export function identifierLines(people: PersonIdentifiers): string[] {
  const lines = people.established.map((identifier) => `  ${KIND_TEXT[identifier.kind] ?? identifier.kind}: ${identifier.given}`);
  if (!lines.length) lines.push('  (ingen bekreftede identifikatorer ennå / no established identifiers yet)');
  if (people.claimedCount > 0) {
    lines.push(
      `  ${people.claimedCount} oppgitt(e), men ikke bevist(e) identifikator(er) er utelatt; bruk bare de over. / ` +
        `${people.claimedCount} identifier(s) the requester gave but did not prove are left out; use only those above.`,
    );
  }
  return lines;
}

/** A case's identifiers as the staff e-mails need them. */
export interface PersonIdentifiers {
  established: Array<Pick<CaseIdentifierEntity, 'kind' | 'given'>>;
  claimedCount: number;
}

export function personIdentifiers(rows: CaseIdentifierEntity[]): PersonIdentifiers {
  return {
    established: rows.filter((row) => isEstablished(row.basis) && row.searchable),
    claimedCount: rows.filter((row) => !isEstablished(row.basis) || !row.searchable).length,
  };
}

function changesLines(task: CaseTaskEntity): string[] {
  const changes = (task.params.changes ?? {}) as Record<string, string>;
  return Object.entries(changes).map(([field, value]) => `  ${field} → ${value}`);
}

/** The owner's task page, which owners may open (the case page is for handlers and admins). */
export function taskLink(publicUrl: string, task: CaseTaskEntity): string {
  return `${publicUrl}/staff/tasks#task-${task.id}`;
}

function caseLink(publicUrl: string, entity: CaseEntity, task: CaseTaskEntity): string {
  return `${publicUrl}/staff/cases/${entity.reference}#task-${task.id}`;
}

function outcomeHowTo(publicUrl: string, entity: CaseEntity, task: CaseTaskEntity): string[] {
  return [
    `Registrer utfallet / record the outcome: ${taskLink(publicUrl, task)}`,
    `  (API: POST ${publicUrl}/api/v1/cases/${entity.reference}/tasks/${task.id}/outcome {"status": "done"|"not_found"|"retained", "summary": "…"})`,
  ];
}

export function composeManualTask(
  entity: CaseEntity,
  people: PersonIdentifiers,
  task: CaseTaskEntity,
  system: SystemEntry,
  publicUrl: string,
  note: string | null,
  since: Date,
  atReceipt: AtReceipt | null = null,
): ComposedMail {
  const what = task.action === 'restrict' && task.params.scope === 'marketing' ? marketingText(system) : (ACTION_TEXT[task.action] ?? ACTION_TEXT.export);
  // One notice per case and system: what was decided at receipt stands; only a case checked before
  // receipt-time preservation existed gets the notice here.
  const preserve = !atReceipt && needsPreservation(entity, system, task.action, since);
  const text = [
    ...(preserve ? [...preservationLines(entity, system, since), ''] : []),
    ...(atReceipt?.status === 'requested' && atReceipt.requestedAt ? [...askedAtReceiptLines(atReceipt as AtReceipt & { requestedAt: Date }, system), ''] : []),
    `Sak ${entity.reference} (${entity.type}) trenger en manuell oppgave i «${system.name}».`,
    what.nb,
    '',
    `Case ${entity.reference} (${entity.type}) needs a manual task in "${system.name}".`,
    what.en,
    '',
    'Personen / the person:',
    ...identifierLines(people),
    ...(task.action === 'rectify' ? ['', 'Rettelser / corrections:', ...changesLines(task)] : []),
    ...(note ? ['', `Merknad / note: ${note}`] : []),
    '',
    `Frist / deadline: ${entity.effectiveDue}`,
    ...outcomeHowTo(publicUrl, entity, task),
  ].join('\n');
  const urgent = preserve ? 'BEVAR NÅ / PRESERVE NOW – ' : '';
  return { to: system.owner, caseId: entity.id, subject: `[${entity.reference}] ${urgent}Oppgave / task: ${system.name} (${task.action})`, text };
}

/** The preservation decided for this system when the case was received (preservation.service.ts). */
export type AtReceipt = Pick<CasePreservationEntity, 'status' | 'periodFrom' | 'periodTo' | 'requestedAt'>;

function askedAtReceiptLines(atReceipt: AtReceipt & { requestedAt: Date }, system: SystemEntry): string[] {
  const on = atReceipt.requestedAt.toISOString().slice(0, 10);
  return [
    `Du ble bedt om å bevare opplysningene fra ${atReceipt.periodFrom} til ${atReceipt.periodTo} i «${system.name}» ${on} (egen e-post); det gjelder fortsatt.`,
    `You were asked on ${on} (separate e-mail) to preserve the records from ${atReceipt.periodFrom} to ${atReceipt.periodTo} in "${system.name}"; that still applies.`,
  ];
}

/** First in the mail: what routine deletion would remove before the case is answered. */
function preservationLines(entity: CaseEntity, system: SystemEntry, since: Date): string[] {
  const gone = routineDeletionAt(system, since)!.toISOString().slice(0, 10);
  return [
    `BEVAR NÅ: «${system.name}» sletter eller overskriver opplysninger etter ${system.retention.period}. Ta straks vare på opptak/opplysninger om personen fra og med ${entity.receivedOn} for denne henvendelsen, og hold dem utenfor rutinemessig sletting til saken er lukket – ellers er de borte før ${gone}.`,
    `PRESERVE NOW: "${system.name}" deletes or overwrites data after ${system.retention.period}. Preserve the recordings/records about the person from ${entity.receivedOn} on for this request at once, and keep them out of routine deletion until the case is closed – otherwise they are gone before ${gone}.`,
  ];
}

export function composeManualReminder(entity: CaseEntity, task: CaseTaskEntity, system: SystemEntry, publicUrl: string, number: number): ComposedMail {
  const text = [
    `Påminnelse ${number}: oppgaven i «${system.name}» for sak ${entity.reference} er ikke registrert ferdig.`,
    `Reminder ${number}: the task in "${system.name}" for case ${entity.reference} has no outcome yet.`,
    `Frist / deadline: ${entity.effectiveDue}`,
    ...outcomeHowTo(publicUrl, entity, task),
  ].join('\n');
  return { to: system.owner, caseId: entity.id, subject: `[${entity.reference}] Påminnelse / reminder: ${system.name} (${task.action})`, text };
}

export function composeManualEscalation(
  entity: CaseEntity,
  task: CaseTaskEntity,
  system: SystemEntry,
  publicUrl: string,
  to: string,
  since: Date,
): ComposedMail {
  const days = Math.round(escalationDelayMs(system, since) / (24 * 3600 * 1000));
  const gone = routineDeletionAt(system, since);
  const text = [
    `Oppgaven i «${system.name}» for sak ${entity.reference} har ventet på ${system.owner} i ${days} dager.`,
    `The task in "${system.name}" for case ${entity.reference} has waited for ${system.owner} for ${days} days.`,
    ...(needsPreservation(entity, system, task.action, since)
      ? [
          `Rutinemessig sletting (${system.retention.period}) fjerner opplysningene ${gone!.toISOString().slice(0, 10)}: sørg for at de blir bevart.`,
          `Routine deletion (${system.retention.period}) removes the data on ${gone!.toISOString().slice(0, 10)}: make sure it is preserved.`,
        ]
      : []),
    `Frist / deadline: ${entity.effectiveDue}`,
    `Åpne saken / open the case: ${caseLink(publicUrl, entity, task)}`,
  ].join('\n');
  return { to, caseId: entity.id, subject: `[${entity.reference}] Eskalert / escalated: ${system.name} (${task.action})`, text };
}

/** What the person wrote, as they wrote it: free text and the fields of their request. */
const PERSON_WORDS: Array<[string, string]> = [
  ['text', "Personens egne ord / in the person's own words"],
  ['field', 'Hva som er feil / what is wrong'],
  ['correctedValue', 'Hva det skal være / what it should be'],
  ['processing', 'Behandling det protesteres mot / processing objected to'],
  ['grounds', 'Begrunnelse / grounds'],
];

function personWords(details: Record<string, unknown>): string[] {
  const lines = PERSON_WORDS.filter(([key]) => typeof details[key] === 'string' && details[key] !== '').flatMap(([key, label]) => [
    `${label}:`,
    ...String(details[key])
      .split(/\r?\n/)
      .map((line) => `  ${line}`),
  ]);
  return lines.length ? lines : ['(personen skrev ingen egen tekst / the person wrote no text of their own)'];
}

/** Every identifier the requester gave, each marked with whether we established it; at receipt
 *  none is, and the controller must check them itself. */
function givenIdentifiers(rows: Array<Pick<CaseIdentifierEntity, 'kind' | 'given' | 'basis'>>): string[] {
  if (!rows.length) return ['  (ingen oppgitt / none given)'];
  return rows.map(
    (row) =>
      `  ${KIND_TEXT[row.kind] ?? row.kind}: ${row.given} – ${isEstablished(row.basis) ? 'bekreftet / established' : 'ikke bekreftet av oss / not verified by us'}`,
  );
}

/**
 * The request as a processor passes it to its controller (Art 28(3)(e)): the person's own words,
 * the request type, the identifiers given, the day received and the controller's own deadline
 * counted from it. We decide nothing: nothing is searched, disclosed, changed or deleted by us.
 */
export function composeForward(
  entity: CaseEntity,
  identifiersGiven: Array<Pick<CaseIdentifierEntity, 'kind' | 'given' | 'basis'>>,
  system: SystemEntry,
  to: ProcessorController,
  us: { name: string; email: string },
): ComposedMail {
  const type = { nb: REQUEST_TYPE_WORDS.nb[entity.type].label, en: REQUEST_TYPE_WORDS.en[entity.type].label };
  const text = [
    `Til ${to.name}:`,
    `Vi har mottatt en henvendelse om personvernrettigheter som kan gjelde opplysninger vi behandler på deres vegne i «${system.name}» (databehandleravtale, GDPR art. 28). Dere er behandlingsansvarlig og avgjør henvendelsen.`,
    'Vi har ikke søkt i, utlevert, endret eller slettet noe, og gjør det bare etter instruks fra dere.',
    '',
    `To ${to.name}:`,
    `We received a data subject request that may concern data we process on your behalf in "${system.name}" (data processing agreement, GDPR Art 28). You are the controller and decide on it.`,
    'We have not searched, disclosed, changed or deleted anything, and will only do so on your instructions.',
    '',
    `Type: ${type.nb} / ${type.en}`,
    `Mottatt / received: ${entity.receivedOn}`,
    `Deres frist for å svare personen / your deadline to answer the person: ${entity.statutoryDue} (én måned fra mottak, GDPR art. 12(3) / one month from receipt)`,
    `Vår referanse / our reference: ${entity.reference}`,
    '',
    ...personWords(entity.details),
    ...(entity.type === 'rectification' && entity.details.changes
      ? ['Rettelser / corrections:', ...Object.entries(changesFrom(entity.details)).map(([field, value]) => `  ${field} → ${value}`)]
      : []),
    '',
    'Identifikatorer personen oppga / identifiers the person gave:',
    ...givenIdentifiers(identifiersGiven),
    '',
    `${us.name}, ${us.email}`,
  ].join('\n');
  return {
    to: to.contact,
    caseId: entity.id,
    subject: `[${entity.reference}] Videresendt personvernhenvendelse / forwarded data subject request: ${type.en}`,
    text,
  };
}

export function composeHoldEnded(
  entity: CaseEntity,
  people: PersonIdentifiers,
  system: SystemEntry,
  hold: { records: string; basis: string; until: string },
  reason: string,
): ComposedMail {
  const text = [
    `Oppbevaringsplikten for «${hold.records}» i «${system.name}» (sak ${entity.reference}) gikk ut ${hold.until} (${hold.basis}).`,
    'Opplysningene skal nå slettes eller anonymiseres, men det kunne ikke gjøres automatisk:',
    `  ${reason}`,
    '',
    `The legal hold on "${hold.records}" in "${system.name}" (case ${entity.reference}) ended on ${hold.until} (${hold.basis}).`,
    'The data must now be erased or anonymised, which could not be done automatically:',
    `  ${reason}`,
    '',
    'Personen / the person:',
    ...identifierLines(people),
  ].join('\n');
  return { to: system.owner, caseId: entity.id, subject: `[${entity.reference}] Slett etter oppbevaringsplikt / erase after legal hold: ${system.name}`, text };
}
