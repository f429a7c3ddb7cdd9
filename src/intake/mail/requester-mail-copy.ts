import type { Language } from '../../common/case-types';

/** Every message the requester journey sends; the kind is also the outbox kind. */
export const REQUESTER_MAIL_KINDS = [
  'requester-verification',
  'requester-receipt',
  'requester-verification-reminder',
  'requester-unverified-closure',
  'requester-extension',
  'requester-information-request',
  'handler-new-case',
] as const;
export type RequesterMailKind = (typeof REQUESTER_MAIL_KINDS)[number];

/**
 * One message's words. Strings are Handlebars templates over the prepared variables
 * (`referenceText`, `typePhrase`, `deadlineText`, …); text and HTML are both built from them.
 */
export interface MailCopy {
  subject: string;
  paragraphs: string[];
  action?: { label: string; url: 'verifyUrl' | 'statusUrl' | 'caseUrl' | 'formUrl' };
  after?: string[];
  /** Staff notices carry no requester footer. */
  audience: 'requester' | 'staff';
}

export const FOOTER: Record<Language, { status: string; contact: string; free: string; privacy: string }> = {
  nb: {
    status: 'Se hvor saken din står: {{statusUrl}}',
    contact: 'Spørsmål? Kontakt {{controllerName}} på {{controllerEmail}} og oppgi referansen {{reference}}.',
    free: 'Det koster ingenting å bruke rettighetene dine.',
    privacy: 'Personvernerklæringen vår: {{privacyPolicyUrl}}',
  },
  en: {
    status: 'See where your request stands: {{statusUrl}}',
    contact: 'Questions? Contact {{controllerName}} at {{controllerEmail}} and quote the reference {{reference}}.',
    free: 'Using your rights costs nothing.',
    privacy: 'Our privacy statement: {{privacyPolicyUrl}}',
  },
};

