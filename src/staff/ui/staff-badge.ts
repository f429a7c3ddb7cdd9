import { Injectable } from '@nestjs/common';
import { CaseQueryService } from '../../cases/case-query.service';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import { DeadlineStates } from './deadline-states';

/** The menu's count: open cases overdue or due within 2 working days — a handler's own cases,
 *  everything for admins and auditors. Two indexed counts. */
@Injectable()
export class StaffBadge {
  constructor(
    private readonly queue: CaseQueryService,
    private readonly states: DeadlineStates,
  ) {}

  async count(staff: StaffPrincipal): Promise<number> {
    if (staff.role === 'owner') return 0;
    const query = { status: 'open' as const, limit: 1, ...(staff.role === 'handler' ? { assignee: staff.id } : {}) };
    const { soon } = this.states.bounds();
    const { total } = await this.queue.list(query, { to: soon });
    return total;
  }
}
