import { WorkerHost } from '@nestjs/bullmq';
import { DelayedError, type Job } from 'bullmq';
import { countConnectorResponse, takeConnectorResponses } from '../connectors/connector-http-metrics';
import { measureJobRuns } from './measured-processors';

/** A Redis MULTI that remembers its HINCRBYs. */
function fakeRedis(fail = false) {
  const increments: string[] = [];
  const multi = {
    hincrby: (key: string, field: string, by: number) => (increments.push(`${key} ${field} +${by}`), multi),
    exec: async () => {
      if (fail) throw new Error('Connection is closed');
      return [];
    },
  };
  return { increments, client: { multi: () => multi } };
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

function run(name: string, redis: ReturnType<typeof fakeRedis>) {
  const host = new Outcomes();
  Object.defineProperty(host, 'worker', { value: { opts: { prefix: '{p}' }, client: Promise.resolve(redis.client) } });
  return host.process({ name, queueName: 'email' } as Job);
}

describe('measureJobRuns', () => {
  afterEach(() => takeConnectorResponses());

  it('records each run by queue and outcome, and the connector answers counted meanwhile', async () => {
    const redis = fakeRedis();
    await expect(run('ok', redis)).resolves.toBe('done');
    await expect(run('later', redis)).rejects.toBeInstanceOf(DelayedError);
    await expect(run('broken', redis)).rejects.toThrow('boom');
    const counts = redis.increments.filter((line) => line.includes('|count'));
    expect(counts).toEqual([
      '{p}:metrics:job-seconds email|completed|count +1',
      '{p}:metrics:job-seconds email|deferred|count +1',
      '{p}:metrics:job-seconds email|failed|count +1',
    ]);
    const http = redis.increments.filter((line) => line.startsWith('{p}:metrics:connector-http'));
    expect(http).toEqual(
      expect.arrayContaining([
        '{p}:metrics:connector-http hubspot|4xx +1',
        '{p}:metrics:connector-http hubspot|429 +1',
        '{p}:metrics:connector-http hubspot|2xx +1',
      ]),
    );
    expect(http).toHaveLength(9);
  });

  it('keeps the connector answers for the next job when Redis refuses, and still returns the result', async () => {
    await expect(run('ok', fakeRedis(true))).resolves.toBe('done');
    expect(Object.fromEntries(takeConnectorResponses())).toEqual({ 'hubspot|4xx': 1, 'hubspot|429': 1, 'hubspot|2xx': 1 });
  });
});
