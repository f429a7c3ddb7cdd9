/**
 * One round of the interleaved flood: the bare route or the intake, with the CPU each process
 * used over the round. An intake round lasts until the worker has delivered the round's
 * verification e-mails (bounded), so the worker's and PostgreSQL's figures include the backlog the
 * round left, and the next bare round starts on a quiet machine.
 */
import { processCpuMs, PostgresCpu, type PostgresCpuMark } from '../proc-cpu';
import type { BenchProcess } from '../spawn-service';
import { secondsUntil } from './case-checks';
import { flood, intakeBody, type FloodResult } from './flood';
import type { MailSink } from './mail-sink';

export interface RoundSetup {
  bareUrl: string;
  intakeUrl: string;
  seconds: number;
  connections: number;
  drainTimeoutSeconds: number;
  processes: { api: BenchProcess; worker: BenchProcess; bare: BenchProcess };
  postgres: PostgresCpu;
  sink: MailSink;
}

interface CpuMark {
  api: number;
  worker: number;
  bare: number;
  postgres: PostgresCpuMark;
}

export interface RoundReport extends FloodResult {
  round: string;
  /** Intake rounds: seconds from the flood's end until every accepted request's e-mail arrived (null: not within the bound). */
  drainSeconds?: number | null;
  /** CPU ms per accepted request over the round (intake: flood and drain). */
  cpuMsPerAccepted: Record<string, number>;
  /** CPU ms in all over the round, per process (a bare round shows what the idle service uses). */
  cpuMs: Record<string, number>;
}

function mark(setup: RoundSetup): CpuMark {
  const { api, worker, bare } = setup.processes;
  return { api: processCpuMs(api.pid), worker: processCpuMs(worker.pid), bare: processCpuMs(bare.pid), postgres: setup.postgres.mark() };
}

function cpuBetween(before: CpuMark, after: CpuMark, accepted: number, processes: Array<'api' | 'worker' | 'bare'>) {
  const postgres = PostgresCpu.between(before.postgres, after.postgres);
  const cpuMs: Record<string, number> = {
    ...Object.fromEntries(processes.map((name) => [name, after[name] - before[name]])),
    postgresBenchDatabase: postgres.databaseMs,
    postgresAll: postgres.allMs,
  };
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    cpuMs: Object.fromEntries(Object.entries(cpuMs).map(([name, ms]) => [name, Math.round(ms)])),
    cpuMsPerAccepted: Object.fromEntries(Object.entries(cpuMs).map(([name, ms]) => [name, accepted ? round(ms / accepted) : NaN])),
  };
}

export async function bareRound(setup: RoundSetup, label: string): Promise<RoundReport> {
  const before = mark(setup);
  const result = await flood(setup.bareUrl, { seconds: setup.seconds, connections: setup.connections, body: intakeBody('bare') });
  return { round: label, ...result, ...cpuBetween(before, mark(setup), result.accepted, ['bare', 'api', 'worker']) };
}

/** `references` collects the round's accepted references (for the per-reference check later). */
export async function intakeRound(setup: RoundSetup, label: string, tag: string, references: string[], seconds = setup.seconds): Promise<RoundReport> {
  const before = mark(setup);
  const accepted: string[] = [];
  const result = await flood(setup.intakeUrl, { seconds, connections: setup.connections, body: intakeBody(tag), accepted });
  const drainSeconds = await secondsUntil(() => setup.sink.countNamed(accepted) === accepted.length, Date.now(), setup.drainTimeoutSeconds);
  references.push(...accepted);
  return { round: label, ...result, drainSeconds, ...cpuBetween(before, mark(setup), accepted.length, ['api', 'worker']) };
}

/** Each intake round's accepted requests per second as a share of the bare rounds beside it. */
export function sharesOfBare(rounds: RoundReport[]): Array<{ round: string; shareOfAdjacentBare: number }> {
  return rounds.flatMap((round, index) => {
    if (!round.round.startsWith('intake')) return [];
    const bare = [rounds[index - 1], rounds[index + 1]].filter((other) => other?.round.startsWith('bare'));
    const mean = bare.reduce((sum, other) => sum + other.acceptedPerSecond, 0) / bare.length;
    return [{ round: round.round, shareOfAdjacentBare: +(round.acceptedPerSecond / mean).toFixed(3) }];
  });
}
