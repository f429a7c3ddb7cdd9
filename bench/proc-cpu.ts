/**
 * CPU time of processes from /proc/<pid>/stat (Linux): utime + stime (fields 14 and 15, in clock
 * ticks of `getconf CLK_TCK`). A Node process's own figure covers all its threads (libuv pool, GC).
 * PostgreSQL is many processes, and backends come and go, so PostgresCpu samples every postgres
 * process twice a second and keeps the last figure of each one that exits (it loses at most the
 * last half second of a backend that ends inside a window).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

const TICK_MS = 1000 / (Number(safely(() => execFileSync('getconf', ['CLK_TCK']).toString().trim())) || 100);
const SAMPLE_MS = 500;

function safely<T>(read: () => T): T | null {
  try {
    return read();
  } catch {
    return null; // the process ended between listing and reading
  }
}

interface Stat {
  comm: string;
  cpuMs: number;
  /** Start time in ticks since boot: with the pid, it names one process even if the pid is reused. */
  startedAt: string;
}

function stat(pid: number | string): Stat | null {
  const line = safely(() => readFileSync(`/proc/${pid}/stat`, 'utf8'));
  if (!line) return null;
  // comm is in parentheses and may hold spaces; the fields after it are space-separated from 3 on.
  const close = line.lastIndexOf(')');
  const fields = line.slice(close + 2).split(' ');
  return { comm: line.slice(line.indexOf('(') + 1, close), cpuMs: (Number(fields[11]) + Number(fields[12])) * TICK_MS, startedAt: fields[19] };
}

/** CPU milliseconds one process has used so far (0 once it is gone). */
export function processCpuMs(pid: number): number {
  return stat(pid)?.cpuMs ?? 0;
}

export interface PostgresCpuMark {
  /** Backends serving `database` (their command line names it). */
  database: Map<string, number>;
  /** Every postgres process: the bench's backends, the WAL writer, checkpointer, autovacuum, and
   *  on a shared machine the other databases' backends too. */
  all: Map<string, number>;
}

export class PostgresCpu {
  private readonly latest: PostgresCpuMark = { database: new Map(), all: new Map() };
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly databaseName: string) {}

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), SAMPLE_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** A snapshot now, to subtract from a later one. */
  mark(): PostgresCpuMark {
    this.sample();
    return { database: new Map(this.latest.database), all: new Map(this.latest.all) };
  }

  /** CPU ms between two marks; a process born in between counts from zero. */
  static between(before: PostgresCpuMark, after: PostgresCpuMark): { databaseMs: number; allMs: number } {
    const delta = (from: Map<string, number>, to: Map<string, number>) => [...to].reduce((sum, [key, ms]) => sum + ms - (from.get(key) ?? 0), 0);
    return { databaseMs: delta(before.database, after.database), allMs: delta(before.all, after.all) };
  }

  private sample(): void {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const found = stat(entry);
      if (found?.comm !== 'postgres') continue;
      const key = `${entry}@${found.startedAt}`;
      this.latest.all.set(key, found.cpuMs);
      const commandLine = safely(() => readFileSync(`/proc/${entry}/cmdline`, 'utf8')) ?? '';
      if (commandLine.split(/[\s\0]+/).includes(this.databaseName)) this.latest.database.set(key, found.cpuMs);
    }
  }
}
