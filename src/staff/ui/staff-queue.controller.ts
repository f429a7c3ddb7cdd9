import { Controller, Get, Inject, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CaseQueryService } from '../../cases/case-query.service';
import { CHANNELS, REQUEST_TYPES, type Channel, type RequestType } from '../../common/case-types';
import { DuplicateCasesReader } from '../../cases/duplicate-cases';
import { MERGE_COPY } from './pages/merge-copy';
import { caseStage } from '../../cases/case-stage';
import { SystemsService } from '../../systems/systems.service';
import { QUEUE_STATUS_FILTERS, isUuid, type ListCasesQuery, type QueueStatusFilter } from '../../cases/dto/list-cases.query';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { CASE_READERS, Roles } from '../../common/auth/roles.decorator';
import { CurrentStaff, type StaffPrincipal } from '../../common/auth/staff-principal';
import { StaffUsersService } from '../users/staff-users.service';
import { DUE_STATES, DeadlineStates, type DueState } from './deadline-states';
import { fill } from './pages/staff-copy';
import { StaffPageFilter } from './pages/staff-page.filter';
import { StaffPageRenderer } from './pages/staff-page-renderer';
import { StaffBadge } from './staff-badge';
import { shownDay, shownInstant } from './shown-date';
import { CaseFiguresService } from '../../cases/reports/case-figures.service';
import { lastTwelveMonths } from '../../cases/reports/report-period';
import { queueSummary } from './dashboard.view';
import { DASHBOARD_COPY } from './pages/dashboard-copy';

const PAGE_SIZE = 25;

/** The status filter in the order a case moves: stages a person understands rather than the stored
 *  `in_progress`, which still works in a hand-written URL. */
const STATUS_OPTIONS = [
  'open',
  'awaiting_verification',
  'awaiting_approval',
  'being_handled',
  'paused',
  'awaiting_review',
  'completed',
  'rejected',
  'withdrawn',
  'merged',
] as const satisfies readonly QueueStatusFilter[];

interface QueueFilter {
  status: QueueStatusFilter;
  type?: RequestType;
  channel?: Channel;
  assignee?: string;
  q?: string;
  due?: DueState;
  page: number;
}

/** Unknown or malformed filter values are dropped: a hand-edited URL shows the queue, not an error. */
function parseFilter(query: Record<string, unknown>): QueueFilter {
  const pick = <T extends string>(value: unknown, allowed: readonly T[]): T | undefined =>
    typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
  const assignee =
    typeof query.assignee === 'string' && (query.assignee === 'mine' || query.assignee === 'none' || isUuid(query.assignee)) ? query.assignee : undefined;
  const page = Number(query.page);
  return {
    status: pick(query.status, QUEUE_STATUS_FILTERS) ?? 'open',
    type: pick(query.type, REQUEST_TYPES),
    channel: pick(query.channel, CHANNELS),
    assignee,
    q: typeof query.q === 'string' && query.q.trim() ? query.q.trim().slice(0, 200) : undefined,
    due: pick(query.due, DUE_STATES),
    page: Number.isInteger(page) && page > 1 && page < 100_000 ? page : 1,
  };
}

function queueUrl(filter: QueueFilter, change: Partial<QueueFilter>): string {
  const merged = { ...filter, ...change };
  const params = new URLSearchParams();
  if (merged.q) params.set('q', merged.q);
  if (merged.status !== 'open') params.set('status', merged.status);
  for (const key of ['type', 'channel', 'assignee', 'due'] as const) if (merged[key]) params.set(key, merged[key]!);
  if (merged.page > 1) params.set('page', String(merged.page));
  const search = params.toString();
  return search ? `/staff?${search}` : '/staff';
}

/** The case queue at /staff: open cases, soonest effective deadline first, with the deadline
 *  state of each, counts per state, filters, search and paging — all paged queries in PostgreSQL. */
