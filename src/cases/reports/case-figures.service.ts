import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { OPEN_STATUSES, type Channel, type RequestType } from '../../common/case-types';
import type { IsoDate } from '../../common/iso-date';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { SystemsService } from '../../systems/systems.service';
import { CaseEntity } from '../case.entity';
import type { CaseStage } from '../case-stage';
import { ANSWERED, CLOSED_DAY, stageExpression } from './case-report-sql';
import type { ReportPeriod } from './report-period';

/** Open cases of one type in one stage, with how many of them are overdue or due within the week. */
export interface OpenCaseCell {
  type: RequestType;
  stage: CaseStage;
  count: number;
  overdue: number;
  dueThisWeek: number;
}

/** Cases received in a period, and cases answered in it: how many on time, the median days taken. */
export interface PeriodCounts {
  received: number;
  answered: number;
  onTime: number;
  /** Calendar days from the day received to the day answered; null when nothing was answered. */
  medianDays: number | null;
}

export interface PeriodFigures extends PeriodCounts {
  channels: Array<PeriodCounts & { channel: Channel }>;
}

/**
 * The dashboard's figures, each computed in PostgreSQL over `cases` (two grouped queries,
 * whatever the number of cases). Deadlines are the stored effective deadline, which already holds
 * an extension and the days the clock was paused; "answered" is a completed case or a refusal
 * (Art 12(4)), never a request closed because nobody confirmed it; a case is answered on time when
 * the company day it was answered is on or before that deadline.
 */
@Injectable()
export class CaseFiguresService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly systems: SystemsService,
  ) {}

  /** Open cases now, per type and stage. `today` and `week` bound "overdue" (before today) and
   *  "due this week" (today up to `week`), the same bounds as the queue's deadline states. */
  async open(bounds: { today: IsoDate; week: IsoDate }): Promise<OpenCaseCell[]> {
    const stage = stageExpression(this.systems.approvalTypes());
    const rows = await this.dataSource
      .getRepository(CaseEntity)
      .createQueryBuilder('c')
      .select('c.type', 'type')
      .addSelect(stage.sql, 'stage')
      .addSelect('COUNT(*)::int', 'count')
      .addSelect('(COUNT(*) FILTER (WHERE c.effective_due < :today))::int', 'overdue')
      .addSelect('(COUNT(*) FILTER (WHERE c.effective_due >= :today AND c.effective_due <= :week))::int', 'dueThisWeek')
      .where('c.status IN (:...open)', { open: OPEN_STATUSES })
      .setParameters({ ...stage.params, ...bounds })
      .groupBy('1')
      .addGroupBy('2')
      .getRawMany<OpenCaseCell>();
    return rows;
  }

  /** Received in the period (by the day received) and answered in it (by the company day answered),
   *  per channel and in all: one pass with grouping sets. */
  async period(period: ReportPeriod): Promise<PeriodFigures> {
    const received = 'c.received_on BETWEEN :from AND :to';
    const answered = `${ANSWERED} AND c.closed_at >= (CAST(:from AS date)::timestamp AT TIME ZONE :tz) AND c.closed_at < ((CAST(:to AS date) + 1)::timestamp AT TIME ZONE :tz)`;
    const rows = await this.dataSource
      .getRepository(CaseEntity)
      .createQueryBuilder('c')
      .select('c.channel', 'channel')
      .addSelect('GROUPING(c.channel)', 'everything')
      .addSelect(`(COUNT(*) FILTER (WHERE ${received}))::int`, 'received')
      .addSelect(`(COUNT(*) FILTER (WHERE ${answered}))::int`, 'answered')
      .addSelect(`(COUNT(*) FILTER (WHERE ${answered} AND ${CLOSED_DAY} <= c.effective_due))::int`, 'onTime')
      .addSelect(`percentile_cont(0.5) WITHIN GROUP (ORDER BY ${CLOSED_DAY} - c.received_on) FILTER (WHERE ${answered})`, 'medianDays')
      .where(`(${received}) OR (${answered})`)
      .setParameters({ ...period, tz: this.config.TZ_NAME })
      .groupBy('GROUPING SETS ((c.channel), ())')
      .getRawMany<PeriodCounts & { channel: Channel | null; everything: number }>();
    const counts = (row: PeriodCounts) => ({
      received: row.received,
      answered: row.answered,
      onTime: row.onTime,
      medianDays: row.medianDays === null ? null : Number(row.medianDays),
    });
    const total = rows.find((row) => row.everything === 1);
    return {
      ...(total ? counts(total) : { received: 0, answered: 0, onTime: 0, medianDays: null }),
      channels: rows.filter((row) => row.everything === 0).map((row) => ({ channel: row.channel as Channel, ...counts(row) })),
    };
  }
}
