import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { STAFF_DIRECTORY, type StaffDirectory } from '../common/auth/staff-directory';
import { Clock } from '../common/clock';
import { conflict, invalid, notFound } from '../common/domain-error';
import { DeadlineService } from '../deadlines/deadline.service';
import { receivedOnProblem } from '../deadlines/policy/deadline-policy';
import { discoverMethods } from '../common/discovered-methods';
import { CaseEntity } from './case.entity';
import { CASE_HOOK, REGISTRATION_JOBS, type CaseHookKind } from './case-hooks';
import { CASE_CHANGED, type CaseChangedEvent } from './case-events';
import { nextCaseReference } from './case-reference';
import type { CaseEvent } from './case-transitions';
import * as transitions from './case-transitions';
import type { CaseOrigin, Channel, Language, RejectionCode, RequestType } from '../common/case-types';
import { normaliseEmail } from '../identity/email';
import { identifiersOfSubject, type GivenIdentifier } from '../identity/identifier-input';
import type { IdentifierKind } from '../identity/identity-types';
import { IdentityService } from '../identity/identity.service';
import { ExtensionNoticeRouter } from './extension-notice-route';
import { DuplicateCasesReader } from './duplicate-cases';
import { carryIdentifiers } from './merge-identifiers';
import { JobOutbox } from '../queues/job-outbox/job-outbox';
import { jobRequest, type JobRequest } from '../queues/job-queue';
import { JobName, jobIds } from '../queues/queue-catalogue';

/** What a verification proves: the address a link was sent to, or what staff checked. */
export type VerificationProof = { kind: 'link'; sentTo: string | null } | { kind: 'staff'; kinds?: IdentifierKind[] };

/** A checked new case, before it has an id or a reference (see CasesService.prepare). */
export interface PreparedCase {
  now: Date;
  /** The year whose reference sequence numbers the case. */
  referenceYear: number;
  row: Omit<
    CaseEntity,
    | 'id'
    | 'reference'
    | 'extensionReason'
    | 'extensionNotifiedAt'
    | 'extensionNotifiedBy'
    | 'pausedAt'
    | 'pauseReason'
    | 'pausedDays'
    | 'approvedAt'
    | 'assigneeId'
    | 'rejectionCode'
    | 'rejectionReason'
    | 'flaggedExcessive'
    | 'createdAt'
    | 'updatedAt'
    | 'closedAt'
    | 'mergedIntoId'
    | 'version'
  >;
  auditData: Record<string, unknown>;
  actor: string;
  identifiers: GivenIdentifier[];
  identityVerifiedBy?: string;
}

export interface NewCase {
  type: RequestType;
  channel: Channel;
  receivedAt: Date;
  subject: { email?: string; name?: string; phone?: string; customerNumber?: string };
  details?: Record<string, unknown>;
  language?: Language;
  /** How staff confirmed identity, when they already did. */
  identityVerifiedBy?: string;
  /** `staff` unless the public intake registers it. */
  origin?: CaseOrigin;
}

/** Runs inside the completing transaction after the state check; what it returns joins the
 *  `case.completed` event's data. The responses module assembles and stores the answer here
 *  (a method marked `@CaseCompletionHook()`, found at start-up). */
export type CompletionHook = (entity: CaseEntity, manager: EntityManager, actor: string) => Promise<Record<string, unknown>>;

/** Runs inside the approving transaction: where the records stand (before the transition's
 *  checks) and, once it passed, storing the approval of exactly those records. The connectors
 *  module supplies it. */
export interface ApprovalGate {
  state(entity: CaseEntity, manager: EntityManager): Promise<transitions.ApprovalRecords>;
  record(entity: CaseEntity, manager: EntityManager, actor: string): Promise<Record<string, unknown>>;
}

/** A `@RegistrationJobs()` method (case-hooks.ts): what it stages with a case being registered. */
type RegistrationJobsHook = (saved: CaseEntity, manager: EntityManager) => Promise<JobRequest[]>;

/** Thrown inside the case transaction to roll it back when the case is not ready for review. */
class NotYet extends Error {}

/** How long an answer waits for the side effects of a committed change (see publish). */
const PUBLISH_WAIT_MS = 3000;

/** A received time a little ahead of our clock is tolerated (clock skew between machines). */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** The case aggregate's application service: every change is load-lock-apply-save-audit in one
 *  transaction, then a CASE_CHANGED event for the side effects. */
