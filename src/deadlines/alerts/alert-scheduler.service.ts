import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import type { CaseEntity } from '../../cases/case.entity';
import { CASE_CHANGED, type CaseChangedEvent } from '../../cases/case-events';
import { RegistrationJobs } from '../../cases/case-hooks';
import { isClosed } from '../../cases/case-transitions';
import { JobQueue, type JobRequest } from '../../queues/job-queue';
import { JOB_OPTIONS, JobName, QueueName, jobIds } from '../../queues/queue-catalogue';
import { DeadlineService } from '../deadline.service';
import { alertKey, planAlerts, type PlannedAlert } from './alert-plan';
import { CaseAlertEntity } from './case-alert.entity';

type AlertCase = Pick<CaseEntity, 'id' | 'status' | 'pausedAt' | 'effectiveDue'>;

export type AlertJob = JobRequest<JobName.DeadlineAlert>;

/**
 * Keeps each open case's deadline alerts in BullMQ in step with PostgreSQL. A case has one
 * pending alert job (`case-<id>-alert`), delayed to its next alert; when it fires it sends that
 * alert and re-arms itself for the following one (7 days, 2 days, the day, then daily). One job
 * per case keeps Redis small at a million open cases, and the fixed id makes adding idempotent.
 */
@Injectable()
export class AlertSchedulerService {
  private readonly logger = new Logger('DeadlineAlerts');

  constructor(
    private readonly jobs: JobQueue,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly deadlines: DeadlineService,
    private readonly clock: Clock,
  ) {}

  @OnEvent(CASE_CHANGED, { promisify: true, suppressErrors: false })
  async onCaseChanged(event: CaseChangedEvent): Promise<void> {
    // A registration staged its first alert job with the case (firstJobs).
    if (!event.deadlinesChanged || event.type === 'case.registered') return;
    try {
      await this.sync(event.snapshot);
    } catch (error) {
      // The change is committed; the next reconciliation pass repairs the job.
      this.logger.warn(`could not update the alert job for case ${event.caseId}: ${(error as Error).name}`);
    }
  }

  /** Replaces the case's alert job with the one its current deadline calls for (none when closed or paused). */
  async sync(entity: AlertCase): Promise<void> {
    try {
      await this.jobs.queue(QueueName.Deadlines).remove(jobIds.alert(entity.id));
    } catch {
      // A job being processed right now is locked; it re-reads the case when it finishes.
    }
    if (isClosed(entity) || entity.pausedAt) return;
    const jobs = await this.jobsFor([entity]);
    if (jobs.length) await this.jobs.enqueueBulk(jobs);
  }

  /** The first alert job of a case registered just now (none sent yet): staged with the case by
   *  `CasesService.register` (a registration hook) and by the public intake's statement. */
  @RegistrationJobs()
  firstJobs(entity: AlertCase): AlertJob[] {
    if (isClosed(entity) || entity.pausedAt) return [];
    return this.jobsGiven([entity], new Map());
  }

  /** The next alert of each open case, skipping alerts PostgreSQL says were already sent. */
  async jobsFor(cases: AlertCase[]): Promise<AlertJob[]> {
    const active = cases.filter((entity) => !isClosed(entity) && !entity.pausedAt);
    if (!active.length) return [];
    return this.jobsGiven(active, await this.sentAlerts(active.map((entity) => entity.id)));
  }

  /** Jobs for open, running cases, given the alerts already sent per case. */
  private jobsGiven(active: AlertCase[], sent: Map<string, Set<string>>): AlertJob[] {
    const today = this.deadlines.today();
    const now = this.clock.now().getTime();
    // Many cases share a deadline day: plan each day once per call, not once per case.
    const plans = new Map<string, PlannedAlert[]>();
    const planFor = (due: string) => plans.get(due) ?? plans.set(due, planAlerts(due, today)).get(due)!;
    return active.flatMap((entity) => {
      const next = this.nextUnsent(planFor(entity.effectiveDue), sent.get(entity.id));
      if (!next) return [];
      return [
        {
          name: JobName.DeadlineAlert as const,
          data: {},
          opts: {
            ...JOB_OPTIONS[JobName.DeadlineAlert],
            jobId: jobIds.alert(entity.id),
            delay: Math.max(0, this.deadlines.alertInstant(next.fireOn).getTime() - now),
          },
        },
      ];
    });
  }

  nextUnsent(plan: PlannedAlert[], sent: Set<string> | undefined): PlannedAlert | undefined {
    return plan.find((alert) => !sent?.has(alertKey(alert)));
  }

  private async sentAlerts(caseIds: string[]): Promise<Map<string, Set<string>>> {
    // One array parameter rather than TypeORM's In(): a reconciliation page has a thousand ids.
    const rows: Array<{ case_id: string; kind: CaseAlertEntity['kind']; for_date: string }> = await this.dataSource.query(
      'SELECT case_id, kind, for_date FROM case_alerts WHERE case_id = ANY($1::uuid[])',
      [caseIds],
    );
    const byCase = new Map<string, Set<string>>();
    for (const row of rows) {
      if (!byCase.has(row.case_id)) byCase.set(row.case_id, new Set());
      byCase.get(row.case_id)!.add(alertKey({ kind: row.kind, forDate: row.for_date }));
    }
    return byCase;
  }
}
