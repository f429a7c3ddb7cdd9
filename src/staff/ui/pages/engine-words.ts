import type { Language } from '../../../common/case-types';

/**
 * The engine's own English values that reach a staff page (verification methods it records, the
 * waiting text of a manual task), in the reader's language. What a person typed (a handler's
 * method, an owner's summary) is shown as typed.
 */
const METHODS: Record<string, Record<Language, string>> = {
  'e-mail link': { nb: 'lenke i e-post', en: 'e-mail link' },
  'link sent to this address': { nb: 'lenke sendt til denne adressen', en: 'link sent to this address' },
};

export function methodWords(method: string, language: Language): string {
  return METHODS[method]?.[language] ?? method;
}

const WAITING: Record<Language, (owner: string) => string> = {
  nb: (owner) => `Venter på at ${owner} gjør dette for hånd og registrerer utfallet.`,
  en: (owner) => `Waiting for ${owner} to do this by hand and record the outcome.`,
};

export function waitingWords(owner: string, language: Language): string {
  return WAITING[language](owner);
}
