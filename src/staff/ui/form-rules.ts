import { fill, type StaffCopy } from './pages/staff-copy';
import { field } from './staff-format';

/** Field checks for the staff forms, mirroring the API's DTOs, with messages in the page's language. */
export class FormCheck {
  readonly values: Record<string, string> = {};
  readonly errors: Record<string, string> = {};

  constructor(
    private readonly body: unknown,
    private readonly copy: StaffCopy,
  ) {}

  get ok(): boolean {
    return Object.keys(this.errors).length === 0;
  }

  raw(name: string): string {
    const text = field(this.body, name);
    this.values[name] = text;
    return text;
  }

  text(name: string, min: number, max: number, optional = false): string {
    const value = this.raw(name);
    if (!value) {
      if (!optional) this.errors[name] = this.copy.errors.required;
    } else if (value.length < min) this.errors[name] = fill(this.copy.errors.tooShort, { min });
    else if (value.length > max) this.errors[name] = fill(this.copy.errors.tooLong, { max });
    return value;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], optional = false): T | undefined {
    const value = this.raw(name);
    if (!value && optional) return undefined;
    if (!(allowed as readonly string[]).includes(value)) {
      this.errors[name] = this.copy.errors.choose;
      return undefined;
    }
    return value as T;
  }

  email(name: string, optional = false): string {
    const value = this.raw(name).toLowerCase();
    this.values[name] = value;
    if (!value) {
      if (!optional) this.errors[name] = this.copy.errors.required;
    } else if (value.length > 320 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) this.errors[name] = this.copy.errors.email;
    return value;
  }

  /** A calendar day as YYYY-MM-DD that exists (no 2026-02-30); with `notBefore`, not earlier. */
  date(name: string, notBefore?: string): string {
    const value = this.raw(name);
    if (!value) {
      this.errors[name] = this.copy.errors.required;
      return value;
    }
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    const day = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
    if (!day || day.toISOString().slice(0, 10) !== value) this.errors[name] = this.copy.errors.date;
    else if (notBefore && value < notBefore) this.errors[name] = this.copy.errors.pastDate;
    return value;
  }

  fail(name: string, message: string): void {
    this.errors[name] = message;
  }
}
