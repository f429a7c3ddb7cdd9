import { WorkerHost } from '@nestjs/bullmq';
import { DelayedError, type Job } from 'bullmq';
import { EventEmitter } from 'node:events';
import { countConnectorResponse, takeConnectorResponses } from '../connectors/connector-http-metrics';
import { METRICS_FLUSH_MS, measureJobRuns } from './measured-processors';

/** A Redis that remembers each pipeline's HINCRBYs; it can refuse the next `refusals` pipelines.
 *  It has no MULTI: a transaction per job is what batching replaced. */
function fakeRedis() {
  const pipelines: string[][] = [];
  const redis = {
    refusals: 0,
    pipeline: () => {
      const increments: string[] = [];
      const pipeline = {
        hincrby: (key: string, field: string, by: number) => (increments.push(`${key} ${field} +${by}`), pipeline),
        exec: async () => {
          if (redis.refusals > 0) {
            redis.refusals -= 1;
            throw new Error('Connection is closed');
          }
          pipelines.push(increments);
          return increments.map(() => [null, 1]);
        },
      };
      return pipeline;
    },
  };
  return { redis, pipelines };
}

class Outcomes extends WorkerHost {
  async process(job: Job): Promise<string> {
    countConnectorResponse('hubspot', 429);
    countConnectorResponse('hubspot', 200);
    if (job.name === 'later') throw new DelayedError();
    if (job.name === 'broken') throw new Error('boom');
    return 'done';
  }
}
measureJobRuns([Outcomes]);

/** A BullMQ worker as the wrapper sees it: its prefix, its connection, and its `closing` state and event. */
function fakeWorker(prefix: string, redis: ReturnType<typeof fakeRedis>['redis']) {
  return Object.assign(new EventEmitter(), { opts: { prefix }, client: Promise.resolve(redis), closing: undefined as Promise<void> | undefined });
}

function run(name: string, worker: ReturnType<typeof fakeWorker>) {
  const host = new Outcomes();
  Object.defineProperty(host, 'worker', { value: worker });
  return host.process({ name, queueName: 'email' } as Job);
}

const counts = (pipeline: string[]) => pipeline.filter((line) => line.includes('|count'));

describe('measureJobRuns', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => {
    jest.useRealTimers();
    takeConnectorResponses();
  });

  it('counts runs in memory and writes them, with the connector answers, in one pipeline per interval', async () => {
    const { redis, pipelines } = fakeRedis();
    const worker = fakeWorker('{a}', redis);
    await expect(run('ok', worker)).resolves.toBe('done');
    await expect(run('ok', worker)).resolves.toBe('done');
    await expect(run('later', worker)).rejects.toBeInstanceOf(DelayedError);
    await expect(run('broken', worker)).rejects.toThrow('boom');
    expect(pipelines).toEqual([]);

    await jest.advanceTimersByTimeAsync(METRICS_FLUSH_MS);
    expect(pipelines).toHaveLength(1);
    expect(counts(pipelines[0])).toEqual([
      '{a}:metrics:job-seconds email|completed|count +2',
      '{a}:metrics:job-seconds email|deferred|count +1',
      '{a}:metrics:job-seconds email|failed|count +1',
    ]);
    // Cumulative buckets: a fast run is in every bucket, so each bound holds both completed runs.
    expect(pipelines[0]).toContain('{a}:metrics:job-seconds email|completed|le|60 +2');
    expect(pipelines[0].filter((line) => line.startsWith('{a}:metrics:connector-http'))).toEqual(
      expect.arrayContaining([
        '{a}:metrics:connector-http hubspot|4xx +4',
        '{a}:metrics:connector-http hubspot|429 +4',
        '{a}:metrics:connector-http hubspot|2xx +4',
      ]),
    );

    await jest.advanceTimersByTimeAsync(10 * METRICS_FLUSH_MS);
    expect(pipelines).toHaveLength(1);
  });

  it('keeps what Redis refused and writes it with the next pipeline, and still returns the result', async () => {
    const { redis, pipelines } = fakeRedis();
    const worker = fakeWorker('{b}', redis);
    redis.refusals = 1;
    await expect(run('ok', worker)).resolves.toBe('done');
    await jest.advanceTimersByTimeAsync(METRICS_FLUSH_MS);
    expect(pipelines).toEqual([]);

    await expect(run('ok', worker)).resolves.toBe('done');
    await jest.advanceTimersByTimeAsync(METRICS_FLUSH_MS);
    expect(pipelines).toHaveLength(1);
    expect(counts(pipelines[0])).toEqual(['{b}:metrics:job-seconds email|completed|count +2']);
    expect(pipelines[0]).toContain('{b}:metrics:connector-http hubspot|2xx +2');
  });

  it('writes what it holds when the worker closes, and a run ending while it closes at once', async () => {
    const { redis, pipelines } = fakeRedis();
    const worker = fakeWorker('{c}', redis);
    await run('ok', worker);
    worker.closing = Promise.resolve();
    worker.emit('closing');
    await jest.advanceTimersByTimeAsync(0);
    expect(pipelines.map(counts)).toEqual([['{c}:metrics:job-seconds email|completed|count +1']]);

    await run('broken', worker).catch(() => undefined);
    expect(pipelines.map(counts)).toEqual([['{c}:metrics:job-seconds email|completed|count +1'], ['{c}:metrics:job-seconds email|failed|count +1']]);
  });
});
