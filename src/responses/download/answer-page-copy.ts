import type { Language } from '../../common/case-types';

export interface AnswerPageCopy {
  readyTitle: string;
  readyLead: string;
  sendCode: string;
  codeTitle: string;
  codeLead: string;
  codeLabel: string;
  codeHint: string;
  download: string;
  newCode: string;
  invalidTitle: string;
  invalidLead: string;
  expiredTitle: string;
  expiredLead: string;
  lockedTitle: string;
  lockedLead: string;
  wrongTitle: string;
  wrongLead: string;
  codeExpiredTitle: string;
  codeExpiredLead: string;
  codeUsedTitle: string;
  codeUsedLead: string;
  noCodeTitle: string;
  noCodeLead: string;
  csrfTitle: string;
  csrfLead: string;
}

/** The download pages' words. `{{…}}` are filled from the page's data (escaped). */
export const ANSWER_PAGE_COPY: Record<Language, AnswerPageCopy> = {
  nb: {
    readyTitle: 'Last ned svaret ditt',
    readyLead:
      'Svaret på forespørselen {{reference}} er klart og kan lastes ned til og med {{lastDay}}. For å laste det ned trenger du en engangskode, som vi sender til e-postadressen du bekreftet.',
    sendCode: 'Send meg en kode',
    codeTitle: 'Skriv inn koden',
    codeLead: 'Vi har sendt en kode på åtte sifre til e-postadressen du bekreftet. Koden virker én gang, i {{minutes}} minutter.',
    codeLabel: 'Engangskode',
    codeHint: 'Åtte sifre, fra e-posten vi nettopp sendte.',
    download: 'Last ned',
    newCode: 'Send meg en ny kode',
    invalidTitle: 'Lenken virker ikke',
    invalidLead:
      'Denne lenken virker ikke lenger. Det kan skyldes en endring hos oss, eller at bare en del av lenken ble med. Bruk lenken på statussiden eller i den nyeste e-posten vi sendte deg.',
    expiredTitle: 'Svaret kan ikke lastes ned lenger',
    expiredLead: 'Nedlastingsperioden for {{reference}} er over, og pakken er slettet. Du kan be om innsyn på nytt.',
    lockedTitle: 'Nedlastingen er sperret',
    lockedLead:
      'Feil kode ble skrevet inn for mange ganger, så nedlastingen av {{reference}} er sperret. Vi har sendt deg en e-post om hva du kan gjøre. Ingenting er utlevert.',
    wrongTitle: 'Feil kode',
    wrongLead: 'Koden stemmer ikke. Du har {{attemptsLeft}} forsøk igjen før nedlastingen sperres.',
    codeExpiredTitle: 'Koden er utløpt',
    codeExpiredLead: 'Koden virker ikke lenger. Be om en ny kode.',
    codeUsedTitle: 'Koden er allerede brukt',
    codeUsedLead: 'Hver kode virker bare én gang. Be om en ny kode for å laste ned igjen.',
    noCodeTitle: 'Be om en kode først',
    noCodeLead: 'Du må be om en engangskode før du kan laste ned.',
    csrfTitle: 'Skjemaet var for gammelt',
    csrfLead: 'Av sikkerhetshensyn må du laste siden på nytt og prøve igjen.',
  },
  en: {
    readyTitle: 'Download your answer',
    readyLead:
      'The answer to your request {{reference}} is ready and can be downloaded until {{lastDay}}. To download it you need a one-time code, which we send to the e-mail address you confirmed.',
    sendCode: 'Send me a code',
    codeTitle: 'Enter the code',
    codeLead: 'We have sent an eight-digit code to the e-mail address you confirmed. The code works once, for {{minutes}} minutes.',
    codeLabel: 'One-time code',
    codeHint: 'Eight digits, from the e-mail we just sent.',
    download: 'Download',
    newCode: 'Send me a new code',
    invalidTitle: 'The link does not work',
    invalidLead:
      'This link no longer works. This can be due to a change on our side, or only part of the link came through. Use the link on the status page or in the most recent e-mail we sent you.',
    expiredTitle: 'The answer can no longer be downloaded',
    expiredLead: 'The download period for {{reference}} has ended and the package has been deleted. You may make a new access request.',
    lockedTitle: 'The download is locked',
    lockedLead: 'A wrong code was entered too many times, so the download of {{reference}} is locked. We have e-mailed you what to do. Nothing was disclosed.',
    wrongTitle: 'Wrong code',
    wrongLead: 'The code does not match. You have {{attemptsLeft}} attempt(s) left before the download is locked.',
    codeExpiredTitle: 'The code has expired',
    codeExpiredLead: 'The code no longer works. Ask for a new one.',
    codeUsedTitle: 'The code has already been used',
    codeUsedLead: 'Each code works only once. Ask for a new code to download again.',
    noCodeTitle: 'Ask for a code first',
    noCodeLead: 'You need to ask for a one-time code before you can download.',
    csrfTitle: 'The form was too old',
    csrfLead: 'For your security, reload the page and try again.',
  },
};
