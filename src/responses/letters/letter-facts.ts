import type { Language, RejectionCode, RequestType } from '../../common/case-types';
import type { ControllerInfo } from '../../systems/data-map.schema';
import { isMarketingInstruction, type Disposition } from '../../common/dispositions/disposition';

/** A paragraph, optionally followed by a list. */
export interface LetterBlock {
  text?: string;
  items?: string[];
}

/** Every kind of answer letter this module writes (extension and information requests live in
 *  intake). `nothing-held`: every system reported it holds nothing; `answer`: the request's own
 *  effect (an erasure, a correction…) was not achieved anywhere, so the subject claims none. */
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
  'nothing-held',
  'answer',
] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

/** One system's share of the answer, as the letter tells it: only its dispositions are stated.
 *  No summary or other text the system's owner typed is carried here, so none can reach a letter. */
export interface TaskFact {
  systemId: string;
  systemName: string;
  action: string;
  status: string;
  /** The company's date the task finished (a stop, suppression or restriction applies from then). */
  finishedOn?: string;
  /** What happened to each record the task handled: the only facts the letter may state. */
  dispositions: Disposition[];
}

export interface LetterFacts {
  language: Language;
  reference: string;
  type: RequestType;
  receivedOn: string;
  /** The day the answer goes out (a stop or restriction without a task time applies from then). */
  answeredOn: string;
  controller: ControllerInfo;
  tasks: TaskFact[];
  /** Rectification: the fields the person asked to change and the values they gave. */
  changes: Array<{ field: string; new: string }>;
  /** Art 19: recipients actually told of the rectification, erasure or restriction. */
  notified: Array<{ name: string; system: string }>;
  /** Art 19: recipients not yet told. The letter promises nothing about them; completion waits
   *  until they are told or waived. */
  notNotified: Array<{ name: string; system: string }>;
  objection?: { processing: 'direct_marketing' | 'legitimate_interest'; decision: 'stop' | 'compelling_grounds' | null; grounds?: string };
  rejection?: { code: RejectionCode; reason: string };
  /** Access/portability: where and until when the package can be downloaded. */
  download?: { statusUrl: string; expiresOn: string };
  /** The requester's status page (no expiry). */
  statusUrl?: string;
  /** No e-mail address on the case: the letter and package go by post. */
  byPost?: boolean;
  /** The company's own words for this kind and language (responses/templates/); absent: the defaults. */
  template?: CompanyWords;
}

/** The company's greeting, closing and free paragraphs around the statutory body. They are not
 *  claims about the case: the composer places them, the statutory body stays the engine's. */
export interface CompanyWords {
  greeting: string | null;
  closing: string | null;
  before: string[];
  after: string[];
}

/** Every disposition of the case with the system it came from. */
export function allDispositions(facts: Pick<LetterFacts, 'tasks'>): Disposition[] {
  return facts.tasks.flatMap((task) => task.dispositions);
}

/** Which letter the dispositions call for: the subject may only claim what they record. */
export function letterKind(facts: Pick<LetterFacts, 'type' | 'tasks' | 'objection' | 'rejection'>): LetterKind {
  if (facts.rejection) return 'refusal';
  if (facts.type === 'objection' && facts.objection?.processing === 'legitimate_interest' && facts.objection.decision === 'compelling_grounds')
    return 'objection-refused';
  const all = allDispositions(facts);
  const has = (...kinds: Array<Disposition['kind']>) => all.some((item) => kinds.includes(item.kind));
  // A processor only passes the request on: the controller answers what was done.
  if (all.length && all.every((item) => item.kind === 'forwarded' && !isMarketingInstruction(item))) return 'forwarded';
  switch (facts.type) {
    case 'access':
      return 'access';
    case 'portability':
      if (has('disclosed')) return 'portability';
      break;
    case 'rectification':
      if (has('corrected')) return 'rectification';
      break;
    case 'erasure':
      if (has('erased', 'anonymised')) return has('kept', 'failed', 'restricted') ? 'erasure-partial' : 'erasure';
      break;
    case 'restriction':
      if (has('restricted')) return 'restriction';
      break;
    case 'objection':
      // A marketing processor instructed to stop is marketing stopped, as the letter states.
      if (has('suppressed', 'restricted', 'erased', 'anonymised') || all.some(isMarketingInstruction)) return 'objection';
      break;
  }
  if (all.length && all.every((item) => item.kind === 'not_held')) return 'nothing-held';
  return 'answer';
}
