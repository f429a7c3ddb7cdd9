import type { Language } from '../../common/case-types';
import type { KeepBasis } from '../../common/dispositions/disposition';

/** Why records are kept, when the disposition names no law or claim of its own. */
export const KEEP_BASIS_WORDS: Record<Language, Record<KeepBasis, string>> = {
  nb: {
    legal_obligation: 'en rettslig forpliktelse (personvernforordningen art. 17(3)(b))',
    legal_claims: 'et rettskrav (art. 17(3)(e))',
    public_interest: 'allmennhetens interesse (art. 17(3)(c))',
    archiving_research: 'arkivformål, forskning eller statistikk (art. 17(3)(d))',
    freedom_of_expression: 'ytrings- og informasjonsfriheten (art. 17(3)(a))',
  },
  en: {
    legal_obligation: 'a legal obligation (GDPR Art 17(3)(b))',
    legal_claims: 'a legal claim (Art 17(3)(e))',
    public_interest: 'public interest (Art 17(3)(c))',
    archiving_research: 'archiving, research or statistics (Art 17(3)(d))',
    freedom_of_expression: 'freedom of expression and information (Art 17(3)(a))',
  },
};

/** The use kept records are still allowed, when `allowedUse` is a KEEP_BASES word. */
export const ALLOWED_USE_WORDS: Record<Language, Record<KeepBasis, string>> = {
  nb: {
    legal_obligation: 'det loven krever',
    legal_claims: 'å fastsette, gjøre gjeldende eller forsvare rettskravet',
    public_interest: 'oppgaven i allmennhetens interesse',
    archiving_research: 'arkiv, forskning eller statistikk',
    freedom_of_expression: 'ytrings- og informasjonsfriheten',
  },
  en: {
    legal_obligation: 'what the law requires',
    legal_claims: 'establishing, exercising or defending the claim',
    public_interest: 'the task in the public interest',
    archiving_research: 'archiving, research or statistics',
    freedom_of_expression: 'freedom of expression and information',
  },
};
