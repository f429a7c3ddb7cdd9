import { Controller, Get, Header, Headers, Inject, OnModuleInit, Res, UnauthorizedException } from '@nestjs/common';
import type { Response } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { DiscoveryService } from '@nestjs/core';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { jobDurationKey } from '../queues/job-metrics';
import { QueueDirectory } from '../queues/queue-directory';
import { redisOf } from '../queues/redis-connection';
import { MetricsSource, type ProvidesMetrics } from '../common/metrics-source';
import { Public } from '../common/auth/roles.decorator';
import { JobDurations } from './job-durations';

/** The job states reported per queue (BullMQ adds `paused` to `waiting`); `waiting-children` is a
 *  fan-out parent waiting for its tasks. */
const QUEUE_STATES = ['waiting', 'delayed', 'active', 'failed', 'completed', 'waiting-children'] as const;

/** Prometheus text: process metrics, open cases by status and deadline state, and queue depths.
 *  Counts only; nothing about any person. */
@ApiTags('operations')
@Controller('metrics')
export class MetricsController implements OnModuleInit {
  private readonly registry = new Registry();
  private readonly cases = new Gauge({ name: 'dsr_cases', help: 'Cases by status', labelNames: ['status'], registers: [this.registry] });
  private readonly jobs = new Gauge({
    name: 'dsr_queue_jobs',
    help: 'BullMQ jobs by queue and state, for every queue',
    labelNames: ['queue', 'state'],
    registers: [this.registry],
  });
  // Everything below is read at scrape time from PostgreSQL or from Redis hashes the workers
  // increment, never from this process's memory: workers serve no HTTP, and with N api processes
  // behind a load balancer each scrape must see the same totals.
  private readonly emails = new Gauge({
    name: 'dsr_emails',
    help: 'Outbound e-mails by status (sent, failed, pending)',
    labelNames: ['status'],
    registers: [this.registry],
  });
  private readonly durations = new JobDurations(this.registry);
  private queues: Queue[] = [];
  /** The other modules' series (common/metrics-source.ts), found at start-up. */
  private sources: ProvidesMetrics[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly discovery: DiscoveryService,
    private readonly queueDirectory: QueueDirectory,
  ) {
    collectDefaultMetrics({ register: this.registry });
  }

  onModuleInit(): void {
    this.queues = this.queueDirectory.all();
    const found = discoverSources(this.discovery);
    for (const source of found) source.register(this.registry);
    this.sources = found;
  }

  /** Public unless METRICS_TOKEN is set: then only a scraper sending it as a Bearer token reads
   *  the counts (they say how busy the service is, which an outsider need not know). */
  @Public()
  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async metrics(@Headers('authorization') authorization: string | undefined, @Res({ passthrough: true }) response: Response): Promise<string> {
    if (!metricsTokenAccepted(this.config.METRICS_TOKEN, authorization)) {
      response.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      throw new UnauthorizedException('GET /metrics needs Authorization: Bearer <METRICS_TOKEN>.');
    }
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
    const emails: Array<{ status: string; count: string }> = await this.dataSource.query(
      'SELECT status, count(*) AS count FROM outbound_emails GROUP BY status',
    );
    this.emails.reset();
    for (const status of ['sent', 'failed']) this.emails.set({ status }, 0);
    for (const row of emails) this.emails.set({ status: row.status }, Number(row.count));
    const scrape = { redis: await redisOf(this.queues[0]), prefix: this.config.QUEUE_PREFIX };
    for (const source of this.sources) await source.collect(scrape);
    this.durations.render(await scrape.redis.hgetall(jobDurationKey(scrape.prefix)));
  }
}

/** Every provider marked `@MetricsSource()`, once per instance. */
function discoverSources(service: DiscoveryService): ProvidesMetrics[] {
  const instances = service
    .getProviders({ metadataKey: MetricsSource.KEY })
    .map((wrapper) => wrapper.instance as ProvidesMetrics | undefined)
    .filter((instance): instance is ProvidesMetrics => Boolean(instance));
  return [...new Set(instances)];
}

/** No token configured → open; else the Bearer token must match (compared as hashes, in constant time). */
export function metricsTokenAccepted(token: string | undefined, authorization: string | undefined): boolean {
  if (!token) return true;
  const given = /^Bearer (.+)$/.exec(authorization ?? '')?.[1] ?? '';
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(token));
}
