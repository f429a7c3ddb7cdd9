import { OBJECTION_PROCESSINGS, type Language, type ObjectionProcessing } from '../../common/case-types';
import { fieldWord } from '../../common/dispositions/record-words';
import { isIsoDate } from '../../common/iso-date';
import { PAGE_COPY } from '../../public-site/pages/page-copy';
import { fillWithDates, shownDay, type DatedText, type ShownDate } from './shown-date';

const LABELS: Record<Language, Record<string, string>> = {
  nb: {
    message: 'Melding',
    text: 'Personens egne ord',
    postalAddress: 'Postadresse',
    period: 'Opplysninger fra perioden',
    recordDates: 'Opplysninger fra dagene',
    field: 'Opplysning som skal rettes',
    currentValue: 'Står nå',
    correctedValue: 'Skal være',
    changes: 'Rettelser',
    fields: 'Opplysninger personen bestrider',
    processing: 'Behandling det protesteres mot',
    grounds: 'Begrunnelse',
    controller: 'Behandlingsansvarlig',
  },
  en: {
    message: 'Message',
    text: "The person's own words",
    postalAddress: 'Postal address',
    period: 'Records from the period',
    recordDates: 'Records from the days',
    field: 'Data to correct',
    currentValue: 'Currently',
    correctedValue: 'Should be',
    changes: 'Corrections',
    fields: 'Data the person contests',
    processing: 'Processing objected to',
    grounds: 'Grounds',
    controller: 'Controller',
  },
};

const YES_NO: Record<Language, [string, string]> = { nb: ['ja', 'nei'], en: ['yes', 'no'] };

type Shown = string | ShownDate | DatedText;

export interface CaseDetail {
  key: string;
  label: string;
  value: Shown;
}

/** Words and dates side by side, each date still a `<time>` element, the words escaped. */
function joined(parts: Array<string | ShownDate>, separator = ', '): DatedText {
  const values = Object.fromEntries(parts.map((part, index) => [`p${index}`, part]));
  return fillWithDates(parts.map((_, index) => `{{p${index}}}`).join(separator), values);
}

/** A value no rule below knows, readable without JSON: a day as a date, a list with commas, an
 *  object as "key: value" pairs. Inside a list or object the words alone (toString). */
function readable(value: unknown, language: Language): Shown {
  if (typeof value === 'string') return isIsoDate(value) ? shownDay(value, { language }) : value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return YES_NO[language][value ? 0 : 1];
  if (value === null || value === undefined) return '–';
  if (Array.isArray(value)) return value.map((item) => String(readable(item, language))).join(', ');
  // Details are stored as JSON: what is left is an object.
  return Object.entries(value as Record<string, unknown>)
    .map(([key, item]) => `${key}: ${String(readable(item, language))}`)
    .join('; ');
}

const isProcessing = (value: unknown): value is ObjectionProcessing => (OBJECTION_PROCESSINGS as readonly unknown[]).includes(value);

function dayOrText(value: unknown, language: Language): string | ShownDate {
  return isIsoDate(value) ? shownDay(value, { language }) : String(readable(value, language));
}

/**
 * A case's details as the staff case page shows them: each key with a label in the reader's
 * language and its value in words (dates as dates, field names as field words, the objected
 * processing as the form put it, a controller id as the data map's name). A key this page has no
 * words for keeps its name, and its value is still shown readably.
 */
export function caseDetailsView(
  details: Record<string, unknown> | null | undefined,
  language: Language,
  controllerName: (id: string) => string | undefined,
): CaseDetail[] {
  const words = LABELS[language];
  const shown = (key: string, value: unknown): Shown => {
    switch (key) {
      case 'period': {
        const period = (value ?? {}) as { from?: unknown; to?: unknown };
        if (period.from === period.to) return dayOrText(period.from, language);
        return joined([dayOrText(period.from, language), dayOrText(period.to, language)], ' – ');
      }
      case 'recordDates':
        return Array.isArray(value) ? joined(value.map((day) => dayOrText(day, language))) : readable(value, language);
      case 'field':
        return typeof value === 'string' ? fieldWord(value, language) : readable(value, language);
      case 'fields':
        return Array.isArray(value) ? value.map((field) => fieldWord(String(field), language)).join(', ') : readable(value, language);
      case 'changes':
        if (!value || typeof value !== 'object' || Array.isArray(value)) return readable(value, language);
        return Object.entries(value as Record<string, unknown>)
          .map(([field, corrected]) => `${fieldWord(field, language)} → ${String(readable(corrected, language))}`)
          .join('; ');
      case 'processing':
        return isProcessing(value) ? PAGE_COPY[language].form.processings[value].label : readable(value, language);
      case 'controller':
        return (typeof value === 'string' && controllerName(value)) || readable(value, language);
      default:
        return readable(value, language);
    }
  };
  return Object.entries(details ?? {}).map(([key, value]) => ({ key, label: Object.hasOwn(words, key) ? words[key] : key, value: shown(key, value) }));
}
