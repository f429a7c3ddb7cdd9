import type { Language } from '../common/case-types';
import { LANGUAGES } from '../common/case-types';
import type { SummaryText } from './connector';

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
