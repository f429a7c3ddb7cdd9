import Handlebars from 'handlebars';
import type { Language } from '../../common/case-types';
import { humanDate, type HumanDateOptions } from '../../common/human-date';

const escape = (text: string) => Handlebars.Utils.escapeExpression(text);

/**
 * A date on a staff page: the words a person reads (humanDate), inside `<time datetime="…">` with
 * the machine-readable value, so scripts and tests still read the exact day or instant. Handlebars
 * writes a value with `toHTML()` as it is, so `{{case.receivedAt}}` needs no helper; as a string
 * (in a `title`, in `fill`) it is the words alone.
 */
export class ShownDate {
  constructor(
    readonly datetime: string,
    readonly text: string,
  ) {}

  toHTML(): string {
    return `<time datetime="${escape(this.datetime)}">${escape(this.text)}</time>`;
  }

  toString(): string {
    return this.text;
  }
}

/** Where and how a page writes its dates: the reader's language and the company's time zone. */
export interface DateStyle {
  language: Language;
  timeZone: string;
}

/** A calendar day (deadlines, the day a case arrived): "5. des. 2026" / "5 Dec 2026". */
export function shownDay(day: string, style: Pick<DateStyle, 'language'>, options: Pick<HumanDateOptions, 'longMonth'> = {}): ShownDate {
  return new ShownDate(day, humanDate(day, style.language, options));
}

/** An instant with its time in the company's zone: "5. des. 2026 kl. 14:03"; '' when there is none. */
export function shownInstant(instant: Date | string | null | undefined, style: DateStyle): ShownDate | '' {
  if (!instant) return '';
  const value = instant instanceof Date ? instant : new Date(instant);
  return new ShownDate(value.toISOString(), humanDate(value, style.language, { withTime: true, timeZone: style.timeZone }));
}

/** A sentence that holds a date: the words, or the HTML with the date as a `<time>` element. */
export interface DatedText {
  toHTML(): string;
  toString(): string;
}

/** A copy sentence with its `{{name}}` gaps filled, everything escaped but the `<time>` elements. */
export function fillWithDates(text: string, values: Record<string, string | number | ShownDate>): DatedText {
  const parts = text.split(/\{\{(\w+)\}\}/);
  // split with a group: even places are copy, odd places the names of the gaps.
  const render = (html: boolean) =>
    parts
      .map((part, index) => {
        if (index % 2 === 0) return html ? escape(part) : part;
        const value = values[part] ?? '';
        if (!html) return String(value);
        return value instanceof ShownDate ? value.toHTML() : escape(String(value));
      })
      .join('');
  return { toHTML: () => render(true), toString: () => render(false) };
}
