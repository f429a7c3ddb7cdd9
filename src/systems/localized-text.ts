import { z } from 'zod';
import { LANGUAGES, type Language } from '../common/case-types';

/**
 * A text of the data map that reaches the requester (purposes, categories, retention, field
 * labels): one string for every language, or `{nb, en}`. A plain string stays valid so data maps
 * written before translations load unchanged; a `{nb}` or `{en}` alone falls back to the other
 * language and is a start-up warning (see translationWarnings).
 */
export const localizedText = z.union([
  z.string().min(1),
  z
    .object({ nb: z.string().min(1).optional(), en: z.string().min(1).optional() })
    .strict()
    .refine((text) => text.nb !== undefined || text.en !== undefined, 'give the text as nb, en or both'),
]);

export type LocalizedText = z.infer<typeof localizedText>;

/** The text in `language`, else in the other one. */
export function textIn(text: LocalizedText, language: Language): string {
  if (typeof text === 'string') return text;
  return (text[language] ?? text[language === 'nb' ? 'en' : 'nb']) as string;
}

/**
 * The one text staff pages and the engine's own rules read (e.g. a marketing system is found by
 * "market" in its purposes): the English, else the only text given.
 */
export function plainText(text: LocalizedText): string {
  return textIn(text, 'en');
}

/** The languages a translated text lacks (a plain string lacks none: it is meant for all). */
export function missingLanguages(text: LocalizedText): Language[] {
  if (typeof text === 'string') return [];
  return LANGUAGES.filter((language) => text[language] === undefined);
}
