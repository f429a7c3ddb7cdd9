import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Channel, RejectionCode, RequestType } from '../../common/case-types';
import type { IsoDate } from '../../common/iso-date';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { SystemsService } from '../../systems/systems.service';
import { CaseEntity } from '../case.entity';
import type { CaseStage } from '../case-stage';
import { ANSWERED, CLOSED_DAY, stageExpression } from './case-report-sql';
import type { ReportPeriod } from './report-period';

/** One case as the report lists it: what an annual report or the Art 30 record needs about the
 *  handling of a request, and nothing about the person who made it. */
export interface CaseReportRow {
  id: string;
  reference: string;
  type: RequestType;
  channel: Channel;
  receivedOn: IsoDate;
  /** The effective deadline as stored (extension and paused days included). */
  deadline: IsoDate;
  extended: boolean;
  /** The company day it was answered; null while open, and for a withdrawn or never-confirmed request. */
  answeredOn: IsoDate | null;
  daysToAnswer: number | null;
  onTime: boolean | null;
  stage: CaseStage;
  rejectionCode: RejectionCode | null;
}

/** A page of rows starts after this one (keyset paging on the index over received_on, reference). */
export interface RowCursor {
  receivedOn: IsoDate;
  reference: string;
}

/** The CSV report's rows: cases received in a period, by day received then reference, read a
 *  page at a time so a year of 100k cases never sits in memory at once. */
@Injectable()
export class CaseReportRowsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly systems: SystemsService,
  ) {}

  async page(period: ReportPeriod, after: RowCursor | null, limit: number): Promise<CaseReportRow[]> {
    const stage = stageExpression(this.systems.approvalTypes());
    const answeredOn = `CASE WHEN ${ANSWERED} THEN ${CLOSED_DAY} END`;
    const builder = this.dataSource
      .getRepository(CaseEntity)
      .createQueryBuilder('c')
      .select('c.id', 'id')
      .addSelect('c.reference', 'reference')
      .addSelect('c.type', 'type')
      .addSelect('c.channel', 'channel')
      .addSelect(`to_char(c.received_on, 'YYYY-MM-DD')`, 'receivedOn')
      .addSelect(`to_char(c.effective_due, 'YYYY-MM-DD')`, 'deadline')
      .addSelect('c.extended_due IS NOT NULL', 'extended')
      .addSelect(`to_char(${answeredOn}, 'YYYY-MM-DD')`, 'answeredOn')
      .addSelect(`${answeredOn} - c.received_on`, 'daysToAnswer')
      .addSelect(`${answeredOn} <= c.effective_due`, 'onTime')
      .addSelect(stage.sql, 'stage')
      .addSelect('c.rejection_code', 'rejectionCode')
      .where('c.received_on BETWEEN :from AND :to', period)
      .setParameters({ ...stage.params, tz: this.config.TZ_NAME });
    if (after) builder.andWhere('(c.received_on, c.reference) > (:afterOn, :afterReference)', { afterOn: after.receivedOn, afterReference: after.reference });
    return builder.orderBy('c.received_on', 'ASC').addOrderBy('c.reference', 'ASC').limit(limit).getRawMany<CaseReportRow>();
  }
}
