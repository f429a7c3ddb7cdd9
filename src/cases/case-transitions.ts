import { conflict } from '../common/domain-error';
import type { CaseEntity } from './case.entity';
import type { ExtensionNoticeRoute } from './extension-notice-route';
import { CLOSED_STATUSES, objectionKind, type CaseStatus, type RejectionCode } from '../common/case-types';

/**
 * The case's state machine. Each transition checks the case may take it, changes the row, and
 * returns the domain event it stands for; the service saves the row and audits the event in one
 * transaction, then publishes it. A refused transition throws a 409 that says why.
 *
 *   awaiting_verification → in_progress → awaiting_review → completed
 *          └──────────────────┴───────────────┴──→ rejected / withdrawn / merged
 */
/** Every event a case change publishes (and audits); `CaseChangedEvent.type` is one of these.
 *  Only this file (and registration, in CasesService) creates them. */
export const CASE_EVENT_TYPES = [
  'case.registered',
  'case.verified',
  'case.approved',
  'case.assigned',
  'case.extended',
  'case.extension_notified',
  'case.paused',
  'case.information_requested',
  'case.resumed',
  'case.awaiting_review',
  'case.completed',
  'case.rejected',
  'case.withdrawn',
  'case.merged',
  'case.merged_in',
  'case.flagged_excessive',
  'case.unflagged_excessive',
  'case.objection_decided',
  'authority.accepted',
  'authority.rejected',
] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];

/** The events that close a case (its side effects end: exports, preservation, reminders). */
export const CLOSING_EVENT_TYPES: readonly CaseEventType[] = ['case.completed', 'case.rejected', 'case.withdrawn', 'case.merged'];

export interface CaseEvent {
  type: CaseEventType;
  data: Record<string, unknown>;
  /** True when the case's deadlines (and so its alert jobs) moved or stopped. */
  deadlinesChanged?: boolean;
}

const LABEL: Record<CaseStatus, string> = {
  awaiting_verification: 'awaiting verification',
  in_progress: 'in progress',
  awaiting_review: 'awaiting review',
  completed: 'completed',
  rejected: 'rejected',
  withdrawn: 'withdrawn',
  merged: 'merged into another case',
};

export function isClosed(entity: Pick<CaseEntity, 'status'>): boolean {
  return CLOSED_STATUSES.includes(entity.status);
}

function requireOpen(entity: CaseEntity, action: string): void {
  if (isClosed(entity)) throw conflict(`Cannot ${action}: the case is ${LABEL[entity.status]}.`, { code: 'case_closed', params: { status: entity.status } });
}

function requireStatus(entity: CaseEntity, allowed: CaseStatus[], action: string): void {
  requireOpen(entity, action);
  if (!allowed.includes(entity.status)) {
    throw conflict(`Cannot ${action} while the case is ${LABEL[entity.status]}.`, { code: 'state_forbids', params: { status: entity.status } });
  }
}

export function verify(entity: CaseEntity, method: string, at: Date): CaseEvent {
  requireStatus(entity, ['awaiting_verification'], 'verify identity');
  entity.status = 'in_progress';
  entity.verifiedAt = at;
  entity.verificationMethod = method;
  return { type: 'case.verified', data: { method } };
}

/** Where the records an approval covers stand (the connectors module reads them). */
export interface ApprovalRecords {
  /** A system's search for the person's records is not finished. */
  searching: boolean;
  /** A possible match waits for a handler's decision. */
  undecided: boolean;
  /** The latest approval was given for exactly the records the engine would act on now. */
  approvalCurrent: boolean;
}

/** An approval is of exactly the records that will be touched: only once they are known, and again
 *  when they changed since the last one. */
export function approve(entity: CaseEntity, at: Date, records: ApprovalRecords = { searching: false, undecided: false, approvalCurrent: true }): CaseEvent {
  requireStatus(entity, ['in_progress'], 'approve');
  if (records.searching) throw conflict("Cannot approve: the search for the person's records is not finished.", { code: 'records_searching' });
  if (records.undecided) throw conflict('Cannot approve: a possible match must be confirmed or rejected first.', { code: 'matches_undecided' });
  if (entity.approvedAt && records.approvalCurrent) throw conflict('Cannot approve: the case is already approved.', { code: 'already_approved' });
  entity.approvedAt = at;
  return { type: 'case.approved', data: {} };
}

