import type { SummaryText } from '../connector';

/** The outcome summary a manual task carries while it waits for its owner, in each staff language
 *  (stored as `summary` in English and `summaryText`, as every engine summary). */
export function manualWaitingText(owner: string): SummaryText {
  return {
    en: `Waiting for ${owner} to do this by hand and record the outcome.`,
    nb: `Venter på at ${owner} gjør dette for hånd og registrerer utfallet.`,
  };
}
