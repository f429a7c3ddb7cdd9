import type { Language } from '../common/case-types';
import type { IdentifierKind } from '../identity/identity-types';

/** Every word of the proof pages, bokmål and English. `{{name}}` is filled, then escaped. */
export const PROOF_PAGE_COPY: Record<
  Language,
  {
    title: string;
    lead: string;
    nothingLead: string;
    kinds: Partial<Record<IdentifierKind, string>>;
    sendButton: string;
    codeHeading: string;
    codeLabel: string;
    codeHint: string;
    codeButton: string;
    sentTitle: string;
    sentLead: string;
    identifierLimitTitle: string;
    identifierLimitLead: string;
    caseLimitTitle: string;
    caseLimitLead: string;
    notProvableTitle: string;
    notProvableLead: string;
    alreadyTitle: string;
    alreadyLead: string;
    closedTitle: string;
    closedLead: string;
    provenTitle: string;
    provenLead: string;
    wrongTitle: string;
    wrongLead: string;
    expiredTitle: string;
    expiredLead: string;
    usedTitle: string;
    usedLead: string;
    malformed: string;
    csrfTitle: string;
    csrfLead: string;
    back: string;
  }
> = {
  nb: {
    title: 'Bekreft opplysninger du har gitt oss',
    lead: 'Vi bruker bare opplysninger du har bekreftet, så ingen andre kan få dine data. Du kan bekrefte et telefonnummer, kundenummer eller en e-postadresse du har oppgitt: vi sender da en engangskode til kontaktopplysningene vi allerede har registrert for det, aldri til noe som er skrevet i skjemaet.',
    nothingLead: 'Det er ingen opplysninger å bekrefte for denne henvendelsen nå.',
    kinds: { phone: 'telefonnummeret som slutter på {{hint}}', customer_number: 'kundenummeret som slutter på {{hint}}', email: 'e-postadressen {{hint}}' },
    sendButton: 'Bekreft {{what}}: send en kode',
    codeHeading: 'Har du fått en kode?',
    codeLabel: 'Engangskode',
    codeHint: 'Åtte sifre, fra e-posten eller tekstmeldingen vi sendte.',
    codeButton: 'Bekreft med koden',
    sentTitle: 'Se etter koden',
    sentLead: 'Hvis vi har kontaktopplysninger for dette, har vi sendt en kode til dem. Den er gyldig i 15 minutter.',
    identifierLimitTitle: 'Du har bedt om koder for mange ganger',
    identifierLimitLead:
      'Vi sender høyst tre koder for hver opplysning. Har du en kode som fortsatt virker, kan du skrive den inn nedenfor. Ellers kan du skrive til oss, så hjelper vi deg videre.',
    caseLimitTitle: 'Du har bedt om koder for mange ganger i dag',
    caseLimitLead: 'Vi sender høyst ti koder per henvendelse i døgnet. Prøv igjen i morgen, eller skriv inn en kode du allerede har fått.',
    notProvableTitle: 'Denne opplysningen kan ikke bekreftes her',
    notProvableLead: 'Velg en av opplysningene på siden for å bekrefte.',
    alreadyTitle: 'Allerede bekreftet',
    alreadyLead: 'Denne opplysningen er allerede bekreftet. Du trenger ikke gjøre noe mer.',
    closedTitle: 'Henvendelsen er avsluttet',
    closedLead: 'Denne henvendelsen er avsluttet, så det er ingenting å bekrefte. Du kan sende en ny forespørsel.',
    provenTitle: 'Takk, det er bekreftet',
    provenLead: 'Vi har registrert at {{what}} er ditt. Vi fortsetter med henvendelsen.',
    wrongTitle: 'Koden stemmer ikke',
    wrongLead: 'Sjekk koden og prøv igjen. Etter fem feil slutter en kode å virke, og du må be om en ny.',
    expiredTitle: 'Koden virker ikke lenger',
    expiredLead: 'Koden er for gammel eller har blitt skrevet feil for mange ganger. Be om en ny kode.',
    usedTitle: 'Koden er allerede brukt',
    usedLead: 'En kode virker bare én gang. Be om en ny kode om du trenger det.',
    malformed: 'Skriv inn koden med åtte sifre.',
    csrfTitle: 'Skjemaet var utløpt',
    csrfLead: 'Av sikkerhetshensyn må siden lastes på nytt. Prøv igjen.',
    back: 'Tilbake til statussiden',
  },
  en: {
    title: 'Confirm details you gave us',
    lead: 'We only act on details you have confirmed, so nobody else can get your data. You can confirm a phone number, customer number or e-mail address you gave: we then send a one-time code to the contact details we already hold for it, never to anything typed in the form.',
    nothingLead: 'There are no details to confirm for this request at the moment.',
    kinds: { phone: 'the phone number ending in {{hint}}', customer_number: 'the customer number ending in {{hint}}', email: 'the e-mail address {{hint}}' },
    sendButton: 'Confirm {{what}}: send a code',
    codeHeading: 'Have you received a code?',
    codeLabel: 'One-time code',
    codeHint: 'Eight digits, from the e-mail or text message we sent.',
    codeButton: 'Confirm with the code',
    sentTitle: 'Look for the code',
    sentLead: 'If we hold contact details for this, we have sent a code to them. It is valid for 15 minutes.',
    identifierLimitTitle: 'You have asked for too many codes',
    identifierLimitLead:
      'We send at most three codes for each detail. If you have a code that still works, enter it below. Otherwise write to us and we will help you.',
    caseLimitTitle: 'You have asked for too many codes today',
    caseLimitLead: 'We send at most ten codes per request a day. Try again tomorrow, or enter a code you already have.',
    notProvableTitle: 'This detail cannot be confirmed here',
    notProvableLead: 'Choose one of the details on the page to confirm.',
    alreadyTitle: 'Already confirmed',
    alreadyLead: 'This detail is already confirmed. There is nothing more to do.',
    closedTitle: 'The request is closed',
    closedLead: 'This request is closed, so there is nothing to confirm. You can send a new request.',
    provenTitle: 'Thank you, it is confirmed',
    provenLead: 'We have recorded that {{what}} is yours. We will go on with your request.',
    wrongTitle: 'The code is not right',
    wrongLead: 'Check the code and try again. After five wrong entries a code stops working and you need a new one.',
    expiredTitle: 'The code no longer works',
    expiredLead: 'The code is too old or was entered wrongly too many times. Ask for a new code.',
    usedTitle: 'The code has been used',
    usedLead: 'A code works only once. Ask for a new one if you need to.',
    malformed: 'Enter the eight-digit code.',
    csrfTitle: 'The form had expired',
    csrfLead: 'For your security the page must be loaded again. Please try again.',
    back: 'Back to the status page',
  },
};

/** What was proven, in words: "your phone number" when the hint is not at hand. */
export const PROVEN_WHAT: Record<Language, Partial<Record<IdentifierKind, string>>> = {
  nb: { phone: 'telefonnummeret', customer_number: 'kundenummeret', email: 'e-postadressen' },
  en: { phone: 'the phone number', customer_number: 'the customer number', email: 'the e-mail address' },
};