export function assign(entity: CaseEntity, assigneeId: string | null): CaseEvent {
  requireOpen(entity, 'assign');
  const previous = entity.assigneeId;
  entity.assigneeId = assigneeId;
  return { type: 'case.assigned', data: { assigneeId, previousAssigneeId: previous } };
}

export function extend(entity: CaseEntity, reason: string, extendedDue: string, at: Date, breaksPromise: boolean, route: ExtensionNoticeRoute): CaseEvent {
  requireOpen(entity, 'extend the deadline');
  entity.extendedDue = extendedDue;
  entity.extensionReason = reason;
  // By e-mail the notice with the reasons is queued in the same step (Art 12(3): the requester is
  // told before the first deadline), so the decision and "told" share one moment. By post the
  // requester is told only when someone has posted the letter (extensionPosted).
  entity.extensionNotifiedAt = route === 'email' ? at : null;
  entity.extensionNotifiedBy = route === 'email' ? 'email' : null;
  return { type: 'case.extended', data: { reason, extendedDue, breaksPromise, notice: route }, deadlinesChanged: true };
}

/** The extension letter for a case without e-mail was posted: now the requester counts as told. */
export function extensionPosted(entity: CaseEntity, at: Date): CaseEvent {
  if (!entity.extendedDue) throw conflict('Cannot record the extension letter as posted: the deadline was not extended.', { code: 'not_extended' });
  if (entity.extensionNotifiedAt) {
    throw conflict(`The requester was already told of the extension (${entity.extensionNotifiedBy ?? 'email'}).`, { code: 'extension_already_notified' });
  }
  entity.extensionNotifiedAt = at;
  entity.extensionNotifiedBy = 'post';
  return { type: 'case.extension_notified', data: { by: 'post' } };
}

export function pause(entity: CaseEntity, reason: string, at: Date): CaseEvent {
  requireStatus(entity, ['awaiting_verification', 'in_progress', 'awaiting_review'], 'pause the clock');
  if (entity.pausedAt) throw conflict('Cannot pause: the clock is already paused.', { code: 'already_paused' });
  entity.pausedAt = at;
  entity.pauseReason = reason;
  return { type: 'case.paused', data: { reason }, deadlinesChanged: true };
}

/** Asking the requester for information is always possible on an open case; the clock stops only
 *  when the company's policy lets it (`mayPause`) and it is not already stopped. */
export function requestInformation(entity: CaseEntity, message: string, at: Date, mayPause: boolean): CaseEvent {
  requireStatus(entity, ['awaiting_verification', 'in_progress', 'awaiting_review'], 'ask the requester for information');
  if (mayPause && !entity.pausedAt) {
    entity.pausedAt = at;
    entity.pauseReason = message;
    return { type: 'case.paused', data: { reason: message, informationRequested: true }, deadlinesChanged: true };
  }
  return { type: 'case.information_requested', data: { reason: message, requestedAt: at.toISOString(), clockPaused: Boolean(entity.pausedAt) } };
}

export function resume(entity: CaseEntity, pausedDays: number): CaseEvent {
  requireOpen(entity, 'resume the clock');
  if (!entity.pausedAt) throw conflict('Cannot resume: the clock is not paused.', { code: 'not_paused' });
  entity.pausedAt = null;
  entity.pauseReason = null;
  entity.pausedDays += pausedDays;
  return { type: 'case.resumed', data: { pausedDays, totalPausedDays: entity.pausedDays }, deadlinesChanged: true };
}

export function submitForReview(entity: CaseEntity): CaseEvent {
  requireStatus(entity, ['in_progress'], 'send for review');
  entity.status = 'awaiting_review';
  return { type: 'case.awaiting_review', data: {} };
}

export function complete(entity: CaseEntity, at: Date): CaseEvent {
  requireStatus(entity, ['in_progress', 'awaiting_review'], 'complete');
  close(entity, 'completed', at);
  return { type: 'case.completed', data: {}, deadlinesChanged: true };
}

export function reject(entity: CaseEntity, code: RejectionCode, reason: string, at: Date): CaseEvent {
  requireOpen(entity, 'reject');
  entity.rejectionCode = code;
  entity.rejectionReason = reason;
  close(entity, 'rejected', at);
  return { type: 'case.rejected', data: { reasonCode: code, reason }, deadlinesChanged: true };
}

