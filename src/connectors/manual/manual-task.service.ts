import { Inject, Injectable } from '@nestjs/common';
import type { SummaryText } from '../connector';
import { summarised } from '../outcome-summary';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { CaseEntity } from '../../cases/case.entity';
import { isClosed } from '../../cases/case-transitions';
import { Clock } from '../../common/clock';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { OutboxService } from '../../notifications/outbox.service';
import { JobQueue, jobRequest } from '../../queues/job-queue';
import { JobName, jobIds } from '../../queues/queue-catalogue';
import type { SystemEntry } from '../../systems/data-map.schema';
import { SystemsService } from '../../systems/systems.service';
import { STAFF_DIRECTORY, type StaffDirectory } from '../../common/auth/staff-directory';
import { CaseTaskEntity } from '../tasks/case-task.entity';
import { escalationDelayMs } from './preservation';
import { PreservationService } from './preservation.service';
import { IdentityService } from '../../identity/identity.service';
import { manualWaitingText } from './manual-waiting';
import { composeManualEscalation, composeManualReminder, composeManualTask, personIdentifiers } from './task-mail';
import { CasesReader } from '../../cases/cases-reader';

type FollowUpTask = Pick<CaseTaskEntity, 'id' | 'startedAt' | 'escalatedAt' | 'systemId'>;

const DAY_MS = 24 * 3600 * 1000;
/** The owner is reminded every 3 days; after 7 (sooner when routine deletion comes first) the
 *  case's handler is told (preservation.ts). */
export const REMINDER_EVERY_MS = 3 * DAY_MS;

export type FollowUpResult = { outcome: 'sent' | 'stale' } | { outcome: 'later'; delayMs: number };

/**
 * Tasks a person does: the system's owner gets an e-mail with what to do and a link, reminders every
 * three days and, after a week, the handler is told. The outcome comes back through the API.
 */
