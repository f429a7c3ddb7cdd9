import type { Language } from '../case-types';
import type { KeepBasis } from './disposition';

/* The words for kept records that letters (responses/letters) and staff pages (connectors' plan
 * texts) share, so both say the same thing and neither module reaches into the other. */

/** What kept records may still be used for, when the disposition names a basis instead of a use. */
export const USE_WORDS: Record<Language, Record<KeepBasis, string>> = {
  nb: {
    legal_obligation: 'brukes bare til det loven krever',
    legal_claims: 'brukes bare til å fastsette, gjøre gjeldende eller forsvare kravet',
    public_interest: 'brukes bare til den oppgaven',
    archiving_research: 'brukes bare til arkiv, forskning eller statistikk',
    freedom_of_expression: 'brukes bare til det formålet',
  },
  en: {
    legal_obligation: 'used only as that law requires',
    legal_claims: 'used only to establish, exercise or defend that claim',
    public_interest: 'used only for that task',
    archiving_research: 'used only for archiving, research or statistics',
    freedom_of_expression: 'used only for that purpose',
  },
};

/** English phrases connectors use in laws and uses they report, in Norwegian. Longest first. */
const NB_PHRASES: Array<[RegExp, string]> = [
  [/bookkeeping, audit and tax control/gi, 'regnskap, revisjon og skattekontroll'],
  [/(\d+) years after the (?:end of the )?financial year/gi, '$1 år etter regnskapsårets slutt'],
  [/GDPR art\.?/gi, 'personvernforordningen art.'],
  [/(\d\)\([a-z]\)) and (\d+\()/gi, '$1 og $2'],
  [/\(5-year rule\)/gi, '(femårsregelen)'],
  [/\((?:3½|3\.5|3,5)-year rule\)/gi, '(regelen om 3½ år)'],
];

/** A connector's English phrase (a law and its rule, an allowed use) in the letter's language. */
export function phrase(text: string, language: Language): string {
  if (language === 'en') return text;
  return NB_PHRASES.reduce((result, [pattern, words]) => result.replace(pattern, words), text);
}