export function withdraw(entity: CaseEntity, at: Date): CaseEvent {
  requireOpen(entity, 'withdraw');
  close(entity, 'withdrawn', at);
  return { type: 'case.withdrawn', data: {}, deadlinesChanged: true };
}

/**
 * A handler merges `duplicate` into `survivor`, two open cases of the same person asking for the
 * same thing (the caller checked they share an established identifier). The survivor answers for
 * both from the earliest receipt; the duplicate closes as `merged` and sends nothing. The
 * survivor's deadlines are recomputed by the caller (they depend on the company's policy).
 */
export function merge(survivor: CaseEntity, duplicate: CaseEntity, at: Date): { survivorEvent: CaseEvent; duplicateEvent: CaseEvent } {
  if (survivor.id === duplicate.id) throw conflict('Cannot merge a case with itself.', { code: 'merge_self' });
  requireOpen(survivor, 'merge');
  requireOpen(duplicate, 'merge');
  if (survivor.type !== duplicate.type) {
    throw conflict(
      `Cannot merge: ${duplicate.reference} is a ${duplicate.type} request and ${survivor.reference} a ${survivor.type} request; only requests of the same type merge.`,
      {
        code: 'merge_types_differ',
        params: { reference: duplicate.reference },
      },
    );
  }
  // Its systems were already told to act: the work is under way and must finish (or be rejected)
  // with its own answer rather than disappear into another case.
  if (duplicate.approvedAt) {
    throw conflict(`Cannot merge: ${duplicate.reference} was already approved and its systems told to act; merge the other way round or finish it.`, {
      code: 'merge_duplicate_approved',
      params: { reference: duplicate.reference },
    });
  }
  const before = { receivedAt: survivor.receivedAt.toISOString(), receivedOn: survivor.receivedOn, effectiveDue: survivor.effectiveDue };
  if (duplicate.receivedAt.getTime() < survivor.receivedAt.getTime()) {
    survivor.receivedAt = duplicate.receivedAt;
    survivor.receivedOn = duplicate.receivedOn;
  }
  duplicate.mergedIntoId = survivor.id;
  close(duplicate, 'merged', at);
  return {
    survivorEvent: {
      type: 'case.merged_in',
      data: { merged: duplicate.reference, mergedReceivedOn: duplicate.receivedOn, before, receivedOn: survivor.receivedOn },
      deadlinesChanged: true,
    },
    duplicateEvent: { type: 'case.merged', data: { into: survivor.reference }, deadlinesChanged: true },
  };
}

export function flagExcessive(entity: CaseEntity, flagged: boolean, reason: string): CaseEvent {
  requireOpen(entity, 'flag the request');
  entity.flaggedExcessive = flagged;
  return { type: flagged ? 'case.flagged_excessive' : 'case.unflagged_excessive', data: { reason } };
}

/** Art 21(1): a handler weighs an objection to processing based on legitimate interest (direct
 *  marketing stops without a decision). The decision itself is stored by the connectors module,
 *  which owns it, in the same transaction. */
export function decideObjection(entity: CaseEntity, decision: 'stop' | 'compelling_grounds', grounds: string): CaseEvent {
  if (entity.type !== 'objection' || objectionKind(entity.details) !== 'legitimate_interest') {
    throw conflict('Only an objection to processing based on legitimate interest needs a decision; direct marketing stops without one.');
  }
  if (entity.status !== 'in_progress') throw conflict(`Cannot decide while the case is ${entity.status.replace(/_/g, ' ')}.`);
  return { type: 'case.objection_decided', data: { decision, grounds } };
}

/** Staff accepted the authority of someone acting on the person's behalf (the representation
 *  module checks and stores the decision; the case may then run). */
export function acceptAuthority(data: { relationship: string; coversAnswer: boolean; reason: string }): CaseEvent {
  return { type: 'authority.accepted', data };
}

/** Staff refused the authority; the case is then rejected (`reject`). */
export function refuseAuthority(data: { relationship: string; reason: string }): CaseEvent {
  return { type: 'authority.rejected', data };
}

function close(entity: CaseEntity, status: CaseStatus, at: Date): void {
  entity.status = status;
  entity.closedAt = at;
  if (entity.pausedAt) {
    entity.pausedAt = null;
    entity.pauseReason = null;
  }
}
