import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { CaseEntity } from '../../cases/case.entity';
import { isClosed } from '../../cases/case-transitions';
import { Clock } from '../../common/clock';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { QueueName } from '../../queues/queue-catalogue';
import type { SystemEntry } from '../../systems/data-map.schema';
import { SystemsService } from '../../systems/systems.service';
import type { Connector, Outcome, RestrictScope, RetentionRules, Subject, SummaryText } from '../connector';
import { summarised } from '../outcome-summary';
import { RecordSubjects } from '../records/record-subjects.service';
import { SystemChecksService } from '../system-checks/system-checks.service';
import { ConnectorError, RateLimitedError } from '../connector-errors';
import { ConnectorRegistry } from '../connector-registry';
import { CaseSettlementService } from '../fanout/case-settlement.service';
import { LegalHoldService } from '../holds/legal-hold.service';
import { ForwardingService } from '../manual/forwarding.service';
import { MarketingProcessorService } from '../marketing/marketing-processor.service';
import { ManualTaskService } from '../manual/manual-task.service';
import { systemContext } from '../system-context';
import { CaseTaskEntity, FINISHED_TASK_STATUSES } from './case-task.entity';
import { countConnectorCall } from './connector-call-metrics';
import { TaskOutcomeRecorder } from './task-outcome.recorder';
import { TASK_FAILURES, TASK_RETRIES } from './task-failures';
import { CasesReader } from '../../cases/cases-reader';
import { PlanExecution } from '../plan/plan-execution.service';

const NOT_SEARCHED: SummaryText = {
  en: "No search for the person's records ran in this system for this case (the system joined the data map after the search, or the case is older than the search). Check it by hand, using only the identifiers listed.",
  nb: 'Det ble ikke søkt etter den registrertes opplysninger i dette systemet for denne saken (systemet kom inn i datakartet etter søket, eller saken er eldre enn søket). Sjekk det manuelt, og bruk bare identifikatorene som er oppført.',
};

const NO_VALUE_TO_CORRECT: SummaryText = {
  en: 'The request does not say which value to correct; a person must read it and decide.',
  nb: 'Henvendelsen sier ikke hvilken verdi som skal rettes; en person må lese den og avgjøre.',
};

/** What the job should do next; the processor turns it into BullMQ's terms. */
export type TaskRunResult =
  | { kind: 'finished'; status: string }
  | { kind: 'skipped'; reason: string }
  /** The provider asked us to wait: the whole connector queue pauses this long. */
  | { kind: 'rate_limited'; delayMs: number }
  /** A transient failure with attempts left: BullMQ retries with exponential back-off. */
  | { kind: 'retry'; message: string }
  /** Recorded as failed on the task; retrying only helps once someone fixes the cause. */
  | { kind: 'failed'; message: string };

export interface AttemptInfo {
  /** Attempts BullMQ has already counted as failed for this job. */
  attemptsMade: number;
  maxAttempts: number;
}

/**
 * Runs one task. Re-reads PostgreSQL first and does nothing for a task that has finished, so a
 * duplicate or replayed job never repeats a deletion; the connectors' own actions are idempotent
 * for the window between the provider's answer and our commit.
 */
