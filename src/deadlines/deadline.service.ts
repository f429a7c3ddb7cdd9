import { Inject, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Clock } from '../common/clock';
import { arrivalDate } from './policy/arrival-date';
import { DeadlinePolicy, type Deadlines, type ExtensionCheck } from './policy/deadline-policy';
import type { IsoDate } from '../common/iso-date';
import { WorkingDayCalendar } from './policy/working-day-calendar';

/** What a case needs to know its deadlines. */
export interface DeadlineFacts {
  receivedOn: IsoDate;
  pausedDays: number;
  extendedDue: IsoDate | null;
}

/** The deadline policy configured for this company (promise, calendar, time zone). */
@Injectable()
export class DeadlineService {
  readonly policy: DeadlinePolicy;
  readonly calendar: WorkingDayCalendar;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.calendar = new WorkingDayCalendar({
      extraClosedDays: config.DEADLINE_EXTRA_CLOSED_DAYS,
      extraWorkingDays: config.DEADLINE_EXTRA_WORKING_DAYS,
    });
    this.policy = new DeadlinePolicy({ promiseDays: config.DEADLINE_PROMISE_DAYS, calendar: this.calendar });
  }

  get timeZone(): string {
    return this.config.TZ_NAME;
  }

  get pauseAllowed(): boolean {
    return this.config.DEADLINE_PAUSE === 'on';
  }

  /** The day an instant falls on in the company's time zone (23:30 Oslo on the 31st is the 31st). */
  dayOf(instant: Date): IsoDate {
    return arrivalDate(instant, this.config.TZ_NAME);
  }

  today(): IsoDate {
    return this.dayOf(this.clock.now());
  }

  forCase(facts: DeadlineFacts): Deadlines {
    return this.policy.compute({
      receivedOn: facts.receivedOn,
      pausedDays: facts.pausedDays,
      extended: facts.extendedDue !== null,
    });
  }

  preview(receivedOn: IsoDate, extended: boolean): Deadlines {
    return this.policy.compute({ receivedOn, extended });
  }

  checkExtension(facts: DeadlineFacts): ExtensionCheck {
    return this.policy.checkExtension({
      receivedOn: facts.receivedOn,
      pausedDays: facts.pausedDays,
      today: this.today(),
      alreadyExtended: facts.extendedDue !== null,
    });
  }

  /** Whole calendar days between two instants, counted in the company's time zone. */
  calendarDaysBetween(from: Date, to: Date): number {
    const zone = this.config.TZ_NAME;
    const start = DateTime.fromJSDate(from, { zone }).startOf('day');
    const end = DateTime.fromJSDate(to, { zone }).startOf('day');
    return Math.max(0, Math.round(end.diff(start, 'days').days));
  }

  /** The instant an alert about `day` fires: ALERT_HOUR o'clock that day, company time.
   *  Memoised: reconciliation asks this for a million cases that share a few hundred days. */
  alertInstant(day: IsoDate): Date {
    let instant = this.alertInstants.get(day);
    if (instant === undefined) {
      instant = DateTime.fromISO(day, { zone: this.config.TZ_NAME }).set({ hour: this.config.ALERT_HOUR }).toMillis();
      if (this.alertInstants.size > 10_000) this.alertInstants.clear();
      this.alertInstants.set(day, instant);
    }
    return new Date(instant);
  }

  private readonly alertInstants = new Map<IsoDate, number>();
}
