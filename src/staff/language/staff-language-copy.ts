import { LANGUAGES, type Language } from '../../common/case-types';

/** The words of the per-user language setting (account page, users page), nb and en. */
const nb = {
  heading: 'Språk',
  lead: 'Sidene åpner på dette språket når du logger inn, og e-post til deg (fristvarsler, oppgaver, oversikter, varsler om kontoen) skrives på det.',
  label: 'Språket ditt',
  userLabel: 'Språk',
  save: 'Lagre språk',
  saved: 'Språket er lagret.',
  choose: 'Velg norsk eller engelsk.',
  names: { nb: 'Norsk (bokmål)', en: 'Engelsk' } as Record<Language, string>,
};

type StaffLanguageCopy = typeof nb;

const en: StaffLanguageCopy = {
  heading: 'Language',
  lead: 'Pages open in this language when you sign in, and e-mails to you (deadline alerts, tasks, digests, account notices) are written in it.',
  label: 'Your language',
  userLabel: 'Language',
  save: 'Save language',
  saved: 'Your language is saved.',
  choose: 'Choose Norwegian or English.',
  names: { nb: 'Norwegian (bokmål)', en: 'English' },
};

export const STAFF_LANGUAGE_COPY: Record<Language, StaffLanguageCopy> = { nb, en };

/** The choices of a language `<select>`, each named in the reader's language. */
export function languageOptions(reader: Language, selected: Language): Array<{ value: Language; label: string; selected: boolean }> {
  return LANGUAGES.map((value) => ({ value, label: STAFF_LANGUAGE_COPY[reader].names[value], selected: value === selected }));
}
