import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import type { JobRequest } from '../job-queue';

/** Staged jobs as column arrays, for one `INSERT … SELECT FROM unnest(…)` (see STAGE_SQL). */
export interface StagedColumns {
  names: string[];
  data: string[];
  opts: string[];
  runAt: Array<string | null>;
}

/** The INSERT of staged jobs, given the four arrays of `StagedColumns` as parameters `first` to
 *  `first + 3`. A caller that embeds it in a larger statement may name a row source (`onlyIf`, a
 *  CTE of zero or one row) without which nothing is staged. */
export function stageSql(first: number, onlyIf?: string): string {
  const [n, d, o, r] = [first, first + 1, first + 2, first + 3];
  return `INSERT INTO job_outbox (name, data, opts, run_at)
    SELECT job.name, job.data, job.opts, job.run_at
    FROM ${onlyIf ? `${onlyIf}, ` : ''}unnest($${n}::varchar[], $${d}::jsonb[], $${o}::jsonb[], $${r}::timestamptz[]) AS job(name, data, opts, run_at)`;
}

/** A job's delay becomes a due time, so a job relayed late still runs when it was meant to. */
export function stagedColumns(requests: readonly JobRequest[], now: Date): StagedColumns {
  const columns: StagedColumns = { names: [], data: [], opts: [], runAt: [] };
  for (const request of requests) {
    const { delay, ...opts } = (request.opts ?? {}) as { delay?: number };
    columns.names.push(request.name);
    columns.data.push(JSON.stringify(request.data));
    columns.opts.push(JSON.stringify(opts));
    columns.runAt.push(delay ? new Date(now.getTime() + delay).toISOString() : null);
  }
  return columns;
}

/**
 * The transactional job outbox: a change that needs jobs writes them as rows in its own
 * transaction, so they commit or roll back with it; the worker's relay (job-outbox.relay.ts)
 * moves them to BullMQ. No window where a change is committed and its jobs are not recorded, and
 * no Redis round trip on the request path. Every staged job needs a fixed job id: the relay may
 * offer a row twice (a crash after `addBulk`, before the row's delete commits), and BullMQ leaves
 * a job whose id exists as it is.
 */
@Injectable()
export class JobOutbox {
  constructor(private readonly clock: Clock) {}

  async stage(manager: EntityManager, requests: readonly JobRequest[]): Promise<void> {
    if (!requests.length) return;
    for (const request of requests) {
      if (!request.opts?.jobId) throw new Error(`a staged ${request.name} job needs a job id (the relay may offer it twice)`);
    }
    const columns = stagedColumns(requests, this.clock.now());
    await manager.query(stageSql(1), [columns.names, columns.data, columns.opts, columns.runAt]);
  }
}
