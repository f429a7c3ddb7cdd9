import type { Language, RejectionCode, RequestType } from '../../common/case-types';
import type { ControllerInfo } from '../../systems/data-map.schema';
import type { RetainedRecords } from '../../connectors/connector';
import type { Disposition } from '../../common/dispositions/disposition';

/** Every kind of answer letter this module writes (extension and information requests live in intake). */
export const LETTER_KINDS = [
  'access',
  'portability',
  'rectification',
  'erasure',
  'erasure-partial',
  'objection',
  'objection-refused',
  'restriction',
  'forwarded',
  'refusal',
] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

/** One system's share of the answer, as the letter tells it. */
export interface TaskFact {
  systemId: string;
  systemName: string;
  action: string;
  status: string;
  /** The outcome's summary: for staff, in English, unless a person typed it (`byPerson`). */
  summary: string;
  /** The outcome was recorded by a person (manual task), so its summary is theirs to show. */
  byPerson: boolean;
  /** Export: how many records the system returned. */
  recordCount?: number;
  retained: Array<RetainedRecords & { restricted?: boolean }>;
  erased: string[];
  /** Processor role: the controller the request went to. */
  controller?: string;
  forwardedAt?: string;
  /** The system keeps accounting records (issued invoices are annotated, not changed). */
  keepsRecords: boolean;
  /** Rectification: case field → the distinct values the connector replaced ('' = empty). */
  previous?: Record<string, string[]>;
  /** Rectification: where the connector recorded the correction next to the issued invoices. */
  correctionNote?: 'customer-record' | 'case';
  /** The company's date the task finished (a stop or restriction applies from then). */
  finishedOn?: string;
  /** What happened to each record the task handled: the only facts the letter may state. */
  dispositions: Disposition[];
}

export interface LetterFacts {
  language: Language;
  reference: string;
  type: RequestType;
  receivedOn: string;
  /** The day the answer goes out (from when a stop or restriction applies). */
  answeredOn: string;
  controller: ControllerInfo;
  tasks: TaskFact[];
  /** Rectification: field, the value we had, the corrected value. */
  changes: Array<{ field: string; old: string | null; new: string }>;
  /** Art 19: recipients told of the rectification, erasure or restriction. */
  notified: Array<{ name: string; system: string }>;
  /** Art 19: recipients with no e-mail contact in the data map, to be told by other means. */
  notNotified: Array<{ name: string; system: string }>;
  objection?: { processing: 'direct_marketing' | 'legitimate_interest'; decision: 'stop' | 'compelling_grounds' | null; grounds?: string };
  rejection?: { code: RejectionCode; reason: string };
  /** Access/portability: where and until when the package can be downloaded. */
  download?: { statusUrl: string; expiresOn: string };
  /** The requester's status page (no expiry). */
  statusUrl?: string;
  /** No e-mail address on the case: the letter and package go by post. */
  byPost?: boolean;
  holdsData: boolean;
}

/** Which letter the outcomes call for. */
export function letterKind(facts: Pick<LetterFacts, 'type' | 'tasks' | 'objection' | 'rejection'>): LetterKind {
  if (facts.rejection) return 'refusal';
  const own = facts.tasks.filter((task) => task.action !== 'forward');
  if (!own.length && facts.tasks.some((task) => task.action === 'forward')) return 'forwarded';
  switch (facts.type) {
    case 'access':
      return 'access';
    case 'portability':
      return 'portability';
    case 'rectification':
      return 'rectification';
    case 'erasure':
      return own.some((task) => task.status === 'retained') ? 'erasure-partial' : 'erasure';
    case 'restriction':
      return 'restriction';
    case 'objection':
      return facts.objection?.processing === 'legitimate_interest' && facts.objection.decision === 'compelling_grounds' ? 'objection-refused' : 'objection';
  }
}
