import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource } from 'typeorm';
import { invalid } from '../common/domain-error';
import { DeadlineService } from '../deadlines/deadline.service';
import { CaseEntity } from './case.entity';
import { OPEN_STATUSES } from '../common/case-types';
import type { ListCasesQuery } from './dto/list-cases.query';
import { CASE_REFERENCE_PATTERN } from './case-reference';
import { SystemsService } from '../systems/systems.service';
import { DERIVED_STAGES, stageCondition, type DerivedStage } from './case-stage';

const isDerivedStage = (status: string | undefined): status is DerivedStage => (DERIVED_STAGES as readonly string[]).includes(status ?? '');

export interface DueCounts {
  all: number;
  overdue: number;
  due2: number;
  due7: number;
  later: number;
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The case queue: filtered, searched and paged in PostgreSQL, ordered by effective deadline
 *  (soonest first) so the list is an index scan, never an in-memory sort. */
@Injectable()
export class CaseQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly deadlines: DeadlineService,
    private readonly systems: SystemsService,
  ) {}

  /** `due` narrows to effective deadlines in [from, to] (the staff queue's deadline states). */
  async list(query: ListCasesQuery, due?: { from?: string; to?: string }): Promise<{ items: CaseEntity[]; total: number }> {
    const builder = this.filtered(query);
    if (due?.from) builder.andWhere('c.effective_due >= :dueFrom', { dueFrom: due.from });
    if (due?.to) builder.andWhere('c.effective_due <= :dueTo', { dueTo: due.to });
    builder
      .orderBy('c.effective_due', 'ASC')
      .addOrderBy('c.created_at', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .take(query.limit ?? 50)
      .skip(query.offset ?? 0);
    const [items, total] = await builder.getManyAndCount();
    return { items, total };
  }

  /**
   * The staff queue's counts in one pass over the filtered cases: all, and per deadline state
   * (overdue: before `today`; due2: up to `soon`; due7: up to `week`; later), so the page costs
   * one count instead of one per state. The status filter keeps it on the (status, effective_due) indexes.
   */
  async countByDue(query: ListCasesQuery, bounds: { today: string; soon: string; week: string }): Promise<DueCounts> {
    const row = await this.filtered(query)
      .select('COUNT(*)::int', 'all')
      .addSelect('(COUNT(*) FILTER (WHERE c.effective_due < :today))::int', 'overdue')
      .addSelect('(COUNT(*) FILTER (WHERE c.effective_due >= :today AND c.effective_due <= :soon))::int', 'due2')
      .addSelect('(COUNT(*) FILTER (WHERE c.effective_due > :soon AND c.effective_due <= :week))::int', 'due7')
      .addSelect('(COUNT(*) FILTER (WHERE c.effective_due > :week))::int', 'later')
      .setParameters(bounds)
      .getRawOne<DueCounts>();
    return row ?? { all: 0, overdue: 0, due2: 0, due7: 0, later: 0 };
  }

  private filtered(query: ListCasesQuery) {
    const builder = this.dataSource.getRepository(CaseEntity).createQueryBuilder('c');
    if (query.status === 'open' || (query.status === undefined && query.overdue)) {
      builder.andWhere('c.status IN (:...open)', { open: OPEN_STATUSES });
    } else if (isDerivedStage(query.status)) {
      const { sql, params } = stageCondition(query.status, this.systems.approvalTypes());
      builder.andWhere(sql, params);
    } else if (query.status) {
      builder.andWhere('c.status = :status', { status: query.status });
    }
    if (query.type) builder.andWhere('c.type = :type', { type: query.type });
    if (query.channel) builder.andWhere('c.channel = :channel', { channel: query.channel });
    if (query.assignee === 'none') builder.andWhere('c.assignee_id IS NULL');
    else if (query.assignee) {
      if (!UUID_PATTERN.test(query.assignee)) throw invalid('assignee', 'must be a staff user id or "none"');
      builder.andWhere('c.assignee_id = :assignee', { assignee: query.assignee });
    }
    if (query.overdue === true) builder.andWhere('c.effective_due < :today', { today: this.deadlines.today() });
    if (query.overdue === false) builder.andWhere('c.effective_due >= :today', { today: this.deadlines.today() });
    const q = query.q?.trim();
    if (q) this.applySearch(builder, q);
    return builder;
  }

  private applySearch(builder: ReturnType<typeof this.dataSource.createQueryBuilder>, q: string): void {
    if (CASE_REFERENCE_PATTERN.test(q)) {
      builder.andWhere('c.reference = :reference', { reference: q.toUpperCase() });
    } else if (q.includes('@')) {
      builder.andWhere('c.subject_email = :email', { email: q.toLowerCase() });
    } else {
      builder.andWhere(
        new Brackets((where) =>
          where
            .where('c.subject_name ILIKE :name', { name: `%${q.replace(/[%_\\]/g, '\\$&')}%` })
            .orWhere('c.subject_phone = :exact', { exact: q })
            .orWhere('c.subject_customer_number = :exact', { exact: q }),
        ),
      );
    }
  }
}
