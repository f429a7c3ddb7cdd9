import type { Language } from '../../common/case-types';

/** Datatilsynet, the Norwegian supervisory authority (Art 77 complaints). */
export const DATATILSYNET = {
  name: 'Datatilsynet',
  address: 'Postboks 458 Sentrum, 0105 Oslo',
  website: 'https://www.datatilsynet.no',
  email: 'postkasse@datatilsynet.no',
};

export interface RightsCopy {
  heading: string;
  rights: string[];
  complaint: string;
  court: string;
}

/** The rights every answer repeats (Art 15(1)(e)–(f), Art 12(4)), in plain words. */
export const RIGHTS: Record<Language, RightsCopy> = {
  nb: {
    heading: 'Dine rettigheter',
    rights: [
      'Retting: du kan be oss rette opplysninger som er feil eller ufullstendige (personvernforordningen art. 16).',
      'Sletting: du kan be oss slette opplysninger om deg når vi ikke lenger har grunnlag for å behandle dem (art. 17).',
      'Begrensning: du kan be oss begrense behandlingen, for eksempel mens riktigheten undersøkes (art. 18).',
      'Innsigelse: du kan protestere mot behandling som bygger på berettiget interesse, og alltid mot direkte markedsføring (art. 21).',
      'Dataportabilitet: du kan få opplysninger du selv har gitt oss, i et maskinlesbart format (art. 20).',
    ],
    complaint: `Klage til Datatilsynet: du kan klage til ${DATATILSYNET.name}, ${DATATILSYNET.address}, ${DATATILSYNET.website}, ${DATATILSYNET.email} (art. 77).`,
    court: 'Domstolene: du kan også bringe saken inn for domstolene (art. 79).',
  },
  en: {
    heading: 'Your rights',
    rights: [
      'Rectification: you may ask us to correct data that is wrong or incomplete (GDPR Art 16).',
      'Erasure: you may ask us to erase data about you when we no longer have grounds to process it (Art 17).',
      'Restriction: you may ask us to restrict processing, for example while its accuracy is checked (Art 18).',
      'Objection: you may object to processing based on legitimate interest, and always to direct marketing (Art 21).',
      'Portability: you may receive the data you gave us in a machine-readable format (Art 20).',
    ],
    complaint: `Complaint to Datatilsynet: you may complain to ${DATATILSYNET.name} (the Norwegian Data Protection Authority), ${DATATILSYNET.address}, Norway, ${DATATILSYNET.website}, ${DATATILSYNET.email} (Art 77).`,
    court: 'Courts: you may also take the matter to court (Art 79).',
  },
};

/** Labels of the Art 15(1) elements, per processing. */
export const ELEMENT_LABELS: Record<
  Language,
  Record<'purposes' | 'categories' | 'legalBasis' | 'recipients' | 'retention' | 'source' | 'automatedDecisions' | 'transfers', string>
> = {
  nb: {
    purposes: 'Formål',
    categories: 'Kategorier av opplysninger',
    legalBasis: 'Behandlingsgrunnlag',
    recipients: 'Mottakere',
    retention: 'Lagringstid',
    source: 'Kilde',
    automatedDecisions: 'Automatiserte avgjørelser og profilering',
    transfers: 'Overføring utenfor EØS og garantier',
  },
  en: {
    purposes: 'Purposes',
    categories: 'Categories of data',
    legalBasis: 'Legal basis',
    recipients: 'Recipients',
    retention: 'Retention',
    source: 'Source',
    automatedDecisions: 'Automated decisions and profiling',
    transfers: 'Transfers outside the EEA and safeguards',
  },
};

/** Words for values the data map leaves at their defaults. */
export const DEFAULT_WORDS: Record<Language, { none: string; noRecipients: string; subjectSource: string }> = {
  nb: { none: 'Ingen', noRecipients: 'Ingen utenfor virksomheten', subjectSource: 'Fra deg' },
  en: { none: 'None', noRecipients: 'None outside the company', subjectSource: 'From you' },
};

/** An ISO-8601 period (P5Y, P3Y6M, P4M, P7D) in words. */
export function periodInWords(period: string, language: Language): string {
  const match = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/.exec(period);
  if (!match) return period;
  const units =
    language === 'nb'
      ? [
          ['år', 'år'],
          ['måned', 'måneder'],
          ['uke', 'uker'],
          ['dag', 'dager'],
        ]
      : [
          ['year', 'years'],
          ['month', 'months'],
          ['week', 'weeks'],
          ['day', 'days'],
        ];
  const parts = match
    .slice(1)
    .map((value, index) => (value ? `${Number(value)} ${Number(value) === 1 ? units[index][0] : units[index][1]}` : null))
    .filter((part): part is string => part !== null);
  return parts.join(language === 'nb' ? ' og ' : ' and ');
}