@Injectable()
export class TaskRunnerService {
  private readonly logger = new Logger('Tasks');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly casesReader: CasesReader,
    private readonly registry: ConnectorRegistry,
    private readonly systems: SystemsService,
    private readonly recorder: TaskOutcomeRecorder,
    private readonly holds: LegalHoldService,
    private readonly manual: ManualTaskService,
    private readonly forwarding: ForwardingService,
    private readonly marketingProcessors: MarketingProcessorService,
    private readonly settlement: CaseSettlementService,
    private readonly subjects: RecordSubjects,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(QueueName.Maintenance) private readonly metricsQueue: Queue,
    private readonly clock: Clock,
    private readonly plans: PlanExecution,
    private readonly systemChecks: SystemChecksService,
  ) {}

  async run(taskId: string, attempt: AttemptInfo): Promise<TaskRunResult> {
    const repository = this.dataSource.getRepository(CaseTaskEntity);
    const found = await repository.findOne({ where: { id: taskId } });
    if (!found) return { kind: 'skipped', reason: 'no such task' };
    if (FINISHED_TASK_STATUSES.includes(found.status) || found.status === 'manual') return { kind: 'skipped', reason: `already ${found.status}` };
    const entity = await this.casesReader.byId(found.caseId);
    if (!entity) return { kind: 'skipped', reason: 'no such case' };
    if (isClosed(entity)) {
      await this.recorder.failed(found, TASK_FAILURES.caseClosed(entity.status));
      return { kind: 'skipped', reason: `case ${entity.status}` };
    }
    const system = this.systems.system(found.systemId);
    if (!system) {
      const reason = TASK_FAILURES.systemGone(found.systemId);
      await this.recorder.failed(found, reason);
      await this.settlement.settle(found.caseId);
      return { kind: 'failed', message: reason.en };
    }

    const claimed = await repository
      .createQueryBuilder()
      .update(CaseTaskEntity)
      // The engine's clock, not the database's: a manual task's reminders and escalation count from it.
      .set({ status: 'running', attempts: () => 'attempts + 1', startedAt: () => 'COALESCE(started_at, :startedAt)' })
      .where('id = :id AND status IN (:...open)', { id: taskId, open: ['pending', 'running'], startedAt: this.clock.now() })
      .execute();
    if (!claimed.affected) return { kind: 'skipped', reason: 'claimed elsewhere' };
    const task = await repository.findOneOrFail({ where: { id: taskId } });

    const result = await this.execute(task, entity, system, attempt);
    if (result.kind === 'finished' || result.kind === 'failed') await this.settlement.settle(task.caseId);
    return result;
  }

  /** BullMQ gave up on a job our code did not finish (e.g. it stalled too often): record it. */
  async onJobFailed(taskId: string, jobId: string | undefined, reason: string): Promise<void> {
    const updated = await this.dataSource
      .getRepository(CaseTaskEntity)
      .createQueryBuilder()
      .update(CaseTaskEntity)
      .set({ status: 'failed', error: `job failed: ${reason}` })
      .where('id = :id AND status IN (:...open) AND job_id = :jobId', { id: taskId, open: ['pending', 'running'], jobId: jobId ?? '' })
      .execute();
    if (updated.affected) {
      const task = await this.dataSource.getRepository(CaseTaskEntity).findOneOrFail({ where: { id: taskId } });
      await this.settlement.settle(task.caseId);
    }
  }

  private async execute(task: CaseTaskEntity, entity: CaseEntity, system: SystemEntry, attempt: AttemptInfo): Promise<TaskRunResult> {
    if (task.action === 'forward') {
      return { kind: 'finished', status: await this.forwarding.forward(task, entity, system) };
    }
    if (task.action === 'instruct') {
      await this.marketingProcessors.instruct(task, entity, system);
      return { kind: 'finished', status: 'done' };
    }
    const connector = this.registry.forSystem(system);
    if (!connector) {
      await this.manual.assign(task, entity, system);
      return { kind: 'finished', status: 'manual' };
    }
    // A wrong name found when the worker started: fail with it at once, without calling the system.
    const stopped = await this.systemChecks.stoppedMessage(system);
    if (stopped) {
      await this.recorder.failed(task, TASK_FAILURES.nameCheck(stopped));
      return { kind: 'failed', message: stopped.en };
    }
    // Without a finished search in this system the engine cannot tell whose records are whose:
    // a person does it, with the established identifiers only (never "not found" unsearched).
    if (!(await this.subjects.searched(task.caseId, task.systemId))) {
      await this.manual.assign(task, entity, system, NOT_SEARCHED);
      return { kind: 'finished', status: 'manual' };
    }
    // Only records matched or confirmed for the case: with none in this system, nothing is done there.
    const subject = await this.subjects.forSystem(task.caseId, task.systemId);
    if (!subject) return this.noRecord(task, system);
    await countConnectorCall(this.metricsQueue, this.config.QUEUE_PREFIX, connector.type, 'calls');
    try {
      if (task.action === 'export') {
        const part = await connector.export(systemContext(system), subject);
        await this.recorder.exported(task, part, system.name);
        return { kind: 'finished', status: part.recordCount > 0 ? 'done' : 'not_found' };
      }
      const planned = await this.planned(connector, task, entity, system, subject);
      if (planned.kind === 'wait') {
        // Back to pending, visible on the case; a new approval queues it again (plan/plan-approval.listener).
        await this.dataSource
          .getRepository(CaseTaskEntity)
          .update({ id: task.id }, { status: 'pending', error: planned.reason, errorText: planned.reasonText });
        return { kind: 'skipped', reason: 'the plan waits for approval' };
      }
      const outcome = planned.kind === 'execute' ? planned.outcome : await this.act(connector, task, entity, system, subject);
      if (outcome === null) {
        await this.manual.assign(task, entity, system, NO_VALUE_TO_CORRECT);
        return { kind: 'finished', status: 'manual' };
      }
      if (outcome.status === 'manual') {
        await this.manual.assign(task, entity, system, outcome.summaryText ?? outcome.summary);
        return { kind: 'finished', status: 'manual' };
      }
      if (outcome.status === 'failed' && outcome.retryable) throw new ConnectorError(outcome.summary, true, undefined, outcome.summaryText);
      const holds = await this.recorder.outcome(task, outcome);
      await this.holds.schedule(holds);
      return outcome.status === 'failed' ? { kind: 'failed', message: outcome.summary } : { kind: 'finished', status: outcome.status };
    } catch (error) {
      return this.handleError(task, error as Error, attempt);
    }
  }

  /** A surveyed system does exactly its approved plan (connector.execute); others act as a whole. */
  private async planned(
    connector: Connector,
    task: CaseTaskEntity,
    entity: CaseEntity,
    system: SystemEntry,
    subject: Subject,
  ): Promise<{ kind: 'whole' } | { kind: 'wait'; reason: string; reasonText: SummaryText } | { kind: 'execute'; outcome: Outcome }> {
    if (!connector.execute || !['erase', 'restrict', 'rectify'].includes(task.action)) return { kind: 'whole' };
    const step = await this.plans.step(entity, system.id);
    if (step.kind !== 'execute') return step;
    return { kind: 'execute', outcome: await connector.execute(systemContext(system), subject, step.request, step.items, { legalHolds: system.legalHolds }) };
  }

  /** null = nothing to do automatically (a rectification without corrected values). */
  private async act(connector: Connector, task: CaseTaskEntity, entity: CaseEntity, system: SystemEntry, subject: Subject): Promise<Outcome | null> {
    const ctx = systemContext(system);
    switch (task.action) {
      case 'rectify': {
        const changes = (task.params.changes ?? {}) as Record<string, string>;
        return Object.keys(changes).length ? connector.rectify(ctx, subject, changes, { reference: entity.reference }) : null;
      }
      case 'erase': {
        const retention: RetentionRules = { legalHolds: system.legalHolds };
        return connector.erase(ctx, subject, retention);
      }
      case 'restrict':
        return connector.restrict(ctx, subject, (task.params.scope as RestrictScope | undefined) ?? 'processing', {
          reference: entity.reference,
          fields: Array.isArray(task.params.fields) ? (task.params.fields as string[]) : undefined,
        });
      default:
        throw new ConnectorError(`action "${task.action}" is not something a connector does`, false);
    }
  }

  /** No record of the person in this system (by what they proved, or a handler confirmed). */
  private async noRecord(task: CaseTaskEntity, system: SystemEntry): Promise<TaskRunResult> {
    if (task.action === 'export') {
      await this.recorder.exported(task, { systemId: system.id, data: {}, recordCount: 0 }, system.name);
    } else {
      await this.recorder.outcome(task, {
        status: 'not_found',
        ...summarised({
          en: `No record in ${system.name} matches what the requester proved or a handler confirmed; nothing was changed there`,
          nb: `Ingen oppføring i ${system.name} samsvarer med det den registrerte har dokumentert eller en saksbehandler har bekreftet; ingenting ble endret der`,
        }),
      });
    }
    return { kind: 'finished', status: 'not_found' };
  }

  private async handleError(task: CaseTaskEntity, error: Error, attempt: AttemptInfo): Promise<TaskRunResult> {
    const repository = this.dataSource.getRepository(CaseTaskEntity);
    this.logger.warn(`task ${task.id} (${task.systemId}/${task.action}) attempt ${attempt.attemptsMade + 1}: ${error.name}`);
    if (error instanceof RateLimitedError) {
      await countConnectorCall(this.metricsQueue, this.config.QUEUE_PREFIX, task.connectorType, 'rate_limited');
      const waiting = TASK_RETRIES.rateLimited(error.retryAfterMs);
      await repository.update({ id: task.id }, { status: 'pending', error: waiting.en, errorText: waiting });
      return { kind: 'rate_limited', delayMs: Math.max(1, error.retryAfterMs) };
    }
    const said = TASK_FAILURES.error(error);
    const reason = said.en;
    const retryable = !(error instanceof ConnectorError) || error.retryable;
    if (!retryable || attempt.attemptsMade + 1 >= attempt.maxAttempts) {
      const failure = retryable ? TASK_FAILURES.gaveUp(attempt.attemptsMade + 1, said) : said;
      await this.recorder.failed(task, failure);
      return { kind: 'failed', message: failure.en };
    }
    const retrying = TASK_RETRIES.attemptFailed(attempt.attemptsMade + 1, attempt.maxAttempts, said);
    await repository.update({ id: task.id }, { status: 'pending', error: retrying.en, errorText: retrying });
    return { kind: 'retry', message: reason };
  }
}
