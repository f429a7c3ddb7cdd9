import type { Language } from '../../common/case-types';
import { invalid } from '../../common/domain-error';
import { RIGHTS } from '../copy/rights-copy';

/**
 * What an edit may not remove from a letter: the right to complain to Datatilsynet, the right to
 * go to court (Art 12(4), Art 15(1)(f)) and every link the assembled letter carries (status page,
 * download). Returns the missing ones, in the order they appear in the assembled text.
 */
export function missingRequired(assembledText: string, editedText: string, language: Language): string[] {
  const rights = RIGHTS[language];
  const links = assembledText.match(/https?:\/\/[^\s<]+/g) ?? [];
  const required = [rights.complaint, rights.court, ...links.filter((link) => !rights.complaint.includes(link))];
  return [...new Set(required)].filter((element) => !editedText.includes(element));
}

/** A clear 400 naming what the edited text must keep. */
export function assertRequiredKept(assembledText: string, editedText: string, language: Language): void {
  const missing = missingRequired(assembledText, editedText, language);
  if (missing.length) throw invalid('text', `must keep, word for word: ${missing.map((element) => `"${element}"`).join('; ')}`);
}
