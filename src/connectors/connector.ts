import type { Disposition, KeepBasis, RecordType } from '../common/dispositions/disposition';
import type { Language } from '../common/case-types';

/**
 * The contract every connector fulfils, one implementation per kind of system (ARCHITECTURE.md "The life of a case", docs/connectors.md).
 * Instances are stateless: everything a call needs comes in through its arguments, so one
 * instance serves every case and every worker concurrently.
 */

/** Who the request is about: only identifiers the engine has established (never what was merely
 *  claimed; see src/identity/). At least one field is set. */
export interface Subject {
  email?: string;
  name?: string;
  /** E.164 when the engine builds the subject. */
  phone?: string;
  customerNumber?: string;
  /**
   * When set, the connector reads, exports, changes and deletes only records whose `externalId`
   * (as its `find` returns it) is in this list; anything else its search finds is left alone.
   * The engine sets it to the records matched or confirmed (and approved) for the case.
   */
  onlyRecords?: string[];
}

/** The system's entry in the data map, as the connector needs it. `connection` holds plain
 *  settings; secrets are resolved from the environment by the name the data map gives. */
export interface SystemContext {
  systemId: string;
  connection: Record<string, unknown>;
  /** Resolves a secret by the env var name the data map gives (never inline secrets). */
  secret(envVarName: string): string;
}

/** A record the connector found for the subject (used to tell "found" from "not found"). */
export interface Match {
  /** The id of the record in the external system, e.g. a Zendesk user id. */
  externalId: string;
  /** What kind of record, e.g. "user", "associate", "contact". */
  kind: string;
  /** A short human label for staff (no more personal data than needed). */
  label?: string;
  /** The identifiers the record itself holds: compared with the case's identifiers (a claimed
   *  phone the subject's own record also holds is established) and, for a candidate, where a
   *  proof code may be sent (the contact on file, never what the requester typed). */
  holds?: RecordIdentifiers;
}

/** Identifiers a record holds. Phones in E.164 (src/identity/phone.ts), e-mails lower-cased. */
export interface RecordIdentifiers {
  emails?: string[];
  phones?: string[];
  customerNumbers?: string[];
  names?: string[];
  addresses?: string[];
}

/** One system's share of an access/portability answer. */
export interface ExportPart {
  /** What was disclosed, per record type (e.g. 1 user, 5 tickets); derived from `recordCount` when absent. */
  dispositions?: Disposition[];
  systemId: string;
  /** JSON-serialisable data, grouped by record type (e.g. { user: {...}, tickets: [...] }). */
  data: Record<string, unknown>;
  /** Optional tabular views for the CSV files of the package: name → rows. */
  tables?: Record<string, Array<Record<string, unknown>>>;
  /** How many records were found in total (0 = nothing held in this system). */
  recordCount: number;
  /** Binary files of the person's records (e.g. ticket attachments), sealed at rest like
   *  hand-over files and put in the package as files/<system>/<name>; names unique per system. */
  files?: PackageFile[];
}

/** A file a connector export carries into the answer package, byte for byte. */
export interface PackageFile {
  /** The file's name in the package, without folders (made unique by the connector). */
  name: string;
  /** As the source system states it (e.g. `image/png`); `application/octet-stream` when unknown. */
  contentType: string;
  bytes: Buffer;
}

export interface RetainedRecords {
  /** Which records were kept, e.g. "invoices and customer ledger entries". */
  records: string;
  /** The legal basis, e.g. "GDPR 6(1)(c) and 17(3)(b) with bokføringsloven § 13 (5-year rule)". */
  basis: string;
  /** YYYY-MM-DD until which they are kept. */
  until: string;
  /** The kept records' ids in the external system, stored with the hold (never shown to the
   *  requester): erasure at the end of the hold finds them by these once e-mail and phone are blank. */
  externalIds?: Record<string, unknown>;
}

/** A connector's summary in each staff language (see outcome-summary.ts). */
export type SummaryText = Record<Language, string>;

