import { Inject, Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { IDENTITY_ESTABLISHED, type IdentityEstablishedEvent } from '../../identity/identity.service';
import { representationGate } from '../../representation/representation-gate';
import { JobQueue } from '../../queues/job-queue';
import { JobName, QueueName, jobIds, type TaskQueueName } from '../../queues/queue-catalogue';
import type { SystemEntry } from '../../systems/data-map.schema';
import { SystemsService } from '../../systems/systems.service';
import { ConnectorRegistry } from '../connector-registry';
import { TASK_QUEUES } from '../tasks/task-queues';
import { CasesReader } from '../../cases/cases-reader';
import { ACTING_TASK_SQL } from '../tasks/case-task.entity';

interface DiscoveryKey {
  caseId: string;
  systemId: string;
  round: number;
}

/**
 * Starts the search for a case's records: one `case_record_discoveries` row per controller-role
 * system with an API connector (PostgreSQL is the record), and one `discover-records` job on that
 * connector type's task queue, so the provider's rate limit and Retry-After cover the search
 * exactly as they cover tasks. Manual and processor-role systems are never searched.
 */
@Injectable()
export class RecordDiscoveryQueue {
  private readonly logger = new Logger('Records');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly casesReader: CasesReader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobQueue,
    private readonly systems: SystemsService,
    private readonly registry: ConnectorRegistry,
  ) {}

  /** The systems whose records are searched for before anything is done. */
  searchedSystems(): SystemEntry[] {
    return this.systems.systems().filter((system) => system.role === 'controller' && system.connector !== 'manual' && this.registry.forSystem(system));
  }

  /** Creates the searches a case is missing (first round) and queues them. Idempotent. */
  async ensureStarted(caseId: string): Promise<void> {
    const systems = this.searchedSystems();
    if (!systems.length) return;
    const inserted: Array<{ system_id: string; round: number }> = await this.dataSource.query(
      `INSERT INTO case_record_discoveries (case_id, system_id, status, round)
       SELECT $1, unnest($2::varchar[]), 'pending', 1
       ON CONFLICT (case_id, system_id) DO NOTHING
       RETURNING system_id, round`,
      [caseId, systems.map((system) => system.id)],
    );
    for (const row of inserted) await this.enqueue({ caseId, systemId: row.system_id, round: row.round });
  }

  /** Searches every system again (a new round): an identifier was established, or staff asked. */
  async again(caseId: string): Promise<Array<{ systemId: string; round: number }>> {
    // A request on someone's behalf is not searched until staff accepted the authority.
    if (await representationGate(this.dataSource.manager, caseId)) return [];
    const systems = this.searchedSystems();
    if (!systems.length) return [];
    const rows: Array<{ system_id: string; round: number }> = await this.dataSource.query(
      `INSERT INTO case_record_discoveries (case_id, system_id, status, round)
       SELECT $1, unnest($2::varchar[]), 'pending', 1
       ON CONFLICT (case_id, system_id) DO UPDATE
         SET status = 'pending', round = case_record_discoveries.round + 1, error = NULL, error_text = NULL, updated_at = now()
       RETURNING system_id, round`,
      [caseId, systems.map((system) => system.id)],
    );
    for (const row of rows) await this.enqueue({ caseId, systemId: row.system_id, round: row.round });
    return rows.map((row) => ({ systemId: row.system_id, round: row.round }));
  }

  /** A newly established identifier may find more of the person's records, and turn possible
   *  matches into matches: search again while no task has acted yet. */
  @OnEvent(IDENTITY_ESTABLISHED, { promisify: true, suppressErrors: false })
  async onIdentityEstablished(event: IdentityEstablishedEvent): Promise<void> {
    try {
      const entity = await this.casesReader.byId(event.caseId);
      if (!entity || entity.status !== 'in_progress' || !entity.verifiedAt) return;
      const tasks: unknown[] = await this.dataSource.query(`SELECT 1 FROM case_tasks WHERE case_id = $1 AND ${ACTING_TASK_SQL} LIMIT 1`, [event.caseId]);
      if (tasks.length) return;
      await this.again(event.caseId);
    } catch (error) {
      // The identifier is stored; the reconciliation pass queues what is pending.
      this.logger.warn(`could not search case ${event.caseId} again: ${(error as Error).name}`);
    }
  }

  /** Reconciliation: every pending search of an open case gets its job back (Redis may have lost it). */
  async rebuild(): Promise<number> {
    const rows: Array<{ case_id: string; system_id: string; round: number }> = await this.dataSource.query(
      `SELECT d.case_id, d.system_id, d.round FROM case_record_discoveries d JOIN cases c ON c.id = d.case_id
        WHERE d.status = 'pending' AND c.status = 'in_progress'`,
    );
    for (const row of rows) await this.enqueue({ caseId: row.case_id, systemId: row.system_id, round: row.round });
    return rows.length;
  }

  async enqueue(key: DiscoveryKey): Promise<void> {
    const system = this.systems.system(key.systemId);
    const queue = system && this.queueFor(system.connector);
    if (!queue) return;
    await this.jobs.enqueue(JobName.DiscoverRecords, key, {
      queue,
      attempts: this.config.TASK_ATTEMPTS,
      backoff: { type: 'exponential', delay: this.config.TASK_BACKOFF_MS },
      jobId: jobIds.discovery(key.caseId, key.systemId, key.round),
    });
  }

  /** An API connector's task queue; none for manual systems, which are never searched. */
  private queueFor(connectorType: string): TaskQueueName | null {
    const queue = TASK_QUEUES[connectorType];
    return queue && queue !== QueueName.TasksManual ? queue : null;
  }
}
