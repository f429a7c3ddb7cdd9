import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { JobQueue, type JobRequest } from '../job-queue';
import { JOBS, type JobName } from '../queue-catalogue';

/** Rows moved per transaction: one `addBulk` per queue, one DELETE. */
const BATCH = 500;
/** The relay also looks without being woken: a NOTIFY lost with a dropped connection costs at most this. */
const POLL_MS = 1000;

interface OutboxRow {
  id: string;
  name: string;
  data: Record<string, unknown>;
  opts: Record<string, unknown>;
  run_at: Date | null;
}

/**
 * Worker-only: moves committed outbox rows (job-outbox.ts) to BullMQ. Each batch is locked with
 * `FOR UPDATE SKIP LOCKED` (many workers take disjoint batches), added with one `addBulk` per
 * queue, then deleted in the same transaction. A worker killed after the add and before the
 * commit leaves the rows; the next drain offers them again, and BullMQ keeps the job it already
 * has under that id. Woken by the table's NOTIFY on commit, and every second regardless; the
 * reconciliation pass drains too.
 */
@Injectable()
export class JobOutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('JobOutbox');
  private listener: Client | null = null;
  private connecting = false;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | null = null;
  private wokenWhileRunning = false;
  private stopped = false;
  private readonly unknownNames = new Set<string>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'DATABASE_URL'>,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (!this.listener) void this.listen();
      this.wake();
    }, POLL_MS);
    this.timer.unref();
    void this.listen();
    this.wake();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running?.catch(() => 0);
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => undefined);
  }

  /** Starts a drain, or asks the running one to look once more when it ends. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.wokenWhileRunning = true;
      return;
    }
    this.running = this.drainUntilQuiet()
      .catch((error: Error) => {
        // PostgreSQL or Redis away: the rows stay, and the next tick tries again.
        this.logger.warn(`could not relay staged jobs (${error.name}); trying again`);
        return 0;
      })
      .finally(() => {
        this.running = null;
      });
  }

  private async drainUntilQuiet(): Promise<number> {
    let moved = 0;
    do {
      this.wokenWhileRunning = false;
      moved += await this.drain();
    } while (this.wokenWhileRunning && !this.stopped);
    return moved;
  }

  /** Moves every staged job to BullMQ; returns how many. Safe beside other relays (the worker
   *  module also registers it as a reconciliation pass). */
  async drain(): Promise<number> {
    let moved = 0;
    for (;;) {
      const count = await this.batch();
      moved += count;
      if (count < BATCH) return moved;
    }
  }

  private batch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: OutboxRow[] = await manager.query(`SELECT id, name, data, opts, run_at FROM job_outbox ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`, [BATCH]);
      if (!rows.length) return 0;
      const known = rows.filter((row) => this.isKnown(row.name));
      const now = this.clock.now().getTime();
      await this.jobs.enqueueBulk(known.map((row) => requestOf(row, now)));
      await manager.query(`DELETE FROM job_outbox WHERE id = ANY($1::bigint[])`, [known.map((row) => row.id)]);
      return known.length;
    });
  }

  /** A row a newer release staged stays until a worker that knows its job relays it. */
  private isKnown(name: string): boolean {
    if (name in JOBS) return true;
    if (!this.unknownNames.has(name)) {
      this.unknownNames.add(name);
      this.logger.warn(`staged job "${name}" is not in this release's catalogue; left for a worker that knows it`);
    }
    return false;
  }

  private async listen(): Promise<void> {
    if (this.connecting || this.stopped) return;
    this.connecting = true;
    const client = new Client({ connectionString: this.config.DATABASE_URL, application_name: 'dsr-job-outbox' });
    const lost = () => {
      if (this.listener === client) this.listener = null;
      void client.end().catch(() => undefined);
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', () => this.wake());
    try {
      await client.connect();
      await client.query('LISTEN job_outbox');
      if (this.stopped) await client.end();
      else this.listener = client;
    } catch {
      lost();
    } finally {
      this.connecting = false;
    }
  }
}

function requestOf(row: OutboxRow, now: number): JobRequest {
  const delay = row.run_at ? Math.max(0, new Date(row.run_at).getTime() - now) : 0;
  return { name: row.name as JobName, data: row.data, opts: { ...row.opts, ...(delay ? { delay } : {}) } } as unknown as JobRequest;
}
