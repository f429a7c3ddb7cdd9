import type { CaseEntity } from '../cases/case.entity';
import { caseStage } from '../cases/case-stage';
import { isClosed } from '../cases/case-transitions';
import type { Language } from '../common/case-types';
import { REQUEST_TYPE_WORDS, dayInWords } from '../common/request-type-words';
import type { AnswerLink } from '../public-site/answer-links';
import { PAGE_COPY } from '../public-site/pages/page-copy';

type StepKey = 'received' | 'confirmed' | 'working' | 'review' | 'done';
const STEPS: StepKey[] = ['received', 'confirmed', 'working', 'review', 'done'];

export interface StatusView {
  reference: string;
  typeLabel: string;
  received: string;
  deadline: string;
  now: string;
  steps: Array<{ label: string; state: 'done' | 'current' | 'todo'; current: boolean }>;
  extension: { extended: string; reason: string } | null;
  answer: { url: string; expires: string | null } | null;
  closed: boolean;
  /** The page where claimed identifiers can be proven, while any can. */
  proveUrl: string | null;
}

/** Which step a case is on, in plain words. Shows what the person typed or was told, nothing
 *  else: no name, e-mail, staff notes or pause reason (that went to their inbox). */
export function statusView(
  entity: CaseEntity,
  language: Language,
  answer: AnswerLink | null,
  dayOf: (instant: Date) => string,
  proveUrl: string | null = null,
  approvalTypes: readonly string[] = [],
): StatusView {
  const copy = PAGE_COPY[language].status;
  const unverified = entity.status === 'rejected' && entity.rejectionCode === 'unverified';
  const stage = caseStage(entity, approvalTypes);
  const nowKey = stage === 'being_handled' ? 'in_progress' : unverified ? 'unverified' : stage;
  const current: StepKey = {
    awaiting_verification: 'received',
    in_progress: 'working',
    awaiting_review: 'review',
    completed: 'done',
    rejected: 'done',
    withdrawn: 'done',
    merged: 'done',
  }[entity.status] as StepKey;
  const currentIndex = STEPS.indexOf(current);
  const closed = isClosed(entity);
  return {
    reference: entity.reference,
    typeLabel: REQUEST_TYPE_WORDS[language][entity.type].label,
    received: dayInWords(entity.receivedOn, language),
    deadline: dayInWords(entity.effectiveDue, language),
    now: copy.now[nowKey],
    steps: STEPS.map((key, index) => {
      const state = index < currentIndex || (closed && index === currentIndex) ? 'done' : index === currentIndex ? 'current' : 'todo';
      return { label: copy.steps[key], state, current: index === currentIndex };
    }),
    extension: entity.extendedDue && entity.extensionReason ? { extended: dayInWords(entity.extendedDue, language), reason: entity.extensionReason } : null,
    answer: answer ? { url: answer.url, expires: answer.expiresAt ? dayInWords(dayOf(answer.expiresAt), language) : null } : null,
    closed: closed && !answer,
    proveUrl: closed ? null : proveUrl,
  };
}
