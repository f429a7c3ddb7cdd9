import type { Queue } from 'bullmq';
import type { MetricValueWithName, Registry } from 'prom-client';
import { JOB_DURATION_BUCKETS, jobDurationKey, redisOf } from '../connectors/tasks/connector-call-metrics';

const NAME = 'dsr_task_job_duration_seconds';

/**
 * The task job duration histogram, per connector queue. Workers add each job to cumulative bucket
 * counts in a Redis hash (they serve no HTTP); this renders the hash as a Prometheus histogram at
 * scrape time, so every api process reports the same totals from all workers.
 */
export class TaskJobDurations {
  private values: MetricValueWithName<string>[] = [];

  constructor(
    registry: Registry,
    private readonly queue: Queue,
    private readonly prefix: string,
  ) {
    registry.registerMetric({
      name: NAME,
      get: async () => ({
        name: NAME,
        help: 'Time a fan-out task job took, per connector queue',
        type: 'histogram',
        aggregator: 'sum',
        values: this.values,
      }),
    } as never);
  }

  async collect(): Promise<void> {
    const hash = await (await redisOf(this.queue)).hgetall(jobDurationKey(this.prefix));
    const queues = new Set(Object.keys(hash).map((field) => field.split('|')[0]));
    const field = (queue: string, name: string) => Number(hash[`${queue}|${name}`] ?? 0);
    this.values = [...queues].sort().flatMap((queue) => [
      ...JOB_DURATION_BUCKETS.map((bound) => ({ metricName: `${NAME}_bucket`, labels: { queue, le: String(bound) }, value: field(queue, `le|${bound}`) })),
      { metricName: `${NAME}_bucket`, labels: { queue, le: '+Inf' }, value: field(queue, 'count') },
      { metricName: `${NAME}_sum`, labels: { queue }, value: field(queue, 'sum_ms') / 1000 },
      { metricName: `${NAME}_count`, labels: { queue }, value: field(queue, 'count') },
    ]);
  }
}
