/**
 * Stop right after the flood: a short flood at whose end the `api` and the `worker` are killed with
 * SIGKILL at once (requests still in flight, jobs half done), then only the worker is started
 * again. Every case PostgreSQL committed must then get, within a bounded wait, what any accepted
 * request gets (case-checks.ts). Whatever the api meant to do after its commit died with it, so a
 * case that still lacks something shows that work living outside the transaction with no way back.
 */
import type Redis from 'ioredis';
import type { Client } from 'pg';
import type { BenchProcess } from '../spawn-service';
import { checkCases, secondsUntil, type CheckReport } from './case-checks';
import { flood, intakeBody } from './flood';
import type { MailSink } from './mail-sink';

export interface StopSetup {
  intakeUrl: string;
  seconds: number;
  connections: number;
  recoverySeconds: number;
  api: BenchProcess;
  worker: BenchProcess;
  /** Starts a worker; `onLine` sees each line of its output. */
  startWorker: (onLine: (line: string) => void) => Promise<BenchProcess>;
  pg: Client;
  redis: Redis;
  prefix: string;
  sink: MailSink;
}

const TAG = 'stop';

export async function stopAfterFlood(setup: StopSetup) {
  const accepted: string[] = [];
  const result = await flood(setup.intakeUrl, {
    // A ceiling only: the timer below ends it.
    seconds: setup.seconds + 60,
    connections: setup.connections,
    body: intakeBody(TAG),
    accepted,
    stop: (end) =>
      setTimeout(() => {
        setup.api.child.kill('SIGKILL');
        setup.worker.child.kill('SIGKILL');
        end();
      }, setup.seconds * 1000),
  });
  await Promise.all([setup.api.stop('SIGKILL'), setup.worker.stop('SIGKILL')]);
  const selection = { emailTag: TAG };
  // Before anything restarts: what the dead processes left in PostgreSQL and Redis.
  const atKill = await checkCases(setup.pg, setup.redis, setup.prefix, setup.sink, selection);

  const restartedAt = Date.now();
  // When the new worker's start-up reconciliation pass finished (it rebuilds jobs from PostgreSQL).
  let reconciledAfterSeconds: number | null = null;
  const worker = await setup.startWorker((line) => {
    if (reconciledAfterSeconds === null && /reconciled \d+ open cases/.test(line)) reconciledAfterSeconds = +((Date.now() - restartedAt) / 1000).toFixed(1);
  });
  let afterRestart: CheckReport = atKill;
  const secondsToComplete = await secondsUntil(
    async () => {
      afterRestart = await checkCases(setup.pg, setup.redis, setup.prefix, setup.sink, selection);
      return afterRestart.complete === afterRestart.checked;
    },
    restartedAt,
    setup.recoverySeconds,
  );
  return {
    floodSeconds: result.seconds,
    acceptedBeforeKill: result.accepted,
    committedCases: atKill.checked,
    atKill,
    afterRestart: {
      ...afterRestart,
      secondsToComplete,
      waitedAtMostSeconds: setup.recoverySeconds,
      workerStartupReconciliationAfterSeconds: reconciledAfterSeconds,
    },
    casesWithoutTheirJobs: afterRestart.checked - afterRestart.complete,
    worker,
  };
}
