/** The one place the service asks for the time, so deadline and alert rules can be tested at any date. */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
