import type { Language } from '../common/case-types';
import { LANGUAGES } from '../common/case-types';
import type { SummaryText } from './connector';
import { fieldWord } from '../common/dispositions/record-words';

/**
 * An outcome's summary in both staff languages: `summary` keeps the English (logs, the REST API
 * and outcomes stored before translations read it), `summaryText` gives the case page the reader's.
 */
export function summarised(text: SummaryText): { summary: string; summaryText: SummaryText } {
  return { summary: text.en, summaryText: text };
}

/** A stored outcome's summary in `language`: its `summaryText` when it has one, else the plain
 *  `summary` as recorded (owners' notes, older rows, connectors that write English only). */
export function summaryIn(outcome: Record<string, unknown> | null | undefined, language: Language): string | undefined {
  const text = outcome?.summaryText;
  if (isSummaryText(text)) return text[language];
  return typeof outcome?.summary === 'string' ? outcome.summary : undefined;
}

function isSummaryText(value: unknown): value is SummaryText {
  return typeof value === 'object' && value !== null && LANGUAGES.every((language) => typeof (value as Record<string, unknown>)[language] === 'string');
}

/** A stored text in `language` when the row has its translation, else the plain (English) column
 *  as recorded: rows written before translations, sentences the engine did not write. */
export function textOr(text: unknown, plain: string, language: Language): string;
export function textOr(text: unknown, plain: string | null | undefined, language: Language): string | null;
export function textOr(text: unknown, plain: string | null | undefined, language: Language): string | null {
  return isSummaryText(text) ? text[language] : (plain ?? null);
}

/** "1 ticket" / "3 tickets": the count with the noun that fits it. */
export function counted(count: number, singular: string, plural: string): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/** Case field names as staff read them ("name, e-mail address"); a name the engine has no word for as it is. */
export function fieldsIn(fields: readonly string[], language: Language): string {
  return fields.map((field) => fieldWord(field, language)).join(', ');
}

/** Several texts as one, per language (an item list, or a prefix before another outcome's text). */
export function joinedTexts(parts: readonly SummaryText[], separator: string): SummaryText {
  return textIn((language) => parts.map((part) => part[language]).join(separator));
}

/** The same sentence built once per staff language. */
export function textIn(build: (language: Language) => string): SummaryText {
  return Object.fromEntries(LANGUAGES.map((language) => [language, build(language)])) as SummaryText;
}

type Summarised = { summary: string; summaryText?: SummaryText };

/** Two summaries as one (a step done before another outcome): translated when both are, else
 *  the English alone, so a page never shows half a sentence in the reader's language. */
export function summariesJoined(first: Summarised, second: Summarised, separator: string): Summarised {
  const summary = `${first.summary}${separator}${second.summary}`;
  if (!first.summaryText || !second.summaryText) return { summary, summaryText: undefined };
  return { summary, summaryText: joinedTexts([first.summaryText, second.summaryText], separator) };
}

/** A task's error in `language`: its failed outcome's translation when the outcome states that
 *  error, the pending error's own translation when it has one, else the error as stored (older rows). */
export function errorIn(
  task: { outcome?: Record<string, unknown> | null; error?: string | null; errorText?: SummaryText | null },
  language: Language,
): string | null {
  if (!task.error) return null;
  if (task.outcome?.summary === task.error) return summaryIn(task.outcome, language) ?? task.error;
  // A pending task's error (a retry, a wait for the plan) carries its own translation of that error.
  return task.errorText?.en === task.error ? textOr(task.errorText, task.error, language) : task.error;
}
