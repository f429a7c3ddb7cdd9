import { Inject, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { addDays } from '../../common/iso-date';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { CasesService } from '../../cases/cases.service';
import { CasesReader } from '../../cases/cases-reader';
import { Clock } from '../../common/clock';
import { STAFF_DIRECTORY, type StaffDirectory } from '../../common/auth/staff-directory';
import { conflict } from '../../common/domain-error';
import { TaskOutcomesReader, type TaskOutcome } from '../../connectors/tasks/task-outcomes.reader';
import { DeadlineService } from '../../deadlines/deadline.service';
import { RequesterLinks } from '../../public-site/requester-links';
import { OutboundEmailEntity } from '../../notifications/outbound-email.entity';
import { OutboxService } from '../../notifications/outbox.service';
import { JobQueue } from '../../queues/job-queue';
import { JobName, QueueName, jobIds } from '../../queues/queue-catalogue';
import { SystemsService } from '../../systems/systems.service';
import { AnswerLetterEntity } from '../letters/answer-letter.entity';
import { LetterFactsService } from '../letters/letter-facts.service';
import { LetterStore } from '../letters/letter-store';
import { recipientNotice } from '../notices/recipient-notice';
import { liftingNotice, ownerLiftTask } from './lifting-notice';
import { RestrictionLiftingEntity } from './restriction-lifting.entity';
import { ReconcilePass } from '../../deadlines/alerts/reconcile-pass';
import { ConnectorRegistry } from '../../connectors/connector-registry';
import { systemContext } from '../../connectors/system-context';

/** States in which the restriction is in force and may be lifted: applied and answered, or applied and in review. */
const LIFTABLE = ['completed', 'awaiting_review'];

/** Mail kinds the lifting writes; dispatched after their transaction commits. */
const LIFTING_MAIL_KINDS = ['restriction-lifting-notice', 'restriction-lift-owner', 'art19-notice'];

/**
 * Lifting a restriction (Art 18(3)): the requester's notice is stored and sent first, naming the
 * day of the lift: RESTRICTION_LIFT_NOTICE_WORKING_DAYS working days later, a period in which the
 * person can object and staff can call the lifting off. A job lifts the restriction only on that
 * day and once the notice has gone out (or, for a case without e-mail, is stored for posting),
 * and never after a cancellation. A connector that recorded how to undo its restriction (Visma's note on a
 * contested field) lifts exactly that itself; for every other system the owner gets the task. The
 * recipients told of the restriction are told it is lifted (Art 19).
 */
@Injectable()
export class RestrictionLiftingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly casesReader: CasesReader,
    private readonly jobs: JobQueue,
    private readonly cases: CasesService,
    private readonly letters: LetterStore,
    private readonly outbox: OutboxService,
    private readonly facts: LetterFactsService,
    private readonly systems: SystemsService,
    private readonly deadlines: DeadlineService,
    private readonly links: RequesterLinks,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly outcomes: TaskOutcomesReader,
    private readonly connectors: ConnectorRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(STAFF_DIRECTORY) private readonly staff: StaffDirectory,
  ) {}

  async requestLift(reference: string, reason: string, actor: string): Promise<RestrictionLiftingEntity> {
    const entity = await this.cases.findByReference(reference);
    if (entity.type !== 'restriction') throw conflict('Cannot lift a restriction: the case is not a restriction request.');
    if (!LIFTABLE.includes(entity.status)) throw conflict('Cannot lift the restriction: it is in force only once applied (awaiting review or completed).');
    const lifting = await this.dataSource.transaction(async (manager) => {
      await this.casesReader.lockById(manager, entity.id);
      if (await manager.findOne(RestrictionLiftingEntity, { where: { caseId: entity.id } }))
        throw conflict('Cannot lift the restriction: lifting is already decided.');
      const now = this.clock.now();
      const liftOn = this.noticePeriodEnd(this.deadlines.today());
      const notice = liftingNotice({
        language: entity.language,
        reference: entity.reference,
        reason,
        liftOn,
        systems: (await this.restrictedTasks(entity.id)).map((task) => this.systems.system(task.systemId)?.name ?? task.systemId),
        statusUrl: this.links.statusUrl(entity.id),
        controller: this.systems.controller(),
      });
      const letter = await this.letters.store(manager, entity, notice, actor, {
        outboxKind: 'restriction-lifting-notice',
        dedupeKey: `restriction-lifting-${entity.id}`,
      });
      const row = await manager.save(
        manager.create(RestrictionLiftingEntity, {
          caseId: entity.id,
          reason,
          liftOn,
          decidedBy: actor,
          decidedAt: now,
          noticeLetterId: letter.id,
          liftedAt: null,
        }),
      );
      await this.audit.append(manager, {
        caseId: entity.id,
        type: 'restriction.lift_notice_stored',
        actor,
        occurredAt: now,
        data: { reason, liftOn, letterId: letter.id, delivery: letter.delivery },
      });
      return row;
    });
    await this.dispatch(entity.id);
    await this.schedule(entity.id, lifting.liftOn);
    return lifting;
  }

  /** The job: lifts once the notice has gone out; throws (and is retried) while it has not. */
  async liftWhenNotified(caseId: string): Promise<string> {
    const lifting = await this.dataSource.getRepository(RestrictionLiftingEntity).findOne({ where: { caseId } });
    if (!lifting) return 'gone';
    if (lifting.liftedAt) return 'already-lifted';
    if (lifting.cancelledAt) return 'cancelled';
    // The notice period is the person's time to object: not a day early, whatever the job's timing.
    if (this.deadlines.today() < lifting.liftOn) throw new Error('the notice period before lifting has not ended');
    const letter = await this.dataSource.getRepository(AnswerLetterEntity).findOneOrFail({ where: { id: lifting.noticeLetterId } });
    if (letter.outboundEmailId) {
      const mail = await this.dataSource
        .getRepository(OutboundEmailEntity)
        .findOneOrFail({ where: { id: letter.outboundEmailId }, select: { id: true, status: true } });
      if (mail.status !== 'sent') throw new Error('the notice before lifting has not been sent yet');
    }
    const entity = await this.cases.findById(caseId);
    if (!entity) return 'gone';
    // Outside the transaction (external calls); each is idempotent, so a retried job repeats it safely.
    const liftedBySystem = await this.liftInSystems(await this.restrictedTasks(caseId));
    await this.dataSource.transaction(async (manager) => {
      const locked = await manager.findOne(RestrictionLiftingEntity, {
        where: { caseId, liftedAt: IsNull(), cancelledAt: IsNull() },
        lock: { mode: 'pessimistic_write' },
      });
      if (!locked) return;
      const now = this.clock.now();
      const tasks = await this.restrictedTasks(caseId);
      const owners: string[] = [];
      for (const task of tasks) {
        const system = this.systems.system(task.systemId);
        if (!system || liftedBySystem.includes(task.systemId)) continue;
        await this.outbox.store(
          manager,
          'restriction-lift-owner',
          `restriction-lift-owner-${caseId}-${task.systemId}`,
          ownerLiftTask(entity, system, this.links.caseUrl(entity.reference), await this.staff.languageOf(system.owner, manager)),
        );
        owners.push(task.systemId);
      }
      const targets = this.facts.noticeTargets(entity.type, tasks);
      for (const [index, target] of targets.entries()) {
        await this.outbox.store(
          manager,
          'art19-notice',
          `art19-lift-${caseId}-${index}`,
          recipientNotice(entity, target, this.systems.controller(), 'restriction-lifted'),
        );
      }
      locked.liftedAt = now;
      await manager.save(locked);
      // Systems and recipients are named in the data map: no personal data in the trail.
      await this.audit.append(manager, {
        caseId,
        type: 'restriction.lifted',
        actor: 'system',
        occurredAt: now,
        data: { noticeLetterId: letter.id, liftedBySystem, ownerTasks: owners, recipientsNotified: targets.map((target) => target.name) },
      });
    });
    await this.dispatch(caseId);
    return 'lifted';
  }

  /** Calls the lifting off during its notice period (the person objected): the restriction stays. */
  async cancel(reference: string, reason: string, actor: string): Promise<RestrictionLiftingEntity> {
    const entity = await this.cases.findByReference(reference);
    const cancelled = await this.dataSource.transaction(async (manager) => {
      const lifting = await manager.findOne(RestrictionLiftingEntity, { where: { caseId: entity.id }, lock: { mode: 'pessimistic_write' } });
      if (!lifting) throw conflict('Cannot call off the lifting: no lifting has been decided.', { code: 'no_lifting' });
      if (lifting.liftedAt) throw conflict('Cannot call off the lifting: the restriction has already been lifted.', { code: 'already_lifted' });
      if (lifting.cancelledAt) throw conflict('The lifting has already been called off.', { code: 'lifting_cancelled' });
      const now = this.clock.now();
      Object.assign(lifting, { cancelledAt: now, cancelledBy: actor, cancelReason: reason });
      await manager.save(lifting);
      await this.audit.append(manager, { caseId: entity.id, type: 'restriction.lift_cancelled', actor, occurredAt: now, data: { reason } });
      return lifting;
    });
    await this.jobs.queue(QueueName.Answers).remove(jobIds.restrictionLift(entity.id));
    return cancelled;
  }

  liftingFor(caseId: string): Promise<RestrictionLiftingEntity | null> {
    return this.dataSource.getRepository(RestrictionLiftingEntity).findOne({ where: { caseId } });
  }

  /** Reconciliation: re-adds the job of every decided lifting not yet done. */
  @ReconcilePass('restriction-liftings')
  async reconcile(): Promise<number> {
    const open = await this.dataSource
      .getRepository(RestrictionLiftingEntity)
      .find({ where: { liftedAt: IsNull(), cancelledAt: IsNull() }, select: { caseId: true, liftOn: true } });
    for (const row of open) await this.schedule(row.caseId, row.liftOn);
    return open.length;
  }

  /** The day the notice period ends: that many working days after `today` (today itself for 0). */
  private noticePeriodEnd(today: string): string {
    let day = today;
    for (let left = this.config.RESTRICTION_LIFT_NOTICE_WORKING_DAYS; left > 0;) {
      day = addDays(day, 1);
      if (this.deadlines.calendar.isWorkingDay(day)) left--;
    }
    return day;
  }

  /** The lift job, due at the start of the lift day (company time): the notice said "before" that day. */
  private async schedule(caseId: string, liftOn: string): Promise<void> {
    const dayStarts = DateTime.fromISO(liftOn, { zone: this.deadlines.timeZone }).toMillis();
    const delay = Math.max(0, dayStarts - this.clock.now().getTime());
    const existing = await this.jobs.queue(QueueName.Answers).getJob(jobIds.restrictionLift(caseId));
    // A job that gave up (the notice could not be sent for hours) is kept as evidence; run it again.
    if (existing && (await existing.isFailed())) {
      await existing.retry();
      return;
    }
    // Its day has come (by the company's clock) while the job still waits: run it now.
    if (existing && delay === 0 && (await existing.isDelayed())) {
      await existing.promote();
      return;
    }
    await this.jobs.enqueue(JobName.RestrictionLift, { caseId }, { jobId: jobIds.restrictionLift(caseId), delay });
  }

  private async dispatch(caseId: string): Promise<void> {
    const rows = await this.dataSource
      .getRepository(OutboundEmailEntity)
      .find({ where: { caseId, status: 'pending', kind: In(LIFTING_MAIL_KINDS) }, select: { id: true } });
    for (const row of rows) await this.outbox.dispatch(row.id);
  }

  /** The systems whose connector undid its own restriction by what the task's outcome recorded
   *  (e.g. the one note on a contested field); a connector that cannot says `manual`. */
  private async liftInSystems(tasks: TaskOutcome[]): Promise<string[]> {
    const lifted: string[] = [];
    for (const task of tasks) {
      const system = this.systems.system(task.systemId);
      const details = task.outcome?.details;
      if (!system || !details || typeof details !== 'object') continue;
      const connector = this.connectors.forSystem(system);
      if (!connector?.liftRestriction) continue;
      const result = await connector.liftRestriction(systemContext(system), details as Record<string, unknown>);
      if (result.status === 'done' || result.status === 'not_found') lifted.push(task.systemId);
    }
    return lifted;
  }

  private restrictedTasks(caseId: string): Promise<TaskOutcome[]> {
    return this.outcomes.restricted(caseId);
  }
}