@Injectable()
export class ManualTaskService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly casesReader: CasesReader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobQueue,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly systems: SystemsService,
    private readonly clock: Clock,
    private readonly identity: IdentityService,
    @Inject(STAFF_DIRECTORY) private readonly staff: StaffDirectory,
    private readonly preservation: PreservationService,
  ) {}

  /** Hands the task to the system's owner (`note`: why, when a connector could not finish it, in
   *  each staff language: the case page and the owner's e-mail each read their own; a plain string
   *  is a connector's English without a translation, shown as written). */
  async assign(task: CaseTaskEntity, entity: CaseEntity, system: SystemEntry, note: SummaryText | string | null = null): Promise<void> {
    const now = this.clock.now();
    // Receipt-time preservation comes first, so the task e-mail refers to it instead of repeating it
    // (check() is idempotent; it normally ran when the case was registered).
    if (!(await this.preservation.decidedFor(entity.id, system.id))) await this.preservation.check(entity.id);
    const atReceipt = await this.preservation.decidedFor(entity.id, system.id);
    const emailId = await this.dataSource.transaction(async (manager) => {
      await manager.update(
        CaseTaskEntity,
        { id: task.id },
        {
          status: 'manual',
          outcome: { status: 'manual', ...noteSummary(note, system.owner), owner: system.owner },
          error: null,
          startedAt: task.startedAt ?? now,
        },
      );
      const people = personIdentifiers(await this.identity.list(entity.id, manager));
      const language = await this.staff.languageOf(system.owner, manager);
      const mail = composeManualTask(
        entity,
        people,
        task,
        system,
        this.config.PUBLIC_URL,
        typeof note === 'string' ? note : (note?.[language] ?? null),
        task.startedAt ?? now,
        atReceipt,
        language,
      );
      const id = await this.outbox.store(manager, 'manual-task', `task-${task.id}-assigned`, mail);
      await this.audit.append(manager, {
        caseId: entity.id,
        type: 'task.manual_assigned',
        actor: 'system',
        occurredAt: now,
        data: { taskId: task.id, system: system.id, action: task.action },
      });
      return id;
    });
    await this.outbox.dispatch(emailId);
    await this.scheduleFollowUps([{ id: task.id, startedAt: task.startedAt ?? now, escalatedAt: null, systemId: task.systemId }]);
  }

  async scheduleFollowUps(tasks: FollowUpTask[]): Promise<void> {
    const now = this.clock.now().getTime();
    const jobs = tasks.flatMap((task) => {
      const since = (task.startedAt ?? new Date(now)).getTime();
      const elapsed = Math.max(0, now - since);
      const nextReminder = since + (Math.floor(elapsed / REMINDER_EVERY_MS) + 1) * REMINDER_EVERY_MS;
      return [
        jobRequest(JobName.ManualTaskReminder, { taskId: task.id }, { jobId: jobIds.manualReminder(task.id), delay: nextReminder - now }),
        ...(task.escalatedAt
          ? []
          : [
              jobRequest(
                JobName.ManualTaskEscalation,
                { taskId: task.id },
                { jobId: jobIds.manualEscalation(task.id), delay: Math.max(0, this.escalationDueAt(task, new Date(since)) - now) },
              ),
            ]),
      ];
    });
    if (jobs.length) await this.jobs.enqueueBulk(jobs);
  }

  /** Reconciliation: every task still waiting for a person gets its reminder and escalation jobs back.
   *  A forward waiting for a handler's choice of controller is not the system owner's to do: the
   *  case page asks the handler, so the owner gets no reminders for it. */
  async rebuild(): Promise<number> {
    const tasks = await this.dataSource.query(
      `SELECT t.id, t.system_id AS "systemId", t.started_at AS "startedAt", t.escalated_at AS "escalatedAt"
         FROM case_tasks t JOIN cases c ON c.id = t.case_id
        WHERE t.status = 'manual' AND t.action <> 'forward' AND c.status IN ('in_progress','awaiting_review')`,
    );
    await this.scheduleFollowUps(tasks);
    return tasks.length;
  }

  /** A reminder job fired: remind the owner (once per 3-day step) and say when to run again. */
  async remind(taskId: string): Promise<FollowUpResult> {
    const loaded = await this.load(taskId);
    if (!loaded) return { outcome: 'stale' };
    const { task, entity, system } = loaded;
    const now = this.clock.now().getTime();
    const since = (task.startedAt ?? task.createdAt).getTime();
    const due = Math.floor((now - since) / REMINDER_EVERY_MS);
    if (due <= task.remindersSent) return { outcome: 'later', delayMs: since + (task.remindersSent + 1) * REMINDER_EVERY_MS - now };
    const emailId = await this.dataSource.transaction(async (manager) => {
      const claimed = await manager
        .createQueryBuilder()
        .update(CaseTaskEntity)
        .set({ remindersSent: due })
        .where('id = :id AND reminders_sent < :due AND status = :status', { id: taskId, due, status: 'manual' })
        .execute();
      if (!claimed.affected) return null;
      const mail = composeManualReminder(entity, task, system, this.config.PUBLIC_URL, due, await this.staff.languageOf(system.owner, manager));
      return this.outbox.store(manager, 'manual-task-reminder', `task-${taskId}-reminder-${due}`, mail);
    });
    if (emailId) await this.outbox.dispatch(emailId);
    return { outcome: 'later', delayMs: since + (due + 1) * REMINDER_EVERY_MS - now };
  }

  /** The escalation job fired: tell the handler once, if the owner still has not answered. */
  async escalate(taskId: string): Promise<FollowUpResult> {
    const loaded = await this.load(taskId);
    if (!loaded || loaded.task.escalatedAt) return { outcome: 'stale' };
    const { task, entity, system } = loaded;
    const since = task.startedAt ?? task.createdAt;
    const dueAt = this.escalationDueAt(task, since);
    const now = this.clock.now();
    if (dueAt > now.getTime() + 1000) return { outcome: 'later', delayMs: dueAt - now.getTime() };
    const { address: to, language } = await this.staff.handlerRecipient(entity.assigneeId);
    const emailId = await this.dataSource.transaction(async (manager) => {
      const claimed = await manager.update(CaseTaskEntity, { id: taskId, status: 'manual', escalatedAt: IsNull() }, { escalatedAt: now });
      if (!claimed.affected) return null;
      await this.audit.append(manager, {
        caseId: entity.id,
        type: 'task.escalated',
        actor: 'system',
        occurredAt: now,
        data: { taskId, system: system.id, action: task.action },
      });
      const mail = composeManualEscalation(entity, task, system, this.config.PUBLIC_URL, to, since, language);
      return this.outbox.store(manager, 'manual-task-escalation', `task-${taskId}-escalation`, mail);
    });
    if (emailId) await this.outbox.dispatch(emailId);
    return { outcome: emailId ? 'sent' : 'stale' };
  }

  /** A week after the task went to its owner, or a day before the system's routine deletion. */
  private escalationDueAt(task: Pick<CaseTaskEntity, 'systemId'>, since: Date): number {
    const system = this.systems.system(task.systemId);
    return since.getTime() + (system ? escalationDelayMs(system, since) : escalationDelayMs({ retention: {} }, since));
  }

  private async load(taskId: string): Promise<{ task: CaseTaskEntity; entity: CaseEntity; system: SystemEntry } | null> {
    const task = await this.dataSource.getRepository(CaseTaskEntity).findOne({ where: { id: taskId } });
    if (!task || task.status !== 'manual') return null;
    const entity = await this.casesReader.byId(task.caseId);
    const system = this.systems.system(task.systemId);
    if (!entity || isClosed(entity) || !system) return null;
    return { task, entity, system };
  }
}

/** The manual outcome's summary: the connector's note (with its translation when it has one), else the engine's waiting text. */
function noteSummary(note: SummaryText | string | null, owner: string): { summary: string; summaryText?: SummaryText } {
  if (typeof note === 'string') return { summary: note };
  return summarised(note ?? manualWaitingText(owner));
}
