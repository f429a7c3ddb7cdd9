import { getQueueToken } from '@nestjs/bullmq';
import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { connectorHttpKey } from '../connectors/connector-http-metrics';
import { connectorCallsKey, redisOf } from '../connectors/tasks/connector-call-metrics';
import { DeadlineService } from '../deadlines/deadline.service';
import { jobDurationKey } from '../queues/job-metrics';
import { QueueName } from '../queues/queue-catalogue';
import { Public } from '../common/auth/roles.decorator';
import { JobDurations } from './job-durations';

/** The job states reported per queue (BullMQ adds `paused` to `waiting`); `waiting-children` is a
 *  fan-out parent waiting for its tasks. */
const QUEUE_STATES = ['waiting', 'delayed', 'active', 'failed', 'completed', 'waiting-children'] as const;

/** Prometheus text: process metrics, open cases by status and deadline state, and queue depths.
 *  Counts only; nothing about any person. */
@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  private readonly registry = new Registry();
  private readonly cases = new Gauge({ name: 'dsr_cases', help: 'Cases by status', labelNames: ['status'], registers: [this.registry] });
  private readonly overdue = new Gauge({
    name: 'dsr_cases_overdue',
    help: "Open cases past their effective deadline (the company's date, TZ_NAME)",
    registers: [this.registry],
  });
  private readonly jobs = new Gauge({
    name: 'dsr_queue_jobs',
    help: 'BullMQ jobs by queue and state, for every queue',
    labelNames: ['queue', 'state'],
    registers: [this.registry],
  });
  // Everything below is read at scrape time from PostgreSQL or from Redis hashes the workers
  // increment, never from this process's memory: workers serve no HTTP, and with N api processes
  // behind a load balancer each scrape must see the same totals.
  private readonly deadlineStates = new Gauge({
    name: 'dsr_open_cases_by_deadline',
    help: 'Open cases by deadline state: overdue, due within 2 days, within 7 days (cumulative), later',
    labelNames: ['state'],
    registers: [this.registry],
  });
  private readonly emails = new Gauge({
    name: 'dsr_emails',
    help: 'Outbound e-mails by status (sent, failed, pending)',
    labelNames: ['status'],
    registers: [this.registry],
  });
  private readonly tasks = new Gauge({
    name: 'dsr_tasks',
    help: 'Fan-out tasks by connector type and status',
    labelNames: ['connector', 'status'],
    registers: [this.registry],
  });
  private readonly connectorCalls = new Counter({
    name: 'dsr_connector_calls_total',
    help: 'Connector actions started by task jobs, per provider (one action makes several HTTP calls)',
    labelNames: ['connector'],
    registers: [this.registry],
  });
  private readonly connectorRateLimited = new Counter({
    name: 'dsr_connector_rate_limited_total',
    help: 'Connector actions handed back to the queue because the provider answered 429 with a Retry-After too long to wait inline, per provider',
    labelNames: ['connector'],
    registers: [this.registry],
  });
  private readonly httpCalls = new Counter({
    name: 'dsr_connector_http_requests_total',
    help: 'HTTP requests to each provider, by status class of the answer',
    labelNames: ['connector', 'status_class'],
    registers: [this.registry],
  });
  private readonly http429 = new Counter({
    name: 'dsr_connector_http_rate_limited_total',
    help: 'HTTP 429 answers from each provider, including those waited out inline',
    labelNames: ['connector'],
    registers: [this.registry],
  });
  private readonly durations = new JobDurations(this.registry);
  private readonly queues: Queue[];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly deadlines: DeadlineService,
    moduleRef: ModuleRef,
  ) {
    collectDefaultMetrics({ register: this.registry });
    this.queues = Object.values(QueueName).map((name) => moduleRef.get<Queue>(getQueueToken(name), { strict: false }));
  }

  @Public()
  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async metrics(): Promise<string> {
    const rows: Array<{ status: string; count: string }> = await this.dataSource.query('SELECT status, count(*) AS count FROM cases GROUP BY status');
    this.cases.reset();
    for (const row of rows) this.cases.set({ status: row.status }, Number(row.count));
    for (const queue of this.queues) {
      const counts = await queue.getJobCounts(...QUEUE_STATES);
      for (const [state, value] of Object.entries(counts)) this.jobs.set({ queue: queue.name, state }, value);
    }
    await this.collectWork();
    return this.registry.metrics();
  }

  private async collectWork(): Promise<void> {
    // "Today" is the company's date from the injected clock, as for every deadline rule.
    const [states] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE effective_due < $1::date) AS overdue,
              count(*) FILTER (WHERE effective_due >= $1::date AND effective_due <= $1::date + 2) AS due_2d,
              count(*) FILTER (WHERE effective_due >= $1::date AND effective_due <= $1::date + 7) AS due_7d,
              count(*) FILTER (WHERE effective_due > $1::date + 7) AS later
         FROM cases
        WHERE status IN ('awaiting_verification','in_progress','awaiting_review')`,
      [this.deadlines.today()],
    );
    for (const state of ['overdue', 'due_2d', 'due_7d', 'later']) this.deadlineStates.set({ state }, Number(states[state]));
    this.overdue.set(Number(states.overdue));
    const emails: Array<{ status: string; count: string }> = await this.dataSource.query(
      'SELECT status, count(*) AS count FROM outbound_emails GROUP BY status',
    );
    this.emails.reset();
    for (const status of ['sent', 'failed']) this.emails.set({ status }, 0);
    for (const row of emails) this.emails.set({ status: row.status }, Number(row.count));
    const tasks: Array<{ connector: string; status: string; count: string }> = await this.dataSource.query(
      'SELECT connector_type AS connector, status, count(*) AS count FROM case_tasks GROUP BY 1, 2',
    );
    this.tasks.reset();
    for (const row of tasks) this.tasks.set({ connector: row.connector, status: row.status }, Number(row.count));
    await this.collectWorkerCounters();
  }

  /** The hashes the workers add to (connector-call-metrics.ts, connector-http-metrics.ts, job-metrics.ts). */
  private async collectWorkerCounters(): Promise<void> {
    const prefix = this.config.QUEUE_PREFIX;
    const redis = await redisOf(this.queues[0]);
    const [calls, http, durations] = await Promise.all([
      redis.hgetall(connectorCallsKey(prefix)),
      redis.hgetall(connectorHttpKey(prefix)),
      redis.hgetall(jobDurationKey(prefix)),
    ]);
    this.connectorCalls.reset();
    this.connectorRateLimited.reset();
    for (const [field, value] of Object.entries(calls)) {
      const [connector, outcome] = field.split('|');
      (outcome === 'rate_limited' ? this.connectorRateLimited : this.connectorCalls).inc({ connector }, Number(value));
    }
    this.httpCalls.reset();
    this.http429.reset();
    for (const [field, value] of Object.entries(http)) {
      const [connector, kind] = field.split('|');
      if (kind === '429') this.http429.inc({ connector }, Number(value));
      else this.httpCalls.inc({ connector, status_class: kind }, Number(value));
    }
    this.durations.render(durations);
  }
}
