import type { CaseEntity } from '../../cases/case.entity';
import { CHANNELS, type Channel } from '../../common/dispositions/disposition';
import type { CaseIdentifierEntity } from '../../identity/case-identifier.entity';
import { isEstablished } from '../../identity/identity-types';
import type { ComposedMail } from '../../notifications/mail-composer.registry';
import type { SystemEntry } from '../../systems/data-map.schema';
import { textIn } from '../../systems/localized-text';
import type { Language } from '../../common/case-types';
import { humanDuration } from '../../common/human-duration';
import { dayInWords, REQUEST_TYPE_NAMES } from '../../common/request-type-words';
import { taskActionName } from '../../common/task-action-words';
import { IDENTIFIER_KIND_WORDS } from './identifier-words';
import type { CaseTaskEntity } from '../tasks/case-task.entity';
import { escalationDelayMs, needsPreservation, routineDeletionAt } from './preservation';
import type { CasePreservationEntity } from './preservation.entity';

/** Owners' e-mails for fan-out, in the owner's language (their staff account's setting, nb for an
 *  address without an account); what goes to a processor or another controller is in the language
 *  the data map gives it (forward-mail.ts, processor-instruction-mail.ts). The owner needs the
 *  person's identifiers to search; nothing else about the person is included. */

const ACTION_TEXT: Record<string, Record<Language, string>> = {
  export: {
    nb: 'Finn alle opplysninger om personen i systemet og registrer hva som finnes (innsyn).',
    en: 'Find everything the system holds about the person and record what you found (access).',
  },
  erase: {
    nb: 'Slett opplysningene om personen. Det som må beholdes etter lov (f.eks. bokføringsloven § 13), registreres som beholdt, med grunnlag og dato.',
    en: 'Delete the data about the person. What the law requires us to keep (e.g. bokføringsloven § 13) is recorded as kept, with its basis and end date.',
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

/** Channels as the owner's task names them. */
const CHANNEL_TEXT: Record<Language, Record<Channel, string>> = {
  nb: { email: 'e-post', sms: 'SMS', phone: 'telefon', post: 'brev i posten', whatsapp: 'WhatsApp' },
  en: { email: 'e-mail', sms: 'text messages', phone: 'phone calls', post: 'letters by post', whatsapp: 'WhatsApp' },
};

/** An objection to direct marketing: the owner stops exactly the channels the data map names for
 *  the system (every channel when it names none) and records the ones stopped. */
function marketingText(system: SystemEntry, language: Language): string {
  const channels = (system.marketingChannels ?? CHANNELS).map((channel) => CHANNEL_TEXT[language][channel]).join(', ');
  return language === 'nb'
    ? `Personen protesterer mot direkte markedsføring (art. 21(3)), som må stanses uten unntak. Stans all markedsføring til personen i disse kanalene: ${channels}. Registrer utfallet som stanset, med bare kanalene som faktisk er stanset.`
    : `The person objects to direct marketing (Art 21(3)), which must stop without exception. Stop all marketing to the person on these channels: ${channels}. Record the outcome as stopped, with only the channels actually stopped.`;
}

const IDENTIFIER_WORDS = {
  nb: {
    none: '  (ingen bekreftede identifikatorer ennå)',
    claimed: (count: number) => `  ${count} oppgitt(e), men ikke bevist(e) identifikator(er) er utelatt; bruk bare de over.`,
  },
  en: {
    none: '  (no established identifiers yet)',
    claimed: (count: number) => `  ${count} identifier(s) the requester gave but did not prove are left out; use only those above.`,
  },
};

/** The identifiers a person may search with: only established ones. What the requester merely
 *  claimed is left out (a person searching by it could act on someone else's data); the reader is
 *  told how many, so a handler can decide on them on the case page. */
export function identifierLines(people: PersonIdentifiers, language: Language): string[] {
  const words = IDENTIFIER_WORDS[language];
  const lines = people.established.map((identifier) => `  ${IDENTIFIER_KIND_WORDS[language][identifier.kind] ?? identifier.kind}: ${identifier.given}`);
  if (!lines.length) lines.push(words.none);
  if (people.claimedCount > 0) lines.push(words.claimed(people.claimedCount));
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

const TASK_WORDS = {
  nb: {
    needs: (ref: string, type: string, system: string) => `Sak ${ref} (${type}) trenger en manuell oppgave i «${system}».`,
    person: 'Personen:',
    corrections: 'Rettelser:',
    note: 'Merknad',
    deadline: 'Frist',
    record: 'Registrer utfallet',
    urgent: 'BEVAR NÅ – ',
    task: 'Oppgave',
    reminder: (n: number, system: string, ref: string) => `Påminnelse ${n}: oppgaven i «${system}» for sak ${ref} er ikke registrert ferdig.`,
    reminderSubject: 'Påminnelse',
    waited: (system: string, ref: string, owner: string, days: number) => `Oppgaven i «${system}» for sak ${ref} har ventet på ${owner} i ${days} dager.`,
    routine: (period: string, on: string) => `Rutinemessig sletting (etter ${period}) fjerner opplysningene ${on}: sørg for at de blir bevart.`,
    escalated: 'Eskalert',
    open: 'Åpne saken',
    askedAtReceipt: (from: string, to: string, system: string, on: string) =>
      `Du ble bedt om å bevare opplysningene fra ${from} til ${to} i «${system}» ${on} (egen e-post); det gjelder fortsatt.`,
    preserveNow: (system: string, period: string, from: string, gone: string) =>
      `BEVAR NÅ: «${system}» sletter eller overskriver opplysninger etter ${period}. Ta straks vare på opptak/opplysninger om personen fra og med ${from} for denne henvendelsen, og hold dem utenfor rutinemessig sletting til saken er lukket – ellers er de borte før ${gone}.`,
  },
  en: {
    needs: (ref: string, type: string, system: string) => `Case ${ref} (${type}) needs a manual task in "${system}".`,
    person: 'The person:',
    corrections: 'Corrections:',
    note: 'Note',
    deadline: 'Deadline',
    record: 'Record the outcome',
    urgent: 'PRESERVE NOW – ',
    task: 'Task',
    reminder: (n: number, system: string, ref: string) => `Reminder ${n}: the task in "${system}" for case ${ref} has no outcome yet.`,
    reminderSubject: 'Reminder',
    waited: (system: string, ref: string, owner: string, days: number) => `The task in "${system}" for case ${ref} has waited for ${owner} for ${days} days.`,
    routine: (period: string, on: string) => `Routine deletion (after ${period}) removes the data on ${on}: make sure it is preserved.`,
    escalated: 'Escalated',
    open: 'Open the case',
    askedAtReceipt: (from: string, to: string, system: string, on: string) =>
      `You were asked on ${on} (separate e-mail) to preserve the records from ${from} to ${to} in "${system}"; that still applies.`,
    preserveNow: (system: string, period: string, from: string, gone: string) =>
      `PRESERVE NOW: "${system}" deletes or overwrites data after ${period}. Preserve the recordings/records about the person from ${from} on for this request at once, and keep them out of routine deletion until the case is closed – otherwise they are gone before ${gone}.`,
  },
};

/** Where to record the outcome: the task page (the API call is for those who script it). */
function outcomeHowTo(publicUrl: string, entity: CaseEntity, task: CaseTaskEntity, language: Language): string[] {
  return [
    `${TASK_WORDS[language].record}: ${taskLink(publicUrl, task)}`,
    `  (API: POST ${publicUrl}/api/v1/cases/${entity.reference}/tasks/${task.id}/outcome)`,
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
  atReceipt: AtReceipt | null,
  language: Language,
): ComposedMail {
  const words = TASK_WORDS[language];
  const what =
    task.action === 'restrict' && task.params.scope === 'marketing'
      ? marketingText(system, language)
      : (ACTION_TEXT[task.action] ?? ACTION_TEXT.export)[language];
  // One notice per case and system: what was decided at receipt stands; only a case checked before
  // receipt-time preservation existed gets the notice here.
  const preserve = !atReceipt && needsPreservation(entity, system, task.action, since);
  const text = [
    ...(preserve ? [preservationLine(entity, system, since, language), ''] : []),
    ...(atReceipt?.status === 'requested' && atReceipt.requestedAt
      ? [askedAtReceiptLine(atReceipt as AtReceipt & { requestedAt: Date }, system, language), '']
      : []),
    words.needs(entity.reference, REQUEST_TYPE_NAMES[language][entity.type], textIn(system.texts.name, language)),
    what,
    '',
    words.person,
    ...identifierLines(people, language),
    ...(task.action === 'rectify' ? ['', words.corrections, ...changesLines(task)] : []),
    ...(note ? ['', `${words.note}: ${note}`] : []),
    '',
    `${words.deadline}: ${dayInWords(entity.effectiveDue, language)}`,
    ...outcomeHowTo(publicUrl, entity, task, language),
  ].join('\n');
  const urgent = preserve ? words.urgent : '';
  return {
    to: system.owner,
    caseId: entity.id,
    subject: `[${entity.reference}] ${urgent}${words.task}: ${textIn(system.texts.name, language)} (${taskActionName(task.action, language)})`,
    text,
  };
}

/** The preservation decided for this system when the case was received (preservation.service.ts). */
export type AtReceipt = Pick<CasePreservationEntity, 'status' | 'periodFrom' | 'periodTo' | 'requestedAt'>;

function askedAtReceiptLine(atReceipt: AtReceipt & { requestedAt: Date }, system: SystemEntry, language: Language): string {
  const day = (iso: string) => dayInWords(iso, language);
  return TASK_WORDS[language].askedAtReceipt(
    day(atReceipt.periodFrom),
    day(atReceipt.periodTo),
    textIn(system.texts.name, language),
    day(atReceipt.requestedAt.toISOString().slice(0, 10)),
  );
}

/** First in the mail: what routine deletion would remove before the case is answered. */
function preservationLine(entity: CaseEntity, system: SystemEntry, since: Date, language: Language): string {
  const gone = routineDeletionAt(system, since)!.toISOString().slice(0, 10);
  const day = (iso: string) => dayInWords(iso, language);
  return TASK_WORDS[language].preserveNow(
    textIn(system.texts.name, language),
    humanDuration(system.retention.period!, language),
    day(entity.receivedOn),
    day(gone),
  );
}

export function composeManualReminder(
  entity: CaseEntity,
  task: CaseTaskEntity,
  system: SystemEntry,
  publicUrl: string,
  number: number,
  language: Language,
): ComposedMail {
  const words = TASK_WORDS[language];
  const text = [
    words.reminder(number, textIn(system.texts.name, language), entity.reference),
    `${words.deadline}: ${dayInWords(entity.effectiveDue, language)}`,
    ...outcomeHowTo(publicUrl, entity, task, language),
  ].join('\n');
  return {
    to: system.owner,
    caseId: entity.id,
    subject: `[${entity.reference}] ${words.reminderSubject}: ${textIn(system.texts.name, language)} (${taskActionName(task.action, language)})`,
    text,
  };
}

export function composeManualEscalation(
  entity: CaseEntity,
  task: CaseTaskEntity,
  system: SystemEntry,
  publicUrl: string,
  to: string,
  since: Date,
  language: Language,
): ComposedMail {
  const words = TASK_WORDS[language];
  const days = Math.round(escalationDelayMs(system, since) / (24 * 3600 * 1000));
  const gone = routineDeletionAt(system, since);
  const text = [
    words.waited(textIn(system.texts.name, language), entity.reference, system.owner, days),
    ...(needsPreservation(entity, system, task.action, since)
      ? [words.routine(humanDuration(system.retention.period!, language), dayInWords(gone!.toISOString().slice(0, 10), language))]
      : []),
    `${words.deadline}: ${dayInWords(entity.effectiveDue, language)}`,
    `${words.open}: ${caseLink(publicUrl, entity, task)}`,
  ].join('\n');
  return {
    to,
    caseId: entity.id,
    subject: `[${entity.reference}] ${words.escalated}: ${textIn(system.texts.name, language)} (${taskActionName(task.action, language)})`,
    text,
  };
}
