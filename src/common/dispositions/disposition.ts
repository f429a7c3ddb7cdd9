/**
 * What happened to each record (or group of records) a task handled: the facts a letter, a notice
 * and the answer package are written from (ARCHITECTURE.md "Dispositions"). A task's outcome
 * carries a list of them (`outcome.dispositions`); connectors and the people who do manual tasks
 * both produce them, and nothing is said to the requester that no disposition backs.
 *
 * `what` names the records in a system-neutral word from RECORD_TYPES ("ticket", "customer",
 * "voucher") so letters can say it in the person's language; a person recording a manual outcome
 * may instead write their own words (shown as written). `what` and every other field hold no
 * personal data of the requester: values that identify them live in the exports, not here,
 * except the old and new value of a corrected field, which the requester gave or held.
 */

export const DISPOSITION_KINDS = [
  'disclosed',
  'erased',
  'anonymised',
  'corrected',
  'restricted',
  'suppressed',
  'kept',
  'forwarded',
  'not_held',
  'failed',
] as const;
export type DispositionKind = (typeof DISPOSITION_KINDS)[number];

/** Record types the letters can name in nb and en (letters/record-words). Anything else is shown as written. */
export const RECORD_TYPES = [
  'record',
  'user',
  'ticket',
  'ticket-comment',
  'attachment',
  /** A ticket's side thread with people outside it (e-mail, Slack, Teams, a child ticket). */
  'side-conversation',
  'customer',
  'associate',
  'contact',
  'contact-person',
  'invoice',
  'voucher',
  'ledger-entry',
  'order',
  'order-line',
  'marketing-subscription',
  'recording',
  'call-log-entry',
  'form-submission',
  'file',
  'e-mail',
  'note',
  /** What a marketing tool logged about the person: a campaign sent, opened or clicked, a sign-up. */
  'marketing-activity',
  /** E-mail and phone fields blanked on a record that itself is kept. */
  'contact-details',
  /** A value a field had before, kept in the system's change history (e.g. an old address). */
  'earlier-value',
] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/** Marketing channels a suppression can cover. */
export const CHANNELS = ['email', 'sms', 'phone', 'post', 'whatsapp'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * Why a record is kept despite erasure (Art 17(3)): `legal_obligation` (b) names the law, e.g.
 * "bokføringsloven § 13"; `legal_claims` (e) names the claim; the rest are the other exceptions.
 */
export const KEEP_BASES = ['legal_obligation', 'legal_claims', 'public_interest', 'archiving_research', 'freedom_of_expression'] as const;
export type KeepBasis = (typeof KEEP_BASES)[number];

/** Why nothing was held: searched and nothing found; the system never holds such data; deleted
 *  by routine retention before the request could reach it (say when); or the records cannot be
 *  tied to the person (Art 11(2)). */
export const NOT_HELD_REASONS = ['not_found', 'never_held', 'routine_deletion', 'cannot_identify'] as const;
export type NotHeldReason = (typeof NOT_HELD_REASONS)[number];

interface Records {
  /** A RECORD_TYPES word, or a person's own words for what the records are. */
  what: string;
  /** How many, when known. */
  count?: number;
}

export type Disposition =
  /** Handed to the person in the answer package (the data itself lives in the export). */
  | (Records & { kind: 'disclosed' })
  | (Records & { kind: 'erased' })
  | (Records & { kind: 'anonymised' })
  /** One field that really changed: old and new differ. */
  | (Records & { kind: 'corrected'; field: string; old: string; new: string })
  /** `how`: in plain words what stops the use, e.g. "tagged restricted, hidden from agents". */
  | (Records & { kind: 'restricted'; how: string })
  /** Marketing stopped on these channels. `minimalEntryOnly`: nothing of the person is kept
   *  beyond the suppression entry itself — only when the connector or person says so. */
  | (Records & { kind: 'suppressed'; channels: Channel[]; minimalEntryOnly: boolean })
  | (Records & {
      kind: 'kept';
      basis: KeepBasis;
      /** legal_obligation: the law and its rule, e.g. "bokføringsloven § 13 (5 years after the financial year)". */
      law?: string;
      /** legal_claims: the claim, e.g. "payment dispute over invoice 1042". */
      claim?: string;
      /** YYYY-MM-DD, the last day it is kept; or `criterion` when there is no date. */
      until?: string;
      criterion?: string;
      /** What the kept records may still be used for: a KEEP_BASES word for the use the basis
       *  itself allows (letters word it), or plain words, e.g. "bookkeeping, audit and tax control". */
      allowedUse: string;
    })
  | { kind: 'forwarded'; what?: string; count?: number; to: string; at: string }
  | {
      kind: 'not_held';
      reason: NotHeldReason;
      what?: string;
      /** routine_deletion: the day it was deleted (YYYY-MM-DD), or the routine, e.g. "overwritten after 7 days". */
      deletedOn?: string;
      routine?: string;
    }
  | { kind: 'failed'; what?: string; reason: string };

/** A `forwarded` of marketing data: a company processing it for our marketing was instructed to
 *  stop (Art 21(3)); the letters say "we have instructed X to stop", not "forwarded your request". */
export function isMarketingInstruction(item: Disposition): boolean {
  return item.kind === 'forwarded' && item.what === 'marketing-subscription';
}

export type DispositionOf<K extends DispositionKind> = Extract<Disposition, { kind: K }>;

/** Kinds that changed what the company holds or does: the ones Art 19 notices are about. */
export const CHANGING_KINDS: readonly DispositionKind[] = ['erased', 'anonymised', 'corrected', 'restricted'];
