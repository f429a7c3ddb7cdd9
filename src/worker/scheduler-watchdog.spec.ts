import type { Queue } from 'bullmq';
import type { AppConfig } from '../config/app-config';
import type { ReconciliationService } from '../deadlines/alerts/reconciliation.service';
import { JobSchedulers } from '../queues/job-schedulers';
import { JobName } from '../queues/queue-catalogue';
import { SchedulerWatchdog } from './scheduler-watchdog';

/** A queue that keeps its schedulers in a Map, like Redis would (and can lose them). */
function fakeQueue(name: string) {
  const stored = new Map<string, unknown>();
  const queue = {
    name,
    upsertJobScheduler: jest.fn(async (id: string, repeat: unknown) => void stored.set(id, repeat)),
    getJobScheduler: jest.fn(async (id: string) => stored.get(id)),
  };
  return { queue: queue as unknown as Queue, stored, calls: queue.upsertJobScheduler };
}

describe('SchedulerWatchdog', () => {
  const job = { name: JobName.ReconcileDeadlines as const, data: {}, opts: {} };

  function setUp(reconcileEveryMinutes = 15) {
    const maintenance = fakeQueue('maintenance');
    const audit = fakeQueue('audit');
    const schedulers = new JobSchedulers();
    schedulers.register({ queue: maintenance.queue, id: 'reconcile-deadlines', repeat: { every: reconcileEveryMinutes * 60_000 }, job });
    schedulers.register({ queue: audit.queue, id: 'chain-audit', repeat: { every: 5000 }, job: { ...job, name: JobName.ChainAudit as const } });
    const reconcile = jest.fn(async () => undefined);
    const watchdog = new SchedulerWatchdog({ RECONCILE_EVERY_MINUTES: reconcileEveryMinutes } as AppConfig, schedulers, {
      reconcile,
    } as unknown as ReconciliationService);
    return { maintenance, audit, reconcile, watchdog };
  }

  it('checks a quarter of the reconciliation period apart, at most a minute', () => {
    expect(setUp(15).watchdog.checkEveryMs).toBe(60_000);
    expect(setUp(2).watchdog.checkEveryMs).toBe(30_000);
    expect(setUp(1).watchdog.checkEveryMs).toBe(15_000);
  });

  it('writes every scheduler and reconciles once at start-up', async () => {
    const { maintenance, audit, reconcile, watchdog } = setUp();
    await watchdog.onApplicationBootstrap();
    await watchdog.beforeApplicationShutdown();
    expect(maintenance.stored.get('reconcile-deadlines')).toEqual({ every: 900_000 });
    expect(audit.stored.get('chain-audit')).toEqual({ every: 5000 });
    expect(reconcile).toHaveBeenCalledTimes(1);
  });

  it('does nothing while Redis holds every scheduler', async () => {
    const { maintenance, reconcile, watchdog } = setUp();
    await watchdog.onApplicationBootstrap();
    await watchdog.check();
    await watchdog.beforeApplicationShutdown();
    expect(maintenance.calls).toHaveBeenCalledTimes(1);
    expect(reconcile).toHaveBeenCalledTimes(1);
  });

  it('when one scheduler is gone, writes them all again and reconciles once, however often it is asked', async () => {
    const { maintenance, audit, reconcile, watchdog } = setUp();
    await watchdog.onApplicationBootstrap();
    audit.stored.clear();
    await Promise.all([watchdog.check(), watchdog.check(), watchdog.check()]);
    await watchdog.beforeApplicationShutdown();
    expect(audit.stored.get('chain-audit')).toEqual({ every: 5000 });
    expect(maintenance.calls).toHaveBeenCalledTimes(2);
    expect(reconcile).toHaveBeenCalledTimes(2);
  });

  it('keeps running when Redis cannot be asked, and tries again on the next check', async () => {
    const { maintenance, reconcile, watchdog } = setUp();
    await watchdog.onApplicationBootstrap();
    (maintenance.queue.getJobScheduler as jest.Mock).mockRejectedValueOnce(new Error('ECONNREFUSED'));
    await expect(watchdog.check()).resolves.toBeUndefined();
    maintenance.stored.clear();
    await watchdog.check();
    await watchdog.beforeApplicationShutdown();
    expect(maintenance.stored.has('reconcile-deadlines')).toBe(true);
    expect(reconcile).toHaveBeenCalledTimes(2);
  });
});
