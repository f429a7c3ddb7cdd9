import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import type { SystemEntry } from '../../systems/data-map.schema';
import { SystemsService } from '../../systems/systems.service';
import type { SummaryText } from '../connector';
import { ConnectorRegistry } from '../connector-registry';
import { joinedTexts } from '../outcome-summary';
import { systemContext } from '../system-context';
import { SystemCheckEntity, type SystemCheckStatus } from './system-check.entity';

/** How long the start-up check waits for one system before counting it unreachable. */
const CHECK_TIMEOUT_MS = 20_000;

/**
 * When the worker starts, each system whose connector can look up its configured names
 * (`Connector.checkNames`: Visma's introspection, the sql connector's information_schema query)
 * is asked once, every system on its own, so a slow or wrong one holds up no other. A wrong name
 * marks the system stopped: one log line naming the settings, the message on /staff/systems, and
 * its tasks fail at once with it instead of calling the system. A system that could not be reached
 * is not stopped: the connector's own check before its first task in each process stays the fallback.
 */
@Injectable()
export class SystemChecksService {
  private readonly logger = new Logger('SystemChecks');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly systems: SystemsService,
    private readonly registry: ConnectorRegistry,
    private readonly clock: Clock,
  ) {}

  /** Checks every system that can be checked; never throws (start-up goes on whatever the answers). */
  async checkAll(): Promise<void> {
    await Promise.allSettled(this.systems.systems().map((system) => this.check(system)));
  }

  async check(system: SystemEntry): Promise<SystemCheckStatus | undefined> {
    const connector = this.registry.forSystem(system);
    if (!connector?.checkNames) return undefined;
    let status: SystemCheckStatus;
    let message: string | null = null;
    let messageText: SummaryText | null = null;
    try {
      const problems = await withTimeout(connector.checkNames(systemContext(system)), CHECK_TIMEOUT_MS);
      status = problems.length ? 'stopped' : 'ok';
      if (problems.length) {
        // The finding alone (the data map's setting names, as an operator edits them): the page
        // and each failure say in the reader's words what it means. The English stays in `message`
        // and the log, which operators grep whatever their staff language.
        messageText = joinedTexts(problems, '; ');
        message = messageText.en;
        this.logger.warn(`system "${system.id}" stopped at start-up: ${message}`);
      }
    } catch (error) {
      status = 'unreachable';
      message = `not checked at start-up (${(error as Error).name}); each task checks the names before it calls the system`;
      this.logger.warn(`system "${system.id}" not checked at start-up (${(error as Error).name}); its names are checked before its first task`);
    }
    await this.dataSource
      .getRepository(SystemCheckEntity)
      .upsert({ systemId: system.id, status, message, messageText, connectionHash: connectionHash(system), checkedAt: this.clock.now() }, ['systemId']);
    return status;
  }

  /** The finding a stopped system's tasks fail with, in each staff language; undefined when it may
   *  run (or was not checked with this data map). */
  async stoppedMessage(system: SystemEntry): Promise<SummaryText | undefined> {
    const row = await this.dataSource.getRepository(SystemCheckEntity).findOne({ where: { systemId: system.id } });
    return row?.status === 'stopped' && row.connectionHash === connectionHash(system) ? findingOf(row) : undefined;
  }

  /** The latest check of every system in the data map, by id (for the data-map page). */
  async latest(): Promise<Map<string, SystemCheckEntity>> {
    const rows = await this.dataSource.getRepository(SystemCheckEntity).find();
    const current = new Map(this.systems.systems().map((system) => [system.id, connectionHash(system)]));
    return new Map(rows.filter((row) => current.get(row.systemId) === row.connectionHash).map((row) => [row.systemId, row]));
  }
}

/** A stopped row's finding in each staff language; a row stored before the translations has the
 *  English only, shown as it is in both. */
export function findingOf(row: SystemCheckEntity): SummaryText | undefined {
  if (row.messageText) return row.messageText;
  return row.message === null ? undefined : { en: row.message, nb: row.message };
}

/** The `connection` block as checked (names of env vars only, never their values). */
function connectionHash(system: SystemEntry): string {
  return createHash('sha256')
    .update(JSON.stringify([system.connector, system.connection ?? {}]))
    .digest('hex');
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('timed out'), { name: 'TimeoutError' })), ms);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
