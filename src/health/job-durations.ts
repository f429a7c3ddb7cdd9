import type { MetricValueWithName, Registry } from 'prom-client';
import { JOB_DURATION_BUCKETS } from '../queues/job-metrics';
import { isTaskQueue } from '../queues/queue-catalogue';

interface Series {
  labels: Record<string, string>;
  /** Hash field prefix: `<queue>|<outcome>`. */
  field: string;
}

/** A histogram of the job duration hash (queues/job-metrics.ts), rendered at scrape time. */
class HashHistogram {
  private values: MetricValueWithName<string>[] = [];

  constructor(
    registry: Registry,
    private readonly name: string,
    help: string,
  ) {
    registry.registerMetric({
      name,
      get: async () => ({ name, help, type: 'histogram', aggregator: 'sum', values: this.values }),
    } as never);
  }

  render(hash: Record<string, string>, series: Series[]): void {
    const value = (field: string) => Number(hash[field] ?? 0);
    const name = this.name;
    this.values = series.flatMap(({ labels, field }) => [
      ...JOB_DURATION_BUCKETS.map((bound) => ({
        metricName: `${name}_bucket`,
        labels: { ...labels, le: String(bound) },
        value: value(`${field}|le|${bound}`),
      })),
      { metricName: `${name}_bucket`, labels: { ...labels, le: '+Inf' }, value: value(`${field}|count`) },
      { metricName: `${name}_sum`, labels, value: value(`${field}|sum_ms`) / 1000 },
      { metricName: `${name}_count`, labels, value: value(`${field}|count`) },
    ]);
  }
}

/**
 * `dsr_job_duration_seconds{queue,outcome}` for every processor's jobs, and the older
 * `dsr_task_job_duration_seconds{queue}` (completed fan-out task jobs), kept for existing dashboards.
 */
export class JobDurations {
  private readonly all: HashHistogram;
  private readonly tasks: HashHistogram;

  constructor(registry: Registry) {
    this.all = new HashHistogram(registry, 'dsr_job_duration_seconds', 'Time a job run took, per queue and outcome (completed, failed, deferred)');
    this.tasks = new HashHistogram(registry, 'dsr_task_job_duration_seconds', 'Time a completed fan-out task job took, per connector queue');
  }

  render(hash: Record<string, string>): void {
    const seen = [...new Set(Object.keys(hash).map((field) => field.split('|').slice(0, 2).join('|')))].sort();
    this.all.render(
      hash,
      seen.map((field) => {
        const [queue, outcome] = field.split('|');
        return { labels: { queue, outcome }, field };
      }),
    );
    this.tasks.render(
      hash,
      seen
        .filter((field) => field.endsWith('|completed') && isTaskQueue(field.split('|')[0]))
        .map((field) => ({ labels: { queue: field.split('|')[0] }, field })),
    );
  }
}