/** The outcome of one action against one system (task outcomes: ARCHITECTURE.md "The life of a case").
 *  `summary` is for staff only (English, may name internal ids); `summaryText`, when a connector
 *  gives it, is the same in each staff language for the case page. What the requester is told comes
 *  from `dispositions` alone, one per record or group of records handled (src/common/dispositions). */
export type Outcome = { summaryText?: SummaryText } & (
  | { status: 'done'; summary: string; details?: Record<string, unknown>; dispositions?: Disposition[] }
  | { status: 'not_found'; summary: string; dispositions?: Disposition[] }
  | {
      status: 'retained';
      summary: string;
      dispositions?: Disposition[];
      retained: RetainedRecords[];
      /** What was erased or blanked despite the hold. */
      erased?: string[];
      details?: Record<string, unknown>;
    }
  | { status: 'forwarded'; summary: string; controller: string; forwardedAt: string; dispositions?: Disposition[] }
  | { status: 'manual'; summary: string }
  | { status: 'failed'; summary: string; retryable: boolean; dispositions?: Disposition[] }
);

/** Rectification: field name (as in the case's details, e.g. "name", "phone", "email") → new value. */
export type Changes = Record<string, string>;

/** Which request a rectification belongs to, for a note the connector writes in the system. */
export interface RectifyRequest {
  reference: string;
}

/** A rectification's `details.previous`: case field → the distinct values the changed records
 *  held before ('' = empty). Stored on the task row for the letter's "old → new"; never logged
 *  or audited. */
export type PreviousValues = Record<string, string[]>;

/** Adds one record's old value of `field` to `previous`, once. */
export function notePrevious(previous: PreviousValues, field: string, value: unknown): void {
  const text = value === null || value === undefined ? '' : String(value);
  const seen = previous[field] ?? (previous[field] = []);
  if (!seen.includes(text)) seen.push(text);
}

/** Legal holds that apply to the system, from the data map. */
export interface RetentionRules {
  legalHolds: Array<{ records: string; basis: string; keepFor: string; from?: string }>;
}

export type RestrictScope = 'marketing' | 'processing';

/** A restriction's own facts: the case reference (for a note the connector writes) and the fields
 *  the person contests (Art 18(1)(a)); without `fields` the whole record is restricted. */
export interface RestrictRequest {
  reference: string;
  fields?: string[];
}

/**
 * Discover, review, execute (docs/plans.md). For erasure, restriction and rectification a
 * connector that can `survey` lists every record of the subject it would touch and proposes what
 * to do with each, changing nothing; a handler reviews that plan (keeping records with a basis,
 * restricting some, choosing fields); `execute` then does exactly the approved plan. A connector
 * without `survey` keeps acting per system through erase/restrict/rectify.
 */
export type PlanAction = 'erase' | 'keep' | 'restrict' | 'rectify' | 'none';

export const PLAN_ACTIONS: readonly PlanAction[] = ['erase', 'keep', 'restrict', 'rectify', 'none'];

/** Why and how long a record is kept despite the request: becomes its `kept` disposition. */
export interface KeepDecision {
  basis: KeepBasis;
  /** legal_obligation: the law, e.g. "bokføringsloven § 13". */
  law?: string;
  /** legal_claims: the claim, e.g. "payment dispute over invoice 1042". */
  claim?: string;
  /** YYYY-MM-DD, the last day it is kept; or `criterion` when there is no date. */
  until?: string;
  criterion?: string;
  /** What the kept record may still be used for (a KEEP_BASES word or plain words). */
  allowedUse: string;
  /** Also restricted while kept: tagged/flagged in the system so it is used for nothing else. */
  restrict: boolean;
}

/** What the request asks, as `survey` and `execute` need it. */
export interface PlanRequest {
  action: 'erase' | 'restrict' | 'rectify';
  /** rectify: case field → new value. */
  changes?: Changes;
  /** restrict: the fields the person contests (Art 18(1)(a)); absent = all their data. */
  contested?: string[];
  /** The case reference, for notes/tags the connector writes in the system. */
  reference: string;
  /** Today as the company counts days (YYYY-MM-DD), for hold dates and retention limits. */
  today: string;
}

