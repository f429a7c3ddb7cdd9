import { LANGUAGES, type Language } from '../../common/case-types';
import { LETTER_KINDS, type CompanyWords, type LetterKind } from '../letters/letter-facts';

/**
 * The company's own words in an answer letter. They frame the statutory body and never replace
 * it: the greeting opens the letter, `before` follows it, the engine's statutory body (reference
 * and date, what was done per disposition, recipients told, rights and remedies, where to ask)
 * comes next, `after` follows that, and the closing is the last line but one: the company's name
 * always ends the letter. These texts are not claims about the case; the admin page says so.
 */
export type LetterTemplateText = CompanyWords;

export const EMPTY_TEMPLATE: LetterTemplateText = { greeting: null, closing: null, before: [], after: [] };

export const TEMPLATE_LIMITS = { line: 100, paragraph: 1500, paragraphs: 3 } as const;

export type TemplateField = keyof LetterTemplateText;
export type TemplateProblem = 'notText' | 'tooLong' | 'oneLine' | 'tooMany' | 'listLine' | 'control' | 'blankLine';
export interface TemplateIssue {
  field: TemplateField;
  /** The paragraph's place (1-based) when the problem is one paragraph's. */
  paragraph?: number;
  problem: TemplateProblem;
}

/** In words, for the REST API's 400 (the staff page has its own nb/en words). */
export const TEMPLATE_PROBLEM_WORDS: Record<TemplateProblem, string> = {
  notText: 'must be text (a list of texts for before/after)',
  tooLong: `is too long (greeting and closing at most ${TEMPLATE_LIMITS.line} characters, a paragraph at most ${TEMPLATE_LIMITS.paragraph})`,
  oneLine: 'must be a single line',
  tooMany: `may have at most ${TEMPLATE_LIMITS.paragraphs} paragraphs`,
  listLine: 'may not have a line starting with "- " or "•": the letter would read it as a statutory list item',
  control: 'may not contain control characters',
  blankLine: 'may not contain a blank line: give each paragraph as its own text',
};

export const isLetterKind = (value: unknown): value is LetterKind => (LETTER_KINDS as readonly unknown[]).includes(value);
export const isLanguage = (value: unknown): value is Language => (LANGUAGES as readonly unknown[]).includes(value);

// Tabs and line breaks are the only control characters a letter may carry.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/;
const LIST_LINE = /^\s*(- |•)/m;

/** Splits a text area into paragraphs at blank lines (the staff form's way to give several). */
export function paragraphsOf(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);
}

/** Checks and normalises what an admin gave; every problem is named by field (and paragraph). */
export function checkLetterTemplate(input: Record<string, unknown>): { template: LetterTemplateText; issues: TemplateIssue[] } {
  const issues: TemplateIssue[] = [];
  const line = (field: 'greeting' | 'closing'): string | null => {
    const value = input[field];
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string') return (void issues.push({ field, problem: 'notText' }), null);
    const trimmed = value.replace(/\r\n?/g, '\n').trim();
    if (!trimmed) return null;
    if (CONTROL.test(trimmed)) issues.push({ field, problem: 'control' });
    else if (trimmed.includes('\n')) issues.push({ field, problem: 'oneLine' });
    else if (trimmed.length > TEMPLATE_LIMITS.line) issues.push({ field, problem: 'tooLong' });
    else if (LIST_LINE.test(trimmed)) issues.push({ field, problem: 'listLine' });
    return trimmed;
  };
  const paragraphs = (field: 'before' | 'after'): string[] => {
    const value = input[field];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) return (void issues.push({ field, problem: 'notText' }), []);
    const list = (value as string[]).map((item) => item.replace(/\r\n?/g, '\n').trim()).filter(Boolean);
    if (list.length > TEMPLATE_LIMITS.paragraphs) issues.push({ field, problem: 'tooMany' });
    list.forEach((paragraph, index) => {
      const problem: TemplateProblem | null = CONTROL.test(paragraph)
        ? 'control'
        : paragraph.length > TEMPLATE_LIMITS.paragraph
          ? 'tooLong'
          : /\n\s*\n/.test(paragraph)
            ? 'blankLine'
            : LIST_LINE.test(paragraph)
              ? 'listLine'
              : null;
      if (problem) issues.push({ field, paragraph: index + 1, problem });
    });
    return list;
  };
  const template = { greeting: line('greeting'), closing: line('closing'), before: paragraphs('before'), after: paragraphs('after') };
  return { template, issues };
}

/** "before[2]" for a paragraph's problem, else the field. */
export const issueField = (issue: TemplateIssue): string => (issue.paragraph ? `${issue.field}[${issue.paragraph}]` : issue.field);
