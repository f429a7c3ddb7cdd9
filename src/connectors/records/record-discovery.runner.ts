import { SystemChecksService } from '../system-checks/system-checks.service';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { isClosed } from '../../cases/case-transitions';
import { Clock } from '../../common/clock';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import type { CaseIdentifierEntity } from '../../identity/case-identifier.entity';
import { CaseRecordDiscoveryEntity } from '../../identity/case-record-discovery.entity';
import { CaseRecordMatchEntity, type MatchEvidence } from '../../identity/case-record-match.entity';
import { IdentityService } from '../../identity/identity.service';
import { isEstablished, type RecordMatchStatus } from '../../identity/identity-types';
import { QueueName, type JobPayloads, type JobName } from '../../queues/queue-catalogue';
import { SystemsService } from '../../systems/systems.service';
import type { Match, SummaryText } from '../connector';
import { ConnectorError, RateLimitedError } from '../connector-errors';
import { ConnectorRegistry } from '../connector-registry';
import { FanoutService } from '../fanout/fanout.service';
import { systemContext } from '../system-context';
import { countConnectorCall } from '../tasks/connector-call-metrics';
import type { AttemptInfo, TaskRunResult } from '../tasks/task-runner.service';
import { SEARCH_FAILURES, TASK_FAILURES, TASK_RETRIES } from '../tasks/task-failures';
import { CANDIDATE_SEARCH_KINDS, contactsOf, givenEvidence, heldEvidence, isEmptySubject, promotable, recordHolds, subjectFrom } from './record-holds';
import { CasesReader } from '../../cases/cases-reader';
import { PlanSurveyor } from '../plan/plan-surveyor.service';

type Key = JobPayloads[JobName.DiscoverRecords];

/** What one search found, before it is written. */
interface Found {
  matched: Array<{ match: Match; foundBy: CaseIdentifierEntity[]; promote: string[] }>;
  candidates: Map<string, { match: Match; foundBy: CaseIdentifierEntity[] }>;
}

/** Statuses a search never changes: a person decided them, or the record is already the subject's. */
const KEPT_ON_CANDIDATE: readonly RecordMatchStatus[] = ['matched', 'confirmed', 'rejected'];
const KEPT_ON_MATCH: readonly RecordMatchStatus[] = ['confirmed', 'rejected'];

/**
 * The `discover-records` job: searches one system for the case's records before anything is done.
 * With the established identifiers, what it finds is the subject's (`matched`), and a claimed
 * identifier that such a record also holds becomes established `from_record`. Each identifier
 * still only claimed is then searched alone: what that finds is a `candidate`, a possible match a
 * handler must confirm or reject, with masked evidence side by side. When every system's search
 * is done, fan-out is asked again.
 */
