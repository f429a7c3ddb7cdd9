import { addDays, addMonths, compareIsoDates, IsoDate, minIsoDate, parseIsoDate } from '../../common/iso-date';
import { EASTER_FIRST_YEAR, EASTER_LAST_YEAR } from './norwegian-holidays';
import { WorkingDayCalendar } from './working-day-calendar';

/** Years of receipt the policy computes deadlines for: the Norwegian calendar needs Easter
 *  (1583-4099), and an extended deadline three months on can fall in the next year. */
export const RECEIVED_FIRST_YEAR = EASTER_FIRST_YEAR;
export const RECEIVED_LAST_YEAR = EASTER_LAST_YEAR - 1;

/** Why a day of receipt cannot be given deadlines, or null when it can (a real date is assumed). */
export function receivedOnProblem(receivedOn: IsoDate): string | null {
  const year = Number(receivedOn.slice(0, 4));
  if (year >= RECEIVED_FIRST_YEAR && year <= RECEIVED_LAST_YEAR) return null;
  return `must be in the years ${RECEIVED_FIRST_YEAR}-${RECEIVED_LAST_YEAR}, the range the holiday calendar is computed for`;
}

export interface DeadlinePolicyOptions {
  /** Calendar days the company promises to answer within; 0 = no promise, statutory only. */
  promiseDays: number;
  calendar: WorkingDayCalendar;
}

export interface DeadlineInput {
  receivedOn: IsoDate;
  /** Whole calendar days the clock was paused while waiting for the requester. */
  pausedDays?: number;
  extended?: boolean;
}

export interface Deadlines {
  statutory: IsoDate;
  promise: IsoDate | null;
  effective: IsoDate;
  sendBy: IsoDate;
  extended: IsoDate | null;
}

export type ExtensionCheck =
  | { allowed: true; deadline: IsoDate; breaksPromise: boolean; warning?: string }
  | { allowed: false; reason: string; code: 'already_extended' | 'past_first_deadline' };

export interface ExtensionCheckInput {
  receivedOn: IsoDate;
  pausedDays?: number;
  today: IsoDate;
  alreadyExtended: boolean;
}

/** GDPR Art 12(3) deadlines computed per Regulation 1182/71, plus the company's own promise. */
export class DeadlinePolicy {
  private readonly promiseDays: number;
  private readonly calendar: WorkingDayCalendar;

  constructor(options: DeadlinePolicyOptions) {
    assertWholeDays(options.promiseDays, 'promiseDays');
    this.promiseDays = options.promiseDays;
    this.calendar = options.calendar;
  }

  compute(input: DeadlineInput): Deadlines {
    const receivedOn = parseIsoDate(input.receivedOn);
    const pausedDays = input.pausedDays ?? 0;
    assertWholeDays(pausedDays, 'pausedDays');

    // The day of receipt is not counted: one month from 5 March ends on 5 April.
    const statutory = this.calendar.nextWorkingDayOnOrAfter(addDays(addMonths(receivedOn, 1), pausedDays));
    // The promise is in calendar days as published, so it is not rolled to a working day.
    const promise = this.promiseDays > 0 ? addDays(receivedOn, this.promiseDays + pausedDays) : null;
    const extended = input.extended ? this.extendedDeadline(receivedOn, pausedDays) : null;
    const effective = extended ?? (promise === null ? statutory : minIsoDate(statutory, promise));
    // Staff need a day the office is open to send the answer.
    const sendBy = this.calendar.lastWorkingDayOnOrBefore(effective);
    return { statutory, promise, effective, sendBy, extended };
  }

  checkExtension(input: ExtensionCheckInput): ExtensionCheck {
    const today = parseIsoDate(input.today);
    const { statutory, promise } = this.compute({ receivedOn: input.receivedOn, pausedDays: input.pausedDays });
    if (compareIsoDates(today, input.receivedOn) < 0) {
      throw new RangeError(`today (${today}) is before the request was received (${input.receivedOn})`);
    }
    if (input.alreadyExtended) {
      return {
        allowed: false,
        code: 'already_extended',
        reason: 'This request has already been extended. The GDPR allows only one extension, of up to two further months.',
      };
    }
    if (compareIsoDates(today, statutory) > 0) {
      return {
        allowed: false,
        code: 'past_first_deadline',
        reason:
          `The first deadline was ${statutory}. An extension is only valid if the requester is told about it, ` +
          'with the reasons, before that deadline, so this request can no longer be extended.',
      };
    }
    const deadline = this.extendedDeadline(input.receivedOn, input.pausedDays ?? 0);
    if (promise === null) return { allowed: true, deadline, breaksPromise: false };
    return {
      allowed: true,
      deadline,
      breaksPromise: true,
      warning: `Extending breaks the company's own promise to answer within ${this.promiseDays} days ` + `(by ${promise}). The new deadline is ${deadline}.`,
    };
  }

  // Art 12(3): two further months on top of the first, i.e. three months from receipt.
  private extendedDeadline(receivedOn: IsoDate, pausedDays: number): IsoDate {
    return this.calendar.nextWorkingDayOnOrAfter(addDays(addMonths(receivedOn, 3), pausedDays));
  }
}

function assertWholeDays(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a whole number of days, 0 or more; got ${value}`);
  }
}
