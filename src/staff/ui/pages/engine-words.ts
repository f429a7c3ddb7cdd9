import type { Language } from '../../../common/case-types';

/**
 * The engine's own English values that reach a staff page (verification methods it records), in
 * the reader's language. What a person typed (a handler's method) is shown as typed.
 */
const METHODS: Record<string, Record<Language, string>> = {
  'e-mail link': { nb: 'lenke i e-post', en: 'e-mail link' },
  'link sent to this address': { nb: 'lenke sendt til denne adressen', en: 'link sent to this address' },
};

export function methodWords(method: string, language: Language): string {
  return METHODS[method]?.[language] ?? method;
}
