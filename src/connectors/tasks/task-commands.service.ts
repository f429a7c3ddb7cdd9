import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { CaseEntity } from '../../cases/case.entity';
import { isClosed } from '../../cases/case-transitions';
import { CasesService } from '../../cases/cases.service';
import { Clock } from '../../common/clock';
import { conflict, DomainError, notFound } from '../../common/domain-error';
import { jobIds } from '../../queues/queue-catalogue';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import { staffActor } from '../../common/auth/staff-principal';
import { SystemsService } from '../../systems/systems.service';
import type { RetainedRecords } from '../connector';
import { CaseSettlementService } from '../fanout/case-settlement.service';
import { FanoutService } from '../fanout/fanout.service';
import { ObjectionDecisionEntity } from '../fanout/objection-decision.entity';
import { LegalHoldService } from '../holds/legal-hold.service';
import { CaseTaskEntity } from './case-task.entity';
import { TaskOutcomeRecorder, type FinalOutcome } from './task-outcome.recorder';
import type { Disposition } from '../../common/dispositions/disposition';
import { dispositionProblems } from '../../common/dispositions/disposition.schema';
import { keptFromLegacy, retainedFromKept, statusOf } from '../../common/dispositions/manual-outcome';
import type { PackageCipher } from '../../common/crypto/package-cipher';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { handoverCipher, storeHandoverFiles } from '../manual/handover/handover-files';
import { checkHandover, hasHandover, type Handover, type HandoverInput } from '../manual/handover/handover-input';

export interface ManualOutcomeInput {
  /** Derived from `dispositions` when they are given (statusOf). */
  status?: 'done' | 'not_found' | 'retained';
  /** A note for staff; never shown to the requester. */
  summary: string;
  retained?: RetainedRecords[];
  /** What happened to each record (src/common/dispositions): what the letter is written from. */
  dispositions?: unknown[];
  /** Access/portability: the data a person hands over (files, rows, the Art 15(4) note). */
  handover?: HandoverInput;
}

/**
 * A person's outcome as a task outcome with dispositions. Given dispositions are checked (400 naming
 * `dispositions[i].field`) and decide the status; the legacy form (status + retained) still works
 * and is turned into the dispositions it establishes (`not_found` → searched, nothing found;
 * `retained` → kept; a bare `done` establishes nothing the letter could claim).
 */
export function manualOutcome(input: ManualOutcomeInput, handedOver?: Handover): FinalOutcome {
  if (handedOver) return handoverOutcome(input, handedOver);
  if (input.dispositions !== undefined) {
    const problems = dispositionProblems(input.dispositions);
    if (problems.length) throw new DomainError('invalid', `${problems[0].field} ${problems[0].problem}`, problems);
    const dispositions = input.dispositions as Disposition[];
    if (!dispositions.length)
      throw new DomainError('invalid', 'dispositions must list at least one', [
        { field: 'dispositions', problem: 'say what happened to the records, or that none were held' },
      ]);
    const status = statusOf(dispositions);
    if (input.status && input.status !== status)
      throw new DomainError('invalid', `status ${input.status} does not match the dispositions (${status})`, [
        { field: 'status', problem: `the dispositions make it ${status}; leave status out or send ${status}` },
      ]);
    if (status === 'failed') return { status, summary: input.summary, retryable: false, dispositions };
    if (status === 'retained') return { status, summary: input.summary, retained: retainedFromKept(dispositions), dispositions };
    return { status, summary: input.summary, dispositions };
  }
  if (!input.status)
    throw new DomainError('invalid', 'status or dispositions is required', [{ field: 'dispositions', problem: 'say what happened to the records' }]);
  if (input.status === 'retained') {
    if (!input.retained?.length)
      throw new DomainError('invalid', 'retained needs at least one {records, basis, until}', [
        { field: 'retained', problem: 'list what was kept, its basis and until when' },
      ]);
    return { status: 'retained', summary: input.summary, retained: input.retained, dispositions: input.retained.map(keptFromLegacy) };
  }
  return { status: input.status, summary: input.summary };
}

/**
 * The outcome of a hand-over: the person's dispositions when they gave any (one of them must say
 * data was disclosed), else what the upload itself establishes (`disclosed` rows and files).
 * The counts go on the outcome for staff; the data itself only into the export and the files.
 */
function handoverOutcome(input: ManualOutcomeInput, handedOver: Handover): FinalOutcome {
  const details = { handedOver: { rows: handedOver.recordCount - handedOver.files.length, files: handedOver.files.length } };
  if (input.dispositions === undefined) {
    if (input.status && input.status !== 'done')
      throw new DomainError('invalid', `status ${input.status} does not match data handed over`, [
        { field: 'status', problem: 'data was handed over: the outcome is done (or leave status out)' },
      ]);
    return { status: 'done', summary: input.summary, details, dispositions: handedOver.disclosed };
  }
  const outcome = manualOutcome({ ...input, handover: undefined });
  if (!outcome.dispositions?.some((item) => item.kind === 'disclosed'))
    throw new DomainError('invalid', 'dispositions do not say data was disclosed', [
      { field: 'dispositions', problem: 'data was handed over: add a disclosed disposition for it, or leave dispositions out' },
    ]);
  return outcome.status === 'done' ? { ...outcome, details } : outcome;
}

