import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Counter, Gauge, type Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { MetricsSource, type MetricsScrape, type ProvidesMetrics } from '../common/metrics-source';
import { connectorHttpKey } from './connector-http-metrics';
import { connectorCallsKey } from './tasks/connector-call-metrics';

/** Fan-out tasks and connector calls on `GET /metrics`: the task table, and the hashes the workers
 *  add to (tasks/connector-call-metrics.ts, connector-http-metrics.ts). */
@MetricsSource()
@Injectable()
export class ConnectorMetrics implements ProvidesMetrics {
  private tasks?: Gauge<'connector' | 'status'>;
  private connectorCalls?: Counter<'connector'>;
  private connectorRateLimited?: Counter<'connector'>;
  private httpCalls?: Counter<'connector' | 'status_class'>;
  private http429?: Counter<'connector'>;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  register(registry: Registry): void {
    this.tasks = new Gauge({
      name: 'dsr_tasks',
      help: 'Fan-out tasks by connector type and status',
      labelNames: ['connector', 'status'],
      registers: [registry],
    });
    this.connectorCalls = new Counter({
      name: 'dsr_connector_calls_total',
      help: 'Connector actions started by task jobs, per provider (one action makes several HTTP calls)',
      labelNames: ['connector'],
      registers: [registry],
    });
    this.connectorRateLimited = new Counter({
      name: 'dsr_connector_rate_limited_total',
      help: 'Connector actions handed back to the queue because the provider answered 429 with a Retry-After too long to wait inline, per provider',
      labelNames: ['connector'],
      registers: [registry],
    });
    this.httpCalls = new Counter({
      name: 'dsr_connector_http_requests_total',
      help: 'HTTP requests to each provider, by status class of the answer',
      labelNames: ['connector', 'status_class'],
      registers: [registry],
    });
    this.http429 = new Counter({
      name: 'dsr_connector_http_rate_limited_total',
      help: 'HTTP 429 answers from each provider, including those waited out inline',
      labelNames: ['connector'],
      registers: [registry],
    });
  }

  async collect({ redis, prefix }: MetricsScrape): Promise<void> {
    const tasks: Array<{ connector: string; status: string; count: string }> = await this.dataSource.query(
      'SELECT connector_type AS connector, status, count(*) AS count FROM case_tasks GROUP BY 1, 2',
    );
    this.tasks?.reset();
    for (const row of tasks) this.tasks?.set({ connector: row.connector, status: row.status }, Number(row.count));
    const [calls, http] = await Promise.all([redis.hgetall(connectorCallsKey(prefix)), redis.hgetall(connectorHttpKey(prefix))]);
    this.connectorCalls?.reset();
    this.connectorRateLimited?.reset();
    for (const [field, value] of Object.entries(calls)) {
      const [connector, outcome] = field.split('|');
      (outcome === 'rate_limited' ? this.connectorRateLimited : this.connectorCalls)?.inc({ connector }, Number(value));
    }
    this.httpCalls?.reset();
    this.http429?.reset();
    for (const [field, value] of Object.entries(http)) {
      const [connector, kind] = field.split('|');
      if (kind === '429') this.http429?.inc({ connector }, Number(value));
      else this.httpCalls?.inc({ connector, status_class: kind }, Number(value));
    }
  }
}
