import type { Language, RequestType } from './case-types';

/** Request types in plain words, for e-mails and pages (the person never needs to know an article number). */
export const REQUEST_TYPE_WORDS: Record<Language, Record<RequestType, { label: string; phrase: string }>> = {
  nb: {
    access: { label: 'Se opplysningene mine (innsyn)', phrase: 'få se opplysningene vi har om deg' },
    rectification: { label: 'Rette opplysninger (retting)', phrase: 'rette opplysninger vi har om deg' },
    erasure: { label: 'Slette opplysningene mine (sletting)', phrase: 'slette opplysningene vi har om deg' },
    objection: { label: 'Protestere mot bruk (innsigelse)', phrase: 'protestere mot hvordan vi bruker opplysningene dine' },
    restriction: { label: 'Begrense bruken (begrensning)', phrase: 'begrense hvordan vi bruker opplysningene dine' },
    portability: { label: 'Få med meg opplysningene (dataportabilitet)', phrase: 'få opplysningene dine i et format du kan ta med deg' },
  },
  en: {
    access: { label: 'See my data (access)', phrase: 'see the data we hold about you' },
    rectification: { label: 'Correct my data (rectification)', phrase: 'correct data we hold about you' },
    erasure: { label: 'Delete my data (erasure)', phrase: 'delete the data we hold about you' },
    objection: { label: 'Object to a use of my data (objection)', phrase: 'object to how we use your data' },
    restriction: { label: 'Limit the use of my data (restriction)', phrase: 'limit how we use your data' },
    portability: { label: 'Get my data to take elsewhere (portability)', phrase: 'get your data in a format you can take elsewhere' },
  },
};

const DATE_LOCALE: Record<Language, string> = { nb: 'nb-NO', en: 'en-GB' };

/** A calendar day (YYYY-MM-DD) in words: "4. april 2026" / "4 April 2026". */
export function dayInWords(isoDate: string, language: Language): string {
  const [year, month, day] = isoDate.slice(0, 10).split('-').map(Number);
  return LONG_DATE[language].format(new Date(Date.UTC(year, month - 1, day)));
}

/** Built once: an Intl formatter costs about a millisecond to make, and every letter and e-mail
 *  states dates (it showed in the intake benchmark's profile). */
const LONG_DATE: Record<Language, Intl.DateTimeFormat> = {
  nb: new Intl.DateTimeFormat(DATE_LOCALE.nb, { dateStyle: 'long', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat(DATE_LOCALE.en, { dateStyle: 'long', timeZone: 'UTC' }),
};

/** Request types by their short names, as staff e-mails name a case ("Sak DSR-… (innsyn)"). */
export const REQUEST_TYPE_NAMES: Record<Language, Record<RequestType, string>> = {
  nb: { access: 'innsyn', rectification: 'retting', erasure: 'sletting', objection: 'protest', restriction: 'begrensning', portability: 'dataportabilitet' },
  en: { access: 'access', rectification: 'rectification', erasure: 'erasure', objection: 'objection', restriction: 'restriction', portability: 'portability' },
};