/** One record `survey` found: a row of the plan. Holds no more personal data than a label needs. */
export interface SurveyedRecord {
  /** Stable id within the system and kind, e.g. "ticket:123", "user:45", "voucher:2019-778". */
  ref: string;
  recordType: RecordType;
  /** For staff, e.g. "Ticket #123 · Invoice 1042 disputed · 2026-10-02". */
  label: string;
  /** The label in each staff language (dates as people read them); `label` stays the English. */
  labelText?: SummaryText;
  /** YYYY-MM-DD the record was made (a voucher's date): what holds and routine deletion count from. */
  date?: string;
  /** The `ref` of the record this one belongs to (a ticket's requester user, a voucher's customer). */
  parent?: string;
  /** What the connector proposes: from the request, legal holds in the data map and retention limits. */
  proposed: PlanAction;
  /** Pre-filled when `proposed` is keep (e.g. a legal hold: financial year → until-date). */
  keep?: KeepDecision;
  /** Why it proposes this, for the handler (e.g. "past the § 13 limit since 2025-12-31"). */
  note?: string;
  /** The note in each staff language. */
  noteText?: SummaryText;
  /** restrict/rectify proposals: the fields of this record the proposal covers (the contested or
   *  corrected ones); the approved item carries them unless a handler changes them. Absent = the whole record. */
  fields?: string[];
}

/** One approved row: exactly what `execute` does to that record. */
export interface PlanItem {
  ref: string;
  recordType: RecordType;
  action: PlanAction;
  /** With action keep (or erase refused by a basis): the basis; `restrict` marks it restricted. */
  keep?: KeepDecision;
  /** restrict/rectify: only these fields (the note or flag names them); absent = the whole record. */
  fields?: string[];
  parent?: string;
  /** The handler left the connector's proposal as it was (action and keep): a connector whose
   *  proposals are its own routine may run that routine for such a plan. */
  asProposed?: boolean;
}

export interface Connector {
  readonly type: string;
  find(ctx: SystemContext, subject: Subject): Promise<Match[]>;
  export(ctx: SystemContext, subject: Subject): Promise<ExportPart>;
  rectify(ctx: SystemContext, subject: Subject, changes: Changes, request?: RectifyRequest): Promise<Outcome>;
  erase(ctx: SystemContext, subject: Subject, retention: RetentionRules): Promise<Outcome>;
  restrict(ctx: SystemContext, subject: Subject, scope: RestrictScope, request?: RestrictRequest): Promise<Outcome>;
  /** Problems with the shape of a system's `connection` ("connection.<field>: <problem>"), checked at boot. */
  checkConnection(connection: Record<string, unknown>): string[];
  /** The names the data map gives (tables, fields), looked up in the system itself with one cheap
   *  query: the wrong ones, each in every staff language naming the setting as it is written
   *  ("connection.<setting>: …"), [] when all exist. Run once per system when the worker starts
   *  (system-checks/); throws when the system cannot be reached or asked. */
  checkNames?(ctx: SystemContext): Promise<SummaryText[]>;
  /** Lists the records a request would touch and proposes a disposition per record; changes nothing. */
  survey?(ctx: SystemContext, subject: Subject, request: PlanRequest, retention: RetentionRules): Promise<SurveyedRecord[]>;
  /** Does exactly the approved plan (every item, nothing else); dispositions per record type and action. */
  execute?(ctx: SystemContext, subject: Subject, request: PlanRequest, items: PlanItem[], retention: RetentionRules): Promise<Outcome>;
  /** Lifts a restriction this connector applied, by what its outcome recorded in `details` (e.g.
   *  removes the one note it wrote); a connector without it leaves the lift to the system owner. */
  liftRestriction?(ctx: SystemContext, restricted: Record<string, unknown>): Promise<Outcome>;
  /** Erases records kept under a hold that has ended, by the `externalIds` recorded with it. */
  eraseRetained?(ctx: SystemContext, externalIds: Record<string, unknown>, retention: RetentionRules): Promise<Outcome>;
}