@Injectable()
export class RecordDiscoveryRunner {
  private readonly logger = new Logger('Records');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly casesReader: CasesReader,
    private readonly registry: ConnectorRegistry,
    private readonly systems: SystemsService,
    private readonly identity: IdentityService,
    private readonly fanout: FanoutService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(QueueName.Maintenance) private readonly metricsQueue: Queue,
    private readonly surveyor: PlanSurveyor,
    private readonly systemChecks: SystemChecksService,
  ) {}

  async run(key: Key, attempt: AttemptInfo): Promise<TaskRunResult> {
    const row = await this.current(key);
    // A retry of this round's plan survey after the search itself was written.
    if (!row && (await this.surveyor.pending(key.caseId, key.systemId, key.round))) return this.survey(key, attempt, 'searched before');
    if (!row) return { kind: 'skipped', reason: 'an older round, or already searched' };
    const entity = await this.casesReader.byId(key.caseId);
    if (!entity || isClosed(entity)) return { kind: 'skipped', reason: 'case closed' };
    const system = this.systems.system(key.systemId);
    const connector = system ? this.registry.forSystem(system) : undefined;
    if (!system || !connector) {
      const reason = SEARCH_FAILURES.notApiSystem(key.systemId);
      await this.failed(key, reason);
      return { kind: 'failed', message: reason.en };
    }
    // A wrong name found when the worker started: the search fails with it, without calling the system.
    const finding = await this.systemChecks.stoppedMessage(system);
    if (finding) {
      const stopped = TASK_FAILURES.nameCheck(finding);
      await this.failed(key, stopped);
      return { kind: 'failed', message: stopped.en };
    }

    let found: Found;
    try {
      await countConnectorCall(this.metricsQueue, this.config.QUEUE_PREFIX, connector.type, 'calls');
      const identifiers = await this.identity.list(key.caseId);
      const established = identifiers.filter((identifier) => isEstablished(identifier.basis) && identifier.searchable);
      const claimed = identifiers.filter((identifier) => identifier.basis === 'claimed' && identifier.searchable);
      const ctx = systemContext(system);
      const subject = subjectFrom(established);
      const matches = isEmptySubject(subject) ? [] : await connector.find(ctx, subject);
      found = { matched: [], candidates: new Map() };
      const promoted = new Set<string>();
      for (const match of matches) {
        const holding = established.filter((identifier) => recordHolds(match.holds, identifier));
        // A connector that does not say what the record holds: it was found by the whole subject.
        const foundBy = holding.length ? holding : established;
        const promote = promotable(match, claimed);
        promote.forEach((id) => promoted.add(id));
        found.matched.push({ match, foundBy, promote });
      }
      const matchedIds = new Set(matches.map((match) => match.externalId));
      for (const identifier of claimed.filter((item) => CANDIDATE_SEARCH_KINDS.includes(item.kind) && !promoted.has(item.id))) {
        for (const match of await connector.find(ctx, subjectFrom([identifier]))) {
          if (matchedIds.has(match.externalId)) continue;
          const entry = found.candidates.get(match.externalId) ?? { match, foundBy: [] };
          entry.foundBy.push(identifier);
          found.candidates.set(match.externalId, entry);
        }
      }
    } catch (error) {
      return this.handleError(key, connector.type, error as Error, attempt);
    }

    const changed = await this.dataSource.transaction(async (manager) => {
      // One search per case writes at a time: another system's may be establishing identifiers.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`case-records-${key.caseId}`]);
      const locked = await manager.findOne(CaseRecordDiscoveryEntity, {
        where: { caseId: key.caseId, systemId: key.systemId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!locked || locked.round !== key.round || locked.status !== 'pending') return null;
      const ids: string[] = [];
      for (const item of found.matched) {
        await this.upsert(manager, key, item.match, item.foundBy, 'matched');
        ids.push(
          ...(await this.identity.establish(manager, key.caseId, item.promote, {
            basis: 'from_record',
            method: `held by the requester's own record in ${system.name}`,
            by: 'system',
            source: { systemId: system.id, externalId: item.match.externalId },
          })),
        );
      }
      for (const item of found.candidates.values()) await this.upsert(manager, key, item.match, item.foundBy, 'candidate');
      await manager.update(CaseRecordDiscoveryEntity, { caseId: key.caseId, systemId: key.systemId }, { status: 'done', error: null, errorText: null });
      // Erasure, restriction, rectification: the plan's survey is pending from the same commit on.
      await this.surveyor.prepare(manager, key.caseId, entity.type, key.systemId, key.round);
      await this.audit.append(manager, {
        caseId: key.caseId,
        type: 'records.searched',
        actor: 'system',
        occurredAt: this.clock.now(),
        // Counts only: which records and what they hold stay in their own table.
        data: { system: key.systemId, round: key.round, matched: found.matched.length, candidates: found.candidates.size },
      });
      return ids;
    });
    if (changed === null) return { kind: 'skipped', reason: 'an older round' };
    // First the new identifiers (which start a new round), then fan-out, which waits for it.
    await this.identity.published(key.caseId, changed);
    return this.survey(key, attempt, `${found.matched.length} matched, ${found.candidates.size} possible`);
  }

  /** The plan's survey of this system, when pending for this round; then fan-out. A retryable
   *  failure retries this job (the survey stays pending); otherwise it is recorded as failed. */
  private async survey(key: Key, attempt: AttemptInfo, searched: string): Promise<TaskRunResult> {
    let surveyed: string;
    try {
      const result = await this.surveyor.run(key.caseId, key.systemId, key.round);
      surveyed = result ? `; plan of ${result.items} record(s)` : '';
    } catch (error) {
      const answer = await this.handleError(key, this.systems.system(key.systemId)?.connector ?? 'unknown', error as Error, attempt, true);
      if (answer.kind === 'failed') await this.fanout.fanOut(key.caseId);
      return answer;
    }
    await this.fanout.fanOut(key.caseId);
    return { kind: 'finished', status: `${searched}${surveyed}` };
  }

  /** BullMQ gave up on the job (stalled too often, or out of attempts) without our code recording it. */
  async onJobFailed(key: Key, reason: string): Promise<void> {
    const failure = SEARCH_FAILURES.jobFailed(reason);
    await this.failed(key, failure);
    await this.surveyor.failed(key.caseId, key.systemId, key.round, SEARCH_FAILURES.survey(failure));
  }

  private async current(key: Key): Promise<CaseRecordDiscoveryEntity | null> {
    const row = await this.dataSource.getRepository(CaseRecordDiscoveryEntity).findOne({ where: { caseId: key.caseId, systemId: key.systemId } });
    return row && row.round === key.round && row.status === 'pending' ? row : null;
  }

  private async upsert(manager: EntityManager, key: Key, match: Match, foundBy: CaseIdentifierEntity[], status: 'matched' | 'candidate'): Promise<void> {
    const existing = await manager.findOne(CaseRecordMatchEntity, { where: { caseId: key.caseId, systemId: key.systemId, externalId: match.externalId } });
    const kept = status === 'matched' ? KEPT_ON_MATCH : KEPT_ON_CANDIDATE;
    if (existing && kept.includes(existing.status)) return;
    const evidence: MatchEvidence = { given: givenEvidence(foundBy), held: heldEvidence(match.holds) };
    const values = {
      recordKind: match.kind.slice(0, 40),
      label: match.label ?? null,
      status,
      foundBy: foundBy.map((identifier) => identifier.id),
      evidence,
      contacts: contactsOf(match.holds),
    };
    if (existing) await manager.update(CaseRecordMatchEntity, { id: existing.id }, values);
    else await manager.insert(CaseRecordMatchEntity, { caseId: key.caseId, systemId: key.systemId, externalId: match.externalId, ...values });
  }

  private async handleError(key: Key, connectorType: string, error: Error, attempt: AttemptInfo, surveying = false): Promise<TaskRunResult> {
    this.logger.warn(`record ${surveying ? 'survey' : 'search'} ${key.systemId} for case ${key.caseId} attempt ${attempt.attemptsMade + 1}: ${error.name}`);
    const repository = this.dataSource.getRepository(CaseRecordDiscoveryEntity);
    if (error instanceof RateLimitedError) {
      await countConnectorCall(this.metricsQueue, this.config.QUEUE_PREFIX, connectorType, 'rate_limited');
      if (surveying) return { kind: 'rate_limited', delayMs: Math.max(1, error.retryAfterMs) };
      const waiting = TASK_RETRIES.rateLimited(error.retryAfterMs);
      await repository.update({ caseId: key.caseId, systemId: key.systemId, round: key.round }, { error: waiting.en, errorText: waiting });
      return { kind: 'rate_limited', delayMs: Math.max(1, error.retryAfterMs) };
    }
    const said = TASK_FAILURES.error(error);
    const retryable = !(error instanceof ConnectorError) || error.retryable;
    if (!retryable || attempt.attemptsMade + 1 >= attempt.maxAttempts) {
      const failure = retryable ? TASK_FAILURES.gaveUp(attempt.attemptsMade + 1, said) : said;
      if (surveying) await this.surveyor.failed(key.caseId, key.systemId, key.round, SEARCH_FAILURES.survey(failure));
      else await this.failed(key, failure);
      return { kind: 'failed', message: failure.en };
    }
    if (surveying) return { kind: 'retry', message: said.en };
    const retrying = TASK_RETRIES.attemptFailed(attempt.attemptsMade + 1, attempt.maxAttempts, said);
    await repository.update({ caseId: key.caseId, systemId: key.systemId, round: key.round }, { error: retrying.en, errorText: retrying });
    return { kind: 'retry', message: said.en };
  }

  /** Visible on the case; staff search again once the cause is fixed. */
  private async failed(key: Key, reason: SummaryText): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const updated = await manager.update(
        CaseRecordDiscoveryEntity,
        { caseId: key.caseId, systemId: key.systemId, round: key.round, status: 'pending' },
        { status: 'failed', error: reason.en, errorText: reason },
      );
      if (!updated.affected) return;
      await this.audit.append(manager, {
        caseId: key.caseId,
        type: 'records.search_failed',
        actor: 'system',
        occurredAt: this.clock.now(),
        data: { system: key.systemId, round: key.round },
      });
    });
  }
}