@ApiExcludeController()
@UseFilters(StaffPageFilter)
@Controller('staff')
export class StaffQueueController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queue: CaseQueryService,
    private readonly states: DeadlineStates,
    private readonly users: StaffUsersService,
    private readonly badge: StaffBadge,
    private readonly pages: StaffPageRenderer,
    private readonly systems: SystemsService,
    private readonly duplicates: DuplicateCasesReader,
    private readonly figures: CaseFiguresService,
  ) {}

  @Get()
  @Roles(...CASE_READERS)
  async list(@Req() request: Request, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal): Promise<void> {
    const copy = this.pages.copy(request);
    const filter = parseFilter(request.query as Record<string, unknown>);
    const query: ListCasesQuery = {
      status: filter.status,
      type: filter.type,
      channel: filter.channel,
      assignee: filter.assignee === 'mine' ? staff.id : filter.assignee,
      q: filter.q,
    };
    const bounds = this.states.bounds();
    const [page, counts, staffUsers, badge, summary] = await Promise.all([
      this.queue.list({ ...query, limit: PAGE_SIZE, offset: (filter.page - 1) * PAGE_SIZE }, filter.due ? this.states.range(filter.due) : undefined),
      this.queue.countByDue(query, bounds),
      this.users.list(),
      this.badge.count(staff),
      this.summary(request, staff, bounds),
    ]);
    const names = new Map(staffUsers.map((user) => [user.id, user.name]));
    const withDuplicates = await this.duplicates.withDuplicates(page.items.map((entity) => entity.id));
    const from = (filter.page - 1) * PAGE_SIZE + 1;
    const dates = { language: this.pages.language(request), timeZone: this.config.TZ_NAME };
    const items = page.items.map((entity) => {
      const urgency = this.states.of(entity, bounds);
      return {
        reference: entity.reference,
        urgency,
        urgencyLabel: copy.urgency[urgency],
        due: shownDay(entity.effectiveDue, dates),
        typeLabel: copy.type[entity.type],
        statusLabel: copy.status[caseStage(entity, this.systems.approvalTypes())],
        subject: entity.subjectName ?? entity.subjectEmail ?? entity.subjectCustomerNumber ?? entity.subjectPhone ?? '',
        channelLabel: copy.channel[entity.channel],
        received: shownInstant(entity.receivedAt, dates),
        assignee: entity.assigneeId ? (names.get(entity.assigneeId) ?? '') : '—',
        flagged: entity.flaggedExcessive,
        duplicate: withDuplicates.has(entity.id),
      };
    });
    const options = <T extends string>(values: readonly T[], labels: Record<T, string>, selected?: string) =>
      values.map((value) => ({ value, label: labels[value], selected: value === selected }));
    this.pages.send(request, response, 200, 'queue', {
      title: copy.queue.title,
      active: 'queue',
      badge,
      data: {
        filter,
        items,
        duplicateMarker: MERGE_COPY[this.pages.language(request)].marker,
        summary,
        counts,
        countLinks: {
          all: queueUrl(filter, { due: undefined, page: 1 }),
          ...Object.fromEntries(DUE_STATES.map((state) => [state, queueUrl(filter, { due: state, page: 1 })])),
        },
        showing: fill(copy.queue.showing, { from, to: from + items.length - 1, total: page.total }),
        previousUrl: filter.page > 1 ? queueUrl(filter, { page: filter.page - 1 }) : null,
        nextUrl: filter.page * PAGE_SIZE < page.total ? queueUrl(filter, { page: filter.page + 1 }) : null,
        statusOptions: options(STATUS_OPTIONS, copy.status, filter.status),
        typeOptions: options(REQUEST_TYPES, copy.type, filter.type),
        channelOptions: options(CHANNELS, copy.channel, filter.channel),
        assigneeOptions: [
          { value: 'mine', label: copy.queue.mine, selected: filter.assignee === 'mine' },
          { value: 'none', label: copy.queue.unassigned, selected: filter.assignee === 'none' },
          ...staffUsers
            .filter((user) => user.role === 'admin' || user.role === 'handler')
            .map((user) => ({ value: user.id, label: user.name, selected: filter.assignee === user.id })),
        ],
      },
    });
  }

  /** Admins and auditors (the privacy officer, the DPO) see the dashboard's headline figures above
   *  the queue; handlers work the queue and get none. */
  private async summary(request: Request, staff: StaffPrincipal, bounds: { today: string; week: string }) {
    if (staff.role !== 'admin' && staff.role !== 'auditor') return null;
    const language = this.pages.language(request);
    const [open, lastYear] = await Promise.all([
      this.figures.open({ today: bounds.today, week: bounds.week }),
      this.figures.period(lastTwelveMonths(bounds.today)),
    ]);
    return queueSummary(open, lastYear, { text: DASHBOARD_COPY[language], copy: this.pages.copy(request), language });
  }
}
