import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { connectorCallsKey, redisOf } from '../connectors/tasks/connector-call-metrics';
import { QueueName } from '../queues/queue-catalogue';
import { TaskJobDurations } from './task-job-durations';
import { Public } from '../staff/auth/roles.decorator';

/** Prometheus text: process metrics, open cases by status and deadline state, and queue depths.
 *  Counts only; nothing about any person. */
@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  private readonly registry = new Registry();
  private readonly cases = new Gauge({ name: 'dsr_cases', help: 'Cases by status', labelNames: ['status'], registers: [this.registry] });
  private readonly overdue = new Gauge({ name: 'dsr_cases_overdue', help: 'Open cases past their effective deadline', registers: [this.registry] });
  private readonly jobs = new Gauge({ name: 'dsr_queue_jobs', help: 'BullMQ jobs by queue and state', labelNames: ['queue', 'state'], registers: [this.registry] });
  // Everything below is read at scrape time from PostgreSQL or from Redis hashes the workers
  // increment, never from this process's memory: workers serve no HTTP, and with N api processes
  // behind a load balancer each scrape must see the same totals.
  private readonly deadlineStates = new Gauge({ name: 'dsr_open_cases_by_deadline', help: 'Open cases by deadline state: overdue, due within 2 days, within 7 days (cumulative), later', labelNames: ['state'], registers: [this.registry] });
  private readonly emails = new Gauge({ name: 'dsr_emails', help: 'Outbound e-mails by status (sent, failed, pending)', labelNames: ['status'], registers: [this.registry] });
  private readonly tasks = new Gauge({ name: 'dsr_tasks', help: 'Fan-out tasks by connector type and status', labelNames: ['connector', 'status'], registers: [this.registry] });
  private readonly connectorCalls = new Counter({ name: 'dsr_connector_calls_total', help: 'Connector actions started by task jobs, per provider', labelNames: ['connector'], registers: [this.registry] });
  private readonly connectorRateLimited = new Counter({ name: 'dsr_connector_rate_limited_total', help: 'Connector actions the provider answered 429 with a Retry-After too long to wait inline, per provider', labelNames: ['connector'], registers: [this.registry] });
  private readonly durations: TaskJobDurations;
  private readonly queues: Queue[];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(QueueName.Deadlines) deadlines: Queue,
    @InjectQueue(QueueName.Email) email: Queue,
    @InjectQueue(QueueName.Maintenance) private readonly maintenance: Queue,
  ) {
    collectDefaultMetrics({ register: this.registry });
    this.queues = [deadlines, email, maintenance];
    this.durations = new TaskJobDurations(this.registry, maintenance, config.QUEUE_PREFIX);
  }

  @Public()
  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async metrics(): Promise<string> {
    const rows: Array<{ status: string; count: string }> = await this.dataSource.query(
      'SELECT status, count(*) AS count FROM cases GROUP BY status',
    );
    this.cases.reset();
    for (const row of rows) this.cases.set({ status: row.status }, Number(row.count));
    const [{ count }] = await this.dataSource.query(
      `SELECT count(*) AS count FROM cases WHERE status IN ('awaiting_verification','in_progress','awaiting_review') AND effective_due < (now() AT TIME ZONE 'UTC')::date`,
    );
    this.overdue.set(Number(count));
    for (const queue of this.queues) {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
      for (const [state, value] of Object.entries(counts)) this.jobs.set({ queue: queue.name, state }, value);
    }
    await this.collectWork();
    return this.registry.metrics();
  }

  private async collectWork(): Promise<void> {
    const [states] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE effective_due < today) AS overdue,
              count(*) FILTER (WHERE effective_due >= today AND effective_due <= today + 2) AS due_2d,
              count(*) FILTER (WHERE effective_due >= today AND effective_due <= today + 7) AS due_7d,
              count(*) FILTER (WHERE effective_due > today + 7) AS later
         FROM cases, LATERAL (SELECT (now() AT TIME ZONE $1)::date AS today) AS t
        WHERE status IN ('awaiting_verification','in_progress','awaiting_review')`,
      [this.config.TZ_NAME],
    );
    for (const state of ['overdue', 'due_2d', 'due_7d', 'later']) this.deadlineStates.set({ state }, Number(states[state]));
    const emails: Array<{ status: string; count: string }> = await this.dataSource.query('SELECT status, count(*) AS count FROM outbound_emails GROUP BY status');
    this.emails.reset();
    for (const status of ['sent', 'failed']) this.emails.set({ status }, 0);
    for (const row of emails) this.emails.set({ status: row.status }, Number(row.count));
    const tasks: Array<{ connector: string; status: string; count: string }> = await this.dataSource.query(
      'SELECT connector_type AS connector, status, count(*) AS count FROM case_tasks GROUP BY 1, 2',
    );
    this.tasks.reset();
    for (const row of tasks) this.tasks.set({ connector: row.connector, status: row.status }, Number(row.count));
    const calls = await (await redisOf(this.maintenance)).hgetall(connectorCallsKey(this.config.QUEUE_PREFIX));
    this.connectorCalls.reset();
    this.connectorRateLimited.reset();
    for (const [field, value] of Object.entries(calls)) {
      const [connector, outcome] = field.split('|');
      (outcome === 'rate_limited' ? this.connectorRateLimited : this.connectorCalls).inc({ connector }, Number(value));
    }
    await this.durations.collect();
  }
}
