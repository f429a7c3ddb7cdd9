import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Gauge, type Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { MetricsSource, type ProvidesMetrics } from '../common/metrics-source';
import { DeadlineService } from './deadline.service';

/** Open cases by deadline state, on `GET /metrics`. "Today" is the company's date from the injected
 *  clock, as for every deadline rule. */
@MetricsSource()
@Injectable()
export class DeadlineMetrics implements ProvidesMetrics {
  private overdue?: Gauge;
  private deadlineStates?: Gauge<'state'>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly deadlines: DeadlineService,
  ) {}

  register(registry: Registry): void {
    this.overdue = new Gauge({
      name: 'dsr_cases_overdue',
      help: "Open cases past their effective deadline (the company's date, TZ_NAME)",
      registers: [registry],
    });
    this.deadlineStates = new Gauge({
      name: 'dsr_open_cases_by_deadline',
      help: 'Open cases by deadline state: overdue, due within 2 days, within 7 days (cumulative), later',
      labelNames: ['state'],
      registers: [registry],
    });
  }

  async collect(): Promise<void> {
    const [states]: Array<Record<string, string>> = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE effective_due < $1::date) AS overdue,
              count(*) FILTER (WHERE effective_due >= $1::date AND effective_due <= $1::date + 2) AS due_2d,
              count(*) FILTER (WHERE effective_due >= $1::date AND effective_due <= $1::date + 7) AS due_7d,
              count(*) FILTER (WHERE effective_due > $1::date + 7) AS later
         FROM cases
        WHERE status IN ('awaiting_verification','in_progress','awaiting_review')`,
      [this.deadlines.today()],
    );
    for (const state of ['overdue', 'due_2d', 'due_7d', 'later']) this.deadlineStates?.set({ state }, Number(states[state]));
    this.overdue?.set(Number(states.overdue));
  }
}