@Injectable()
export class CasesService implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('Cases');
  private completionHook: CompletionHook | null = null;
  private rejectionHook: CompletionHook | null = null;
  private approvalGate: ApprovalGate | null = null;
  private registrationJobs: RegistrationJobsHook[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly deadlines: DeadlineService,
    private readonly events: EventEmitter2,
    private readonly clock: Clock,
    private readonly identity: IdentityService,
    @Inject(STAFF_DIRECTORY) private readonly staff: StaffDirectory,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly extensionNotices: ExtensionNoticeRouter,
    private readonly duplicates: DuplicateCasesReader,
    private readonly jobOutbox: JobOutbox,
  ) {}

  /** Finds the completion and rejection hooks (each exactly once, or start-up stops naming it)
   *  and every module's registration jobs. */
  onModuleInit(): void {
    const hooks = discoverMethods<CaseHookKind>(this.discovery, this.scanner, CASE_HOOK);
    const one = (kind: CaseHookKind): CompletionHook => {
      const found = hooks.filter((hook) => hook.metadata === kind);
      if (found.length !== 1) {
        throw new Error(
          `cases need exactly one ${kind} hook (@Case${kind === 'completion' ? 'Completion' : 'Rejection'}Hook), found ${found.length}: ${found.map((hook) => hook.owner).join(', ') || 'none'}`,
        );
      }
      return (entity, manager, actor) => found[0].call(entity, manager, actor) as Promise<Record<string, unknown>>;
    };
    this.completionHook = one('completion');
    this.rejectionHook = one('rejection');
    this.registrationJobs = discoverMethods<true>(this.discovery, this.scanner, REGISTRATION_JOBS).map(
      (hook) => async (saved, manager) => (await hook.call(saved, manager)) as JobRequest[],
    );
  }

  /**
   * Checks a new case and works out everything about it that does not need the database: its
   * deadlines, its row, the facts its `case.registered` audit event records and its identifiers.
   * `register` saves it through TypeORM; the public intake saves it in one statement
   * (intake/registration/).
   */
  prepare(input: NewCase, actor: string): PreparedCase {
    const now = this.clock.now();
    if (Number.isNaN(input.receivedAt.getTime())) throw invalid('receivedAt', 'is not a valid date');
    if (input.receivedAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
      throw invalid('receivedAt', 'may not be in the future');
    }
    const receivedOn = this.deadlines.dayOf(input.receivedAt);
    const outOfRange = receivedOnProblem(receivedOn);
    if (outOfRange) throw invalid('receivedAt', outOfRange);
    const due = this.deadlines.forCase({ receivedOn, pausedDays: 0, extendedDue: null });
    const verified = input.identityVerifiedBy !== undefined;
    const row: PreparedCase['row'] = {
      type: input.type,
      channel: input.channel,
      origin: input.origin ?? 'staff',
      status: verified ? 'in_progress' : 'awaiting_verification',
      language: input.language ?? 'nb',
      subjectEmail: input.subject.email?.trim().toLowerCase() || null,
      subjectName: input.subject.name?.trim() || null,
      subjectPhone: input.subject.phone?.trim() || null,
      subjectCustomerNumber: input.subject.customerNumber?.trim() || null,
      details: input.details ?? {},
      receivedAt: input.receivedAt,
      receivedOn,
      statutoryDue: due.statutory,
      promiseDue: due.promise,
      effectiveDue: due.effective,
      sendBy: due.sendBy,
      extendedDue: null,
      verifiedAt: verified ? now : null,
      verificationMethod: input.identityVerifiedBy ?? null,
    };
    return {
      now,
      referenceYear: Number(this.deadlines.dayOf(now).slice(0, 4)),
      row,
      // Facts about the request, not about the person: the audit trail carries no personal data.
      // The reference joins them when it is known.
      auditData: {
        requestType: row.type,
        channel: row.channel,
        receivedOn,
        deadlines: due,
        ...(verified ? { verifiedBy: input.identityVerifiedBy } : {}),
      },
      actor,
      identifiers: identifiersOfSubject(input.subject),
      identityVerifiedBy: input.identityVerifiedBy,
    };
  }

  /**
   * Saves a case staff register, or a public request on someone else's behalf. Everything the
   * registration needs afterwards is staged in the job outbox in the same transaction: each
   * module's `@RegistrationJobs()` (the deadline alert, the requester's verification or receipt)
   * and a `case-registered` job that publishes the rest of `case.registered` in the worker
   * (publishRegistered). Nothing is left to do after the commit, so a process that dies after it
   * loses nothing. `alsoInTransaction` joins the transaction (intake's idempotency claim, the
   * authority document), before the jobs are worked out: when it throws, no case is saved.
   */
  async register(input: NewCase, actor: string, alsoInTransaction?: (manager: EntityManager, saved: CaseEntity) => Promise<void>): Promise<CaseEntity> {
    const prepared = this.prepare(input, actor);
    const reference = await nextCaseReference(this.dataSource, prepared.referenceYear);
    const entity = await this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(manager.create(CaseEntity, { ...prepared.row, reference }));
      await this.audit.append(manager, {
        caseId: saved.id,
        type: 'case.registered',
        actor,
        occurredAt: prepared.now,
        data: { reference: saved.reference, ...prepared.auditData },
      });
      // What the requester typed is only claimed; a staff registration with identity checked
      // confirms it, with the method staff gave.
      await this.identity.add(
        manager,
        saved.id,
        prepared.identifiers,
        prepared.identityVerifiedBy !== undefined ? { basis: 'staff_confirmed', method: prepared.identityVerifiedBy, by: actor } : undefined,
      );
      if (alsoInTransaction) await alsoInTransaction(manager, saved);
      await this.jobOutbox.stage(manager, await this.jobsOfRegistration(saved, manager, actor));
      return saved;
    });
    return entity;
  }

  private async jobsOfRegistration(saved: CaseEntity, manager: EntityManager, actor: string): Promise<JobRequest[]> {
    const jobs: JobRequest[] = [];
    for (const hook of this.registrationJobs) jobs.push(...(await hook(saved, manager)));
    jobs.push(jobRequest(JobName.CaseRegistered, { caseId: saved.id, actor }, { jobId: jobIds.caseRegistered(saved.id) }));
    return jobs;
  }

  /**
   * The `case.registered` side effects of a case saved with its jobs staged (`register`, or the
   * public intake's one statement): run in the worker from the staged `case-registered` job, for
   * the listeners whose work was not staged with it (preservation at receipt, processor forwards,
   * fan-out of a case staff verified). The deadline alert and the requester's verification or
   * receipt were staged with the case; their listeners leave `case.registered` alone. `actor` is
   * who registered it.
   */
  async publishRegistered(caseId: string, actor: string): Promise<boolean> {
    const entity = await this.findById(caseId);
    if (!entity) return false;
    await this.publish({ type: 'case.registered', caseId, snapshot: entity, deadlinesChanged: true, data: {}, actor });
    return true;
  }

  async findByReference(reference: string): Promise<CaseEntity> {
    const entity = await this.dataSource.getRepository(CaseEntity).findOne({ where: { reference: reference.toUpperCase() } });
    if (!entity) throw notFound(`Case ${reference}`);
    return entity;
  }

  async findById(id: string): Promise<CaseEntity | null> {
    return this.dataSource.getRepository(CaseEntity).findOne({ where: { id } });
  }

  /**
   * Verifies the requester. A link answered proves only the address it was sent to (if that is an
   * identifier of the case); a staff check confirms the identifiers staff name (all typed ones by
   * default), with the method as how.
   */
  async verify(reference: string, method: string, actor: string, proof: VerificationProof) {
    const established: string[] = [];
    const entity = await this.change(reference, actor, async (locked, manager) => {
      const event = transitions.verify(locked, method, this.clock.now());
      established.push(...(await this.establishOnVerification(manager, locked.id, method, actor, proof)));
      return event;
    });
    await this.identity.published(entity.id, established);
    return entity;
  }

  private async establishOnVerification(manager: EntityManager, caseId: string, method: string, actor: string, proof: VerificationProof): Promise<string[]> {
    const identifiers = await this.identity.list(caseId, manager);
    if (proof.kind === 'link') {
      const address = normaliseEmail(proof.sentTo);
      const proven = identifiers.filter((identifier) => identifier.kind === 'email' && identifier.value === address);
      return this.identity.establish(
        manager,
        caseId,
        proven.map((identifier) => identifier.id),
        { basis: 'proven', method: 'link sent to this address', by: actor },
      );
    }
    const chosen = identifiers.filter((identifier) => !proof.kinds || proof.kinds.includes(identifier.kind));
    return this.identity.establish(
      manager,
      caseId,
      chosen.map((identifier) => identifier.id),
      { basis: 'staff_confirmed', method, by: actor },
    );
  }

  /** The approval gate is wired at module init (connectors); an approval without it would skip the record check. */
  onApplicationBootstrap(): void {
    if (!this.approvalGate) throw new Error('CasesService has no approval gate: the connectors module supplies it (useApprovalGate)');
  }

  approve(reference: string, actor: string) {
    return this.change(reference, actor, async (entity, manager) => {
      const records = this.approvalGate ? await this.approvalGate.state(entity, manager) : undefined;
      const event = transitions.approve(entity, this.clock.now(), records);
      if (this.approvalGate) event.data = { ...event.data, ...(await this.approvalGate.record(entity, manager, actor)) };
      return event;
    });
  }

  useApprovalGate(gate: ApprovalGate): void {
    this.approvalGate = gate;
  }

  assign(reference: string, userId: string | null, actor: string) {
    return this.change(reference, actor, async (entity, manager) => {
      if (userId) {
        const role = await this.staff.activeRole(userId, manager);
        if (!role) throw invalid('userId', 'is not an active staff user');
        if (!['admin', 'handler'].includes(role)) throw invalid('userId', 'must be a handler or an admin');
      }
      return transitions.assign(entity, userId);
    });
  }

  /** Extends the deadline; `warning` says when that breaks the company's own promise, so the
   *  handler who asked sees it, not only the audit trail. */
  async extend(reference: string, reason: string, actor: string): Promise<{ entity: CaseEntity; warning: string | null }> {
    let warning: string | null = null;
    const entity = await this.change(reference, actor, async (entity, manager) => {
      if (entity.pausedAt) throw conflict('Cannot extend while the clock is paused; resume it first.', { code: 'extend_while_paused' });
      const check = this.deadlines.checkExtension(entity);
      if (!check.allowed) throw conflict(`Cannot extend: ${check.reason}`, { code: check.code, params: { statutory: entity.statutoryDue } });
      const route = await this.extensionNotices.route(manager, entity);
      const event = transitions.extend(entity, reason, check.deadline, this.clock.now(), check.breaksPromise, route);
      this.applyDeadlines(entity);
      if (check.warning) event.data.warning = warning = check.warning;
      return event;
    });
    return { entity, warning };
  }

  /** The extension letter of a case without e-mail was posted (staff say so): the requester is told. */
  extensionLetterPosted(reference: string, actor: string) {
    return this.change(reference, actor, (entity) => transitions.extensionPosted(entity, this.clock.now()));
  }

  pause(reference: string, reason: string, actor: string) {
    return this.change(reference, actor, (entity) => {
      if (!this.deadlines.pauseAllowed) {
        throw conflict("Cannot pause: the clock may not pause under this company's policy (DEADLINE_PAUSE=off).", { code: 'pause_policy_off' });
      }
      return transitions.pause(entity, reason, this.clock.now());
    });
  }

  /** Records the request for information and e-mails it (a listener does); pauses the clock only
   *  under DEADLINE_PAUSE=on. `pause` keeps its stricter contract (409 when the policy forbids). */
  requestInformation(reference: string, message: string, actor: string) {
    return this.change(reference, actor, (entity) => transitions.requestInformation(entity, message, this.clock.now(), this.deadlines.pauseAllowed));
  }

  resume(reference: string, actor: string) {
    return this.change(reference, actor, (entity) => {
      const days = entity.pausedAt ? this.deadlines.calendarDaysBetween(entity.pausedAt, this.clock.now()) : 0;
      const event = transitions.resume(entity, days);
      this.applyDeadlines(entity);
      return event;
    });
  }

  reject(reference: string, code: RejectionCode, reason: string, actor: string) {
    return this.change(reference, actor, async (entity, manager) => {
      const event = transitions.reject(entity, code, reason, this.clock.now());
      if (this.rejectionHook) event.data = { ...event.data, ...(await this.rejectionHook(entity, manager, actor)) };
      return event;
    });
  }

  withdraw(reference: string, actor: string) {
    return this.change(reference, actor, (entity) => transitions.withdraw(entity, this.clock.now()));
  }

  complete(reference: string, actor: string) {
    return this.change(reference, actor, async (entity, manager) => {
      const event = transitions.complete(entity, this.clock.now());
      if (this.completionHook) event.data = { ...event.data, ...(await this.completionHook(entity, manager, actor)) };
      return event;
    });
  }

  submitForReview(reference: string, actor: string) {
    return this.change(reference, actor, (entity) => transitions.submitForReview(entity));
  }

  flagExcessive(reference: string, flagged: boolean, reason: string, actor: string) {
    return this.change(reference, actor, (entity) => transitions.flagExcessive(entity, flagged, reason));
  }

  /** Art 21(1): a handler decides an objection on legitimate interest. `store` keeps the decision
   *  (its owner, the connectors module, does) in the same transaction, after the state machine
   *  allowed it; it may refuse (e.g. already decided) by throwing. */
  decideObjection(
    reference: string,
    decision: 'stop' | 'compelling_grounds',
    grounds: string,
    actor: string,
    store: (entity: CaseEntity, manager: EntityManager) => Promise<void>,
  ): Promise<CaseEntity> {
    return this.change(reference, actor, async (entity, manager) => {
      const event = transitions.decideObjection(entity, decision, grounds);
      await store(entity, manager);
      return event;
    });
  }

  /** Staff accept the authority of a representative. `decide` (the representation module) checks
   *  and stores the decision in the same transaction and returns the facts the event carries. */
  acceptAuthority(
    reference: string,
    actor: string,
    decide: (entity: CaseEntity, manager: EntityManager) => Promise<{ relationship: string; coversAnswer: boolean; reason: string }>,
  ): Promise<CaseEntity> {
    return this.change(reference, actor, async (entity, manager) => transitions.acceptAuthority(await decide(entity, manager)));
  }

  /** Staff refuse the authority of a representative (recorded by `decide`, as for acceptance); the
   *  caller then rejects the case. */
  refuseAuthority(
    reference: string,
    actor: string,
    decide: (entity: CaseEntity, manager: EntityManager) => Promise<{ relationship: string; reason: string }>,
  ): Promise<CaseEntity> {
    return this.change(reference, actor, async (entity, manager) => transitions.refuseAuthority(await decide(entity, manager)));
  }

  /**
   * Moves an `in_progress` case to `awaiting_review` when `ready` (the connectors module, under the
   * case's row lock) says its work is done, returning the facts the event carries; `null` means not
   * yet. Returns whether the case moved. Of many callers at once exactly one moves it.
   */
  async settleForReview(
    caseId: string,
    actor: string,
    ready: (entity: CaseEntity, manager: EntityManager) => Promise<Record<string, unknown> | null>,
  ): Promise<boolean> {
    try {
      await this.change(
        caseId,
        actor,
        async (entity, manager) => {
          if (entity.status !== 'in_progress') throw new NotYet();
          const data = await ready(entity, manager);
          if (!data) throw new NotYet();
          const event = transitions.submitForReview(entity);
          event.data = data;
          return event;
        },
        true,
      );
      return true;
    } catch (error) {
      if (error instanceof NotYet) return false;
      throw error;
    }
  }

  /**
   * Merges the open case `duplicateReference` into the open case `reference`, which survives and
   * answers for both from the earlier receipt (docs/legal-rules.md, "Duplicate requests"). Both
   * rows are locked in one order, so two merges crossing each other queue up instead of deadlocking;
   * both cases get an audit event; the survivor's deadline jobs and preservation follow its new
   * deadline through the published events.
   */
  async merge(reference: string, duplicateReference: string, actor: string): Promise<{ survivor: CaseEntity; merged: CaseEntity }> {
    const established: string[] = [];
    const changed = await this.dataSource.transaction(async (manager) => {
      const references = [reference.toUpperCase(), duplicateReference.toUpperCase()];
      const rows = await manager.getRepository(CaseEntity).find({
        where: references.map((ref) => ({ reference: ref })),
        order: { id: 'ASC' },
        lock: { mode: 'pessimistic_write' },
      });
      const survivor = rows.find((row) => row.reference === references[0]);
      if (!survivor) throw notFound(`Case ${reference}`);
      const duplicate = rows.find((row) => row.reference === references[1]);
      if (!duplicate) throw notFound(`Case ${duplicateReference}`);
      const { survivorEvent, duplicateEvent } = transitions.merge(survivor, duplicate, this.clock.now());
      if (!(await this.duplicates.samePerson(manager, survivor.id, duplicate.id))) {
        throw conflict(
          `Cannot merge: ${duplicate.reference} and ${survivor.reference} share no e-mail, phone or customer number established on both, so they are not known to be the same person.`,
          { code: 'merge_not_same_person', params: { reference: duplicate.reference } },
        );
      }
      this.applyDeadlines(survivor);
      survivorEvent.data.deadlines = {
        statutory: survivor.statutoryDue,
        promise: survivor.promiseDue,
        effective: survivor.effectiveDue,
        sendBy: survivor.sendBy,
      };
      established.push(...(await carryIdentifiers(this.identity, manager, duplicate, survivor.id, actor)));
      // One at a time (see IdentityService.establish: several rows in one save run concurrently).
      const saved = [await manager.save(duplicate), await manager.save(survivor)];
      for (const [entity, event] of [
        [duplicate, duplicateEvent],
        [survivor, survivorEvent],
      ] as const) {
        await this.audit.append(manager, { caseId: entity.id, type: event.type, actor, occurredAt: this.clock.now(), data: event.data });
      }
      return { survivor: saved[1], merged: saved[0], events: [duplicateEvent, survivorEvent] };
    });
    for (const [entity, event] of [
      [changed.merged, changed.events[0]],
      [changed.survivor, changed.events[1]],
    ] as const) {
      await this.publish({ type: event.type, caseId: entity.id, snapshot: entity, deadlinesChanged: true, data: event.data, actor });
    }
    await this.identity.published(changed.survivor.id, established);
    return { survivor: changed.survivor, merged: changed.merged };
  }

  async addNote(reference: string, text: string, actor: string): Promise<void> {
    const entity = await this.findByReference(reference);
    await this.audit.record({ caseId: entity.id, type: 'case.note', actor, occurredAt: this.clock.now(), data: { text } });
  }

  /**
   * Runs one transition: locks the row (concurrent actions on one case queue up instead of
   * overwriting each other), applies it, saves, audits, commits, then publishes. Private: other
   * modules ask for a named operation above, each of which takes a transition of the state machine.
   */
  private async change(
    reference: string,
    actor: string,
    apply: (entity: CaseEntity, manager: EntityManager) => CaseEvent | Promise<CaseEvent>,
    byId = false,
  ): Promise<CaseEntity> {
    const { entity, event } = await this.dataSource.transaction(async (manager) => {
      const locked = await manager.getRepository(CaseEntity).findOne({
        where: byId ? { id: reference } : { reference: reference.toUpperCase() },
        lock: { mode: 'pessimistic_write' },
      });
      if (!locked) throw notFound(`Case ${reference}`);
      const event = await apply(locked, manager);
      const saved = await manager.save(locked);
      await this.audit.append(manager, {
        caseId: saved.id,
        type: event.type,
        actor,
        occurredAt: this.clock.now(),
        data: event.data,
      });
      return { entity: saved, event };
    });
    await this.publish({
      type: event.type,
      caseId: entity.id,
      snapshot: entity,
      deadlinesChanged: event.deadlinesChanged ?? false,
      data: event.data,
      actor,
    });
    return entity;
  }

  private applyDeadlines(entity: CaseEntity): void {
    const due = this.deadlines.forCase(entity);
    entity.statutoryDue = due.statutory;
    entity.promiseDue = due.promise;
    entity.effectiveDue = due.effective;
    entity.sendBy = due.sendBy;
    if (entity.extendedDue) entity.extendedDue = due.extended;
  }

  private async publish(event: CaseChangedEvent): Promise<void> {
    // Awaited so the caller's answer normally reflects the side effects (jobs queued). But the
    // change is already committed: if Redis is unreachable the listeners would wait for it, so
    // after a bound the answer goes out anyway, the listeners finish when Redis is back, and the
    // reconciliation pass rebuilds whatever they could not do. A listener failure never undoes
    // the change.
    const listeners = this.events.emitAsync(CASE_CHANGED, event).catch((error: Error) => {
      this.logger.warn(`a case.changed listener failed (${error.name}); reconciliation will repair it`);
    });
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, PUBLISH_WAIT_MS);
    });
    await Promise.race([listeners, bound]);
    clearTimeout(timer);
  }
}