/** What staff do to tasks: retry a failed one, record a manual outcome, decide an objection. */
@Injectable()
export class TaskCommandsService {
  private readonly handoverCipher: PackageCipher;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CasesService,
    private readonly fanout: FanoutService,
    private readonly settlement: CaseSettlementService,
    private readonly recorder: TaskOutcomeRecorder,
    private readonly holds: LegalHoldService,
    private readonly systems: SystemsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.handoverCipher = handoverCipher(config);
  }

  async tasksFor(caseId: string): Promise<CaseTaskEntity[]> {
    return this.dataSource.getRepository(CaseTaskEntity).find({ where: { caseId }, order: { createdAt: 'ASC', systemId: 'ASC', action: 'ASC' } });
  }

  /** Runs a failed task again (as a new job with its own id; the failed job stays as evidence). */
  async retry(reference: string, taskId: string, staff: StaffPrincipal): Promise<CaseTaskEntity> {
    const entity = await this.cases.findByReference(reference);
    if (isClosed(entity)) throw conflict(`Cannot retry: the case is ${entity.status}.`);
    const task = await this.dataSource.transaction(async (manager) => {
      const locked = await manager.findOne(CaseTaskEntity, { where: { id: taskId, caseId: entity.id }, lock: { mode: 'pessimistic_write' } });
      if (!locked) throw notFound(`Task ${taskId}`);
      if (locked.status !== 'failed') throw conflict(`Cannot retry: the task is ${locked.status}; only a failed task can be retried.`);
      locked.retries += 1;
      locked.status = 'pending';
      locked.error = null;
      locked.outcome = null;
      locked.finishedAt = null;
      locked.jobId = jobIds.task(locked.id, locked.retries);
      const saved = await manager.save(locked);
      await this.audit.append(manager, {
        caseId: entity.id,
        type: 'task.retry_requested',
        actor: staffActor(staff),
        occurredAt: this.clock.now(),
        data: { taskId, system: locked.systemId, action: locked.action, retry: locked.retries },
      });
      return saved;
    });
    await this.fanout.enqueue(task);
    return task;
  }

  /** The outcome of a task a person did. An owner may only answer for the systems they own. */
  async recordOutcome(reference: string, taskId: string, input: ManualOutcomeInput, staff: StaffPrincipal): Promise<CaseTaskEntity> {
    const entity = await this.cases.findByReference(reference);
    const task = await this.dataSource.getRepository(CaseTaskEntity).findOne({ where: { id: taskId, caseId: entity.id } });
    if (!task) throw notFound(`Task ${taskId}`);
    const system = this.systems.system(task.systemId);
    if (staff.role === 'owner' && system?.owner.toLowerCase() !== staff.email.toLowerCase()) {
      throw new DomainError('forbidden', 'Only the owner of this system (or a handler) may record its outcome.');
    }
    if (isClosed(entity)) throw conflict(`Cannot record an outcome: the case is ${entity.status}.`);
    if (task.status !== 'manual') throw conflict(`Cannot record an outcome: the task is ${task.status}, not waiting for a person.`);
    const handedOver = input.handover && hasHandover(input.handover) ? checkedHandover(task, input.handover) : undefined;
    const outcome = manualOutcome(input, handedOver);
    const holds = handedOver
      ? await this.recorder.handedOver(
          task,
          {
            systemId: task.systemId,
            data: handedOver.data,
            tables: handedOver.tables,
            recordCount: handedOver.recordCount,
            dispositions: outcome.dispositions,
          },
          outcome,
          staffActor(staff),
          (manager) => storeHandoverFiles(manager, this.handoverCipher, task, handedOver.files),
        )
      : await this.recorder.outcome(task, outcome, staffActor(staff));
    await this.holds.schedule(holds);
    await this.settlement.settle(entity.id);
    return this.dataSource.getRepository(CaseTaskEntity).findOneOrFail({ where: { id: taskId } });
  }

  /** Art 21(1): a person decides whether compelling legitimate grounds override the objection. */
  async decideObjection(reference: string, decision: 'stop' | 'compelling_grounds', grounds: string, staff: StaffPrincipal): Promise<CaseEntity> {
    return this.cases.decideObjection(reference, decision, grounds, staffActor(staff), async (entity, manager) => {
      if (await manager.findOne(ObjectionDecisionEntity, { where: { caseId: entity.id } })) throw conflict('The objection has already been decided.');
      await manager.insert(ObjectionDecisionEntity, { caseId: entity.id, decision, grounds, decidedBy: staffActor(staff), decidedAt: this.clock.now() });
    });
  }

  async decisionFor(caseId: string): Promise<ObjectionDecisionEntity | null> {
    return this.dataSource.getRepository(ObjectionDecisionEntity).findOne({ where: { caseId } });
  }

  caseByReference(reference: string): Promise<CaseEntity> {
    return this.cases.findByReference(reference);
  }
}

/** A hand-over checked for an export task (access or portability); any other task has nothing to hand over. */
function checkedHandover(task: CaseTaskEntity, input: HandoverInput): Handover {
  if (task.action !== 'export') {
    const field = input.files?.length ? 'files' : input.records !== undefined ? 'records' : input.recordsCsv?.trim() ? 'recordsCsv' : 'redactionNote';
    throw new DomainError('invalid', `${field} only with an access or portability task`, [
      { field, problem: `only an access or portability task hands over data (this task is ${task.action})` },
    ]);
  }
  const checked = checkHandover(input);
  if (!checked.ok) throw new DomainError('invalid', checked.problems.map((item) => `${item.field}: ${item.problem}`).join('; '), checked.problems);
  return checked.handover;
}
