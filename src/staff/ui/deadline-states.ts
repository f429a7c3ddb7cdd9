import { Injectable } from '@nestjs/common';
import type { CaseEntity } from '../../cases/case.entity';
import { isClosed } from '../../cases/case-transitions';
import { DeadlineService } from '../../deadlines/deadline.service';
import { addDays } from '../../common/iso-date';

export const DUE_STATES = ['overdue', 'due2', 'due7', 'later'] as const;
export type DueState = (typeof DUE_STATES)[number];
export type Urgency = DueState | 'closed';

/** The queue's deadline states, from today in the company's time zone: overdue, due within 2
 *  working days, within 7 calendar days, later. */
@Injectable()
export class DeadlineStates {
  constructor(private readonly deadlines: DeadlineService) {}

  bounds(): { today: string; soon: string; week: string } {
    const today = this.deadlines.today();
    let soon = today;
    for (let step = 0; step < 2; step++) soon = this.deadlines.calendar.nextWorkingDayOnOrAfter(addDays(soon, 1));
    const week = addDays(today, 7);
    return { today, soon, week: week > soon ? week : soon };
  }

  /** The effective-deadline range of a state, for CaseQueryService.list. */
  range(state: DueState): { from?: string; to?: string } {
    const { today, soon, week } = this.bounds();
    switch (state) {
      case 'overdue':
        return { to: addDays(today, -1) };
      case 'due2':
        return { from: today, to: soon };
      case 'due7':
        return { from: addDays(soon, 1), to: week };
      case 'later':
        return { from: addDays(week, 1) };
    }
  }

  of(entity: Pick<CaseEntity, 'status' | 'effectiveDue'>, bounds = this.bounds()): Urgency {
    if (isClosed(entity)) return 'closed';
    if (entity.effectiveDue < bounds.today) return 'overdue';
    if (entity.effectiveDue <= bounds.soon) return 'due2';
    if (entity.effectiveDue <= bounds.week) return 'due7';
    return 'later';
  }
}