export const MAIL_COPY: Record<RequesterMailKind, Record<Language, MailCopy>> = {
  'requester-verification': {
    nb: {
      audience: 'requester',
      subject: 'Bekreft forespørselen din ({{reference}})',
      paragraphs: [
        'Vi har mottatt forespørselen din om å {{typePhrase}}. Referansen er {{reference}}.',
        'For å være sikre på at forespørselen kommer fra deg, ber vi deg bekrefte e-postadressen din. Lenken virker én gang og gjelder til {{verifyByText}}.',
      ],
      action: { label: 'Bekreft forespørselen', url: 'verifyUrl' },
      after: [
        'Fristen vår regnes fra dagen vi mottok forespørselen. Du får svar senest {{deadlineText}}.',
        'Var det ikke du som sendte forespørselen? Da kan du se bort fra denne e-posten. Saken lukkes av seg selv hvis den ikke blir bekreftet.',
      ],
    },
    en: {
      audience: 'requester',
      subject: 'Confirm your request ({{reference}})',
      paragraphs: [
        'We have received your request to {{typePhrase}}. The reference is {{reference}}.',
        'To be sure the request comes from you, please confirm your e-mail address. The link works once and is valid until {{verifyByText}}.',
      ],
      action: { label: 'Confirm the request', url: 'verifyUrl' },
      after: [
        'Our deadline counts from the day we received the request. You will have our answer by {{deadlineText}} at the latest.',
        'Did you not send this request? Then you can ignore this e-mail. The request closes by itself if it is not confirmed.',
      ],
    },
  },
  'requester-receipt': {
    nb: {
      audience: 'requester',
      subject: 'Vi har mottatt forespørselen din ({{reference}})',
      paragraphs: [
        'Takk. Forespørselen din om å {{typePhrase}} er registrert med referansen {{reference}}. Vi mottok den {{receivedText}}.',
        'Dette skjer nå: vi går gjennom systemene der vi kan ha opplysninger om deg, og en saksbehandler kontrollerer svaret før det sendes. Trenger vi mer informasjon fra deg, sier vi fra.',
        'Du får svar senest {{deadlineText}}.',
      ],
      action: { label: 'Se status for saken', url: 'statusUrl' },
    },
    en: {
      audience: 'requester',
      subject: 'We have received your request ({{reference}})',
      paragraphs: [
        'Thank you. Your request to {{typePhrase}} is registered with the reference {{reference}}. We received it on {{receivedText}}.',
        'What happens next: we go through the systems where we may hold data about you, and a case handler checks the answer before it is sent. If we need more information from you, we will tell you.',
        'You will have our answer by {{deadlineText}} at the latest.',
      ],
      action: { label: 'See the status of your request', url: 'statusUrl' },
    },
  },
  'requester-verification-reminder': {
    nb: {
      audience: 'requester',
      subject: 'Påminnelse: bekreft forespørselen din ({{reference}})',
      paragraphs: [
        'Vi har ennå ikke fått bekreftet forespørselen din om å {{typePhrase}} (referanse {{reference}}).',
        'Bekreft e-postadressen din innen {{verifyByText}}. Etter det lukkes forespørselen, og du må eventuelt sende en ny.',
      ],
      action: { label: 'Bekreft forespørselen', url: 'verifyUrl' },
      after: ['Var det ikke du som sendte forespørselen? Da kan du se bort fra denne e-posten.'],
    },
    en: {
      audience: 'requester',
      subject: 'Reminder: confirm your request ({{reference}})',
      paragraphs: [
        'Your request to {{typePhrase}} (reference {{reference}}) has not been confirmed yet.',
        'Please confirm your e-mail address by {{verifyByText}}. After that the request is closed, and you would need to send a new one.',
      ],
      action: { label: 'Confirm the request', url: 'verifyUrl' },
      after: ['Did you not send this request? Then you can ignore this e-mail.'],
    },
  },
  'requester-unverified-closure': {
    nb: {
      audience: 'requester',
      subject: 'Forespørselen din er lukket ({{reference}})',
      paragraphs: [
        'Forespørselen din om å {{typePhrase}} (referanse {{reference}}) ble ikke bekreftet innen {{verifyByText}}, så vi har lukket den uten å behandle den.',
        'Du kan sende en ny forespørsel når som helst.',
      ],
      action: { label: 'Send en ny forespørsel', url: 'formUrl' },
    },
    en: {
      audience: 'requester',
      subject: 'Your request has been closed ({{reference}})',
      paragraphs: [
        'Your request to {{typePhrase}} (reference {{reference}}) was not confirmed by {{verifyByText}}, so we have closed it without handling it.',
        'You can send a new request at any time.',
      ],
      action: { label: 'Send a new request', url: 'formUrl' },
    },
  },
  'requester-extension': {
    nb: {
      audience: 'requester',
      subject: 'Vi trenger mer tid til forespørselen din ({{reference}})',
      paragraphs: [
        'Vi trenger mer tid for å svare på forespørselen din om å {{typePhrase}} (referanse {{reference}}).',
        'Grunnen er: {{extensionReason}}',
        'Ny frist er {{extendedText}}. Personvernforordningen artikkel 12 nr. 3 tillater en slik forlengelse når en forespørsel er sammensatt eller vi har mange forespørsler.',
        'Er du uenig, kan du klage til Datatilsynet (datatilsynet.no).',
      ],
      action: { label: 'Se status for saken', url: 'statusUrl' },
    },
    en: {
      audience: 'requester',
      subject: 'We need more time for your request ({{reference}})',
      paragraphs: [
        'We need more time to answer your request to {{typePhrase}} (reference {{reference}}).',
        'The reason is: {{extensionReason}}',
        'The new deadline is {{extendedText}}. Article 12(3) of the GDPR allows this extension when a request is complex or we receive many requests.',
        'If you disagree, you can complain to the Norwegian Data Protection Authority, Datatilsynet (datatilsynet.no).',
      ],
      action: { label: 'See the status of your request', url: 'statusUrl' },
    },
  },
  'requester-information-request': {
    nb: {
      audience: 'requester',
      subject: 'Vi trenger mer informasjon ({{reference}})',
      paragraphs: [
        'For å behandle forespørselen din om å {{typePhrase}} (referanse {{reference}}, mottatt {{receivedText}}) trenger vi mer informasjon fra deg:',
        '{{pauseReason}}',
        'Svar på denne e-posten eller skriv til {{controllerEmail}}, og oppgi referansen {{reference}}.{{#if clockPaused}} Fristen står stille til vi har fått svar fra deg.{{/if}}',
      ],
      action: { label: 'Se status for saken', url: 'statusUrl' },
    },
    en: {
      audience: 'requester',
      subject: 'We need more information ({{reference}})',
      paragraphs: [
        'To handle your request to {{typePhrase}} (reference {{reference}}, received on {{receivedText}}) we need more information from you:',
        '{{pauseReason}}',
        'Reply to this e-mail or write to {{controllerEmail}}, quoting the reference {{reference}}.{{#if clockPaused}} The deadline stands still until we hear from you.{{/if}}',
      ],
      action: { label: 'See the status of your request', url: 'statusUrl' },
    },
  },
  'handler-new-case': {
    nb: {
      audience: 'staff',
      subject: '[{{reference}}] Ny bekreftet forespørsel: {{typeLabel}}, frist {{deadline}}',
      paragraphs: [
        'En ny forespørsel er bekreftet av avsenderen og venter i køen.',
        'Sak: {{reference}}. Type: {{typeLabel}}. Mottatt: {{receivedText}}. Frist: {{deadlineText}}.',
      ],
      action: { label: 'Åpne saken', url: 'caseUrl' },
    },
    en: {
      audience: 'staff',
      subject: '[{{reference}}] New confirmed request: {{typeLabel}}, due {{deadline}}',
      paragraphs: [
        'A new request has been confirmed by its sender and is waiting in the queue.',
        'Case: {{reference}}. Type: {{typeLabel}}. Received: {{receivedText}}. Deadline: {{deadlineText}}.',
      ],
      action: { label: 'Open the case', url: 'caseUrl' },
    },
  },
};
