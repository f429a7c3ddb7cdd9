import type { Language, ObjectionProcessing, RequestType } from '../../common/case-types';
import type { ProblemCode } from '../form-problems';

/** Form field names (the no-JavaScript form posts these; the JSON API nests the last ones in `details`). */
export const FORM_FIELDS = [
  'type',
  'rectificationField',
  'correctedValue',
  'objectionProcessing',
  'objectionGrounds',
  'name',
  'email',
  'phone',
  'customerNumber',
  'controller',
  'text',
] as const;
export type FormField = (typeof FORM_FIELDS)[number];

interface Choice {
  label: string;
  help: string;
}

/** Every word the public pages show, in bokmål and English. Strings may use Handlebars. */
export interface PageCopy {
  htmlLang: string;
  switchLabel: string;
  switchLang: string;
  skipLink: string;
  errorTitlePrefix: string;
  form: {
    title: string;
    intro: string;
    free: string;
    controllerHeading: string;
    controllerSends: string;
    contact: string;
    dpo: string;
    privacyPolicy: string;
    typeLegend: string;
    types: Record<RequestType, Choice>;
    rectificationLegend: string;
    rectificationHint: string;
    rectificationField: Choice;
    correctedValue: Choice;
    objectionLegend: string;
    objectionHint: string;
    processingLegend: string;
    processings: Record<ObjectionProcessing, Choice>;
    objectionGrounds: Choice;
    aboutYouLegend: string;
    aboutYouHint: string;
    name: Choice;
    email: Choice;
    phone: Choice;
    customerNumber: Choice;
    /** Shown when a processor system serves several companies (data map `controllers`). */
    controller: Choice & { none: string };
    text: Choice;
    honeypot: string;
    submit: string;
    nextHeading: string;
    nextSteps: string[];
    errorSummaryTitle: string;
    csrfProblem: string;
    /** The request could not be stored just now (database unreachable); the form keeps what was typed. */
    unavailable: string;
    optional: string;
  };
  problems: {
    specific: Partial<Record<`${FormField}.${ProblemCode}`, string>>;
    generic: Record<ProblemCode, string>;
  };
  sent: { title: string; lead: string; reference: string; link: string; spam: string; status: string };
  verify: {
    confirmTitle: string;
    confirmLead: string;
    confirmButton: string;
    verifiedTitle: string;
    verifiedLead: string;
    alreadyTitle: string;
    alreadyLead: string;
    expiredTitle: string;
    expiredLead: string;
    closedTitle: string;
    closedLead: string;
    invalidTitle: string;
    invalidLead: string;
    newRequest: string;
    seeStatus: string;
  };
  status: {
    title: string;
    invalidTitle: string;
    invalidLead: string;
    reference: string;
    type: string;
    received: string;
    deadline: string;
    currentStep: string;
    stepsHeading: string;
    steps: { received: string; confirmed: string; working: string; review: string; done: string };
    now: Record<
      | 'awaiting_verification'
      | 'paused'
      | 'awaiting_approval'
      | 'in_progress'
      | 'awaiting_review'
      | 'completed'
      | 'rejected'
      | 'unverified'
      | 'withdrawn'
      | 'merged',
      string
    >;
    extensionHeading: string;
    extension: string;
    extensionReason: string;
    answerHeading: string;
    answerReady: string;
    answerLink: string;
    answerExpires: string;
    answerPending: string;
    answerClosed: string;
    /** The offer to prove a claimed phone, customer number or e-mail (see src/proofs). */
    proveHeading: string;
    proveLead: string;
    proveLink: string;
    questions: string;
  };
  errors: {
    tooManyTitle: string;
    tooManyLead: string;
    tooLargeTitle: string;
    tooLargeLead: string;
    notFoundTitle: string;
    notFoundLead: string;
    brokenTitle: string;
    brokenLead: string;
    back: string;
  };
}

export const PAGE_COPY: Record<Language, PageCopy> = {
  nb: {
    htmlLang: 'nb',
    switchLabel: 'In English',
    switchLang: 'en',
    skipLink: 'Gå til hovedinnholdet',
    errorTitlePrefix: 'Feil: ',
    form: {
      title: 'Dine personopplysninger: se, rette, slette eller protestere',
      intro:
        'Her kan du bruke rettighetene dine etter personvernregelverket overfor {{controller.name}}. Du trenger ikke vite hvilke regler det gjelder – velg det som passer best, så hjelper vi deg videre.',
      free: 'Det er gratis. Vi svarer senest innen {{answerWithin}}.',
      controllerHeading: 'Hvem du spør',
      controllerSends: 'Forespørselen går til {{controller.name}}{{#if controller.orgNumber}} (org.nr. {{controller.orgNumber}}){{/if}}.',
      contact: 'Kontakt oss om personvern',
      dpo: 'Personvernombud',
      privacyPolicy: 'Les personvernerklæringen vår',
      typeLegend: 'Hva vil du be om?',
      types: {
        access: {
          label: 'Se opplysningene mine',
          help: 'Få vite hvilke opplysninger vi har om deg, hva vi bruker dem til og hvem vi deler dem med, og få en kopi.',
        },
        rectification: {
          label: 'Rette opplysninger om meg',
          help: 'Noe vi har registrert om deg er feil eller mangelfullt. Fortell oss hva som er feil og hva som er riktig.',
        },
        erasure: {
          label: 'Slette opplysningene mine',
          help: 'Vi sletter det vi ikke er pålagt å beholde, og forteller deg hva vi må beholde, hvorfor og hvor lenge.',
        },
        objection: {
          label: 'Protestere mot bruken av opplysningene mine',
          help: 'Si nei til markedsføring, eller protester mot annen bruk vi begrunner med «berettiget interesse».',
        },
        restriction: { label: 'Begrense bruken', help: 'Vi tar vare på opplysningene, men bruker dem ikke mens noe avklares, for eksempel om de er riktige.' },
        portability: {
          label: 'Få med meg opplysningene',
          help: 'Få opplysningene du har gitt oss i et maskinlesbart format (JSON eller CSV), så du kan ta dem med til en annen tjeneste.',
        },
      },
      rectificationLegend: 'Bare hvis du vil rette opplysninger',
      rectificationHint: 'Fyll ut begge feltene.',
      rectificationField: { label: 'Hva er feil?', help: 'For eksempel «adressen min» eller «etternavnet er stavet feil».' },
      correctedValue: { label: 'Hva er riktig?', help: 'Skriv det slik det skal stå.' },
      objectionLegend: 'Bare hvis du vil protestere',
      objectionHint: 'Velg hva du protesterer mot.',
      processingLegend: 'Hva protesterer du mot?',
      processings: {
        direct_marketing: {
          label: 'Markedsføring (nyhetsbrev, tilbud, reklame)',
          help: 'Vi stopper markedsføringen i alle kanaler. Du trenger ikke begrunne det.',
        },
        legitimate_interest: {
          label: 'Annen bruk vi begrunner med berettiget interesse',
          help: 'Vi stopper bruken med mindre vi har tungtveiende grunner som går foran, og da forklarer vi dem.',
        },
      },
      objectionGrounds: {
        label: 'Hvorfor protesterer du? (valgfritt)',
        help: 'Fortell gjerne hva i din situasjon som gjør at du ikke vil at vi bruker opplysningene slik.',
      },
      aboutYouLegend: 'Om deg',
      aboutYouHint: 'Vi bruker dette bare til å finne opplysningene om deg og svare deg.',
      name: { label: 'Navn (valgfritt)', help: 'Hjelper oss å finne opplysningene om deg.' },
      email: { label: 'E-postadresse', help: 'Vi sender en lenke hit for å bekrefte at det er deg. Svaret kommer også hit.' },
      phone: { label: 'Telefonnummer (valgfritt)', help: 'Hvis vi kan ha opplysninger om deg knyttet til et telefonnummer.' },
      customerNumber: { label: 'Kundenummer (valgfritt)', help: 'Står på fakturaer og ordrebekreftelser.' },
      controller: {
        label: 'Hvilken nettbutikk eller virksomhet gjelder det? (valgfritt)',
        help: 'Vi behandler noen opplysninger på vegne av andre. Velger du virksomheten, sender vi forespørselen dit med en gang; den avgjør den.',
        none: 'Vet ikke / ikke aktuelt',
      },
      text: { label: 'Noe mer du vil fortelle oss? (valgfritt)', help: 'For eksempel hvilke tjenester eller hvilken periode det gjelder.' },
      honeypot: 'Ikke fyll ut dette feltet',
      submit: 'Send forespørselen',
      nextHeading: 'Hva skjer etterpå?',
      nextSteps: [
        'Du får en e-post med en lenke. Åpne den for å bekrefte at forespørselen kommer fra deg.',
        'Vi går gjennom systemene der vi kan ha opplysninger om deg.',
        'Du får svar på e-post, og kan følge saken på en egen statusside.',
      ],
      errorSummaryTitle: 'Det er noe som må rettes',
      csrfProblem: 'Skjemaet er utløpt eller ble sendt fra et annet sted. Se over opplysningene og send på nytt.',
      unavailable:
        'Vi kunne ikke ta imot forespørselen akkurat nå, på grunn av en feil hos oss. Opplysningene dine står under: send skjemaet på nytt om noen minutter.',
      optional: 'valgfritt',
    },
    problems: {
      specific: {
        'type.required': 'Velg hva du vil be om',
        'type.unknown_type': 'Velg en av forespørslene i listen',
        'email.required': 'Skriv e-postadressen din',
        'email.invalid_email': 'Skriv en gyldig e-postadresse, for eksempel navn@eksempel.no',
        'rectificationField.required': 'Skriv hvilke opplysninger som er feil',
        'correctedValue.required': 'Skriv hva som er riktig',
        'objectionProcessing.required': 'Velg hva du protesterer mot',
        'objectionProcessing.unknown_processing': 'Velg hva du protesterer mot',
        'phone.invalid_phone': 'Skriv telefonnummeret med bare tall, mellomrom, +, - og parenteser',
      },
      generic: {
        required: '{{label}}: fyll ut feltet',
        not_text: '{{label}}: feltet har en ugyldig verdi',
        too_long: '{{label}}: teksten er for lang, høyst {{max}} tegn',
        bad_characters: '{{label}}: teksten inneholder tegn som ikke er tillatt',
        invalid_email: '{{label}}: skriv en gyldig e-postadresse',
        invalid_phone: '{{label}}: skriv et gyldig telefonnummer',
        not_field_list: '{{label}}: skriv feltene som en liste med feltnavn, for eksempel telefon',
        unknown_type: '{{label}}: velg en av forespørslene i listen',
        unknown_processing: '{{label}}: velg et av alternativene',
        unknown_controller: '{{label}}: velg en av virksomhetene i listen',
        unknown_language: '{{label}}: ukjent språk',
        unknown_field: '{{label}}: ukjent felt',
        not_object: '{{label}}: ugyldig verdi',
        not_json_object: '{{label}}: ugyldig verdi',
        unknown_relationship: '{{label}}: velg et av alternativene',
        not_boolean: '{{label}}: ugyldig verdi',
        document_required: '{{label}}: legg ved fullmakten eller dokumentasjonen (PDF, JPEG eller PNG, høyst 10 MB)',
        document_type: '{{label}}: filen må være en PDF, JPEG eller PNG',
        document_too_large: '{{label}}: filen er for stor, høyst 10 MB',
        document_not_expected: '{{label}}: legg bare ved en fil når du spør på vegne av en annen',
        invalid_date: '{{label}}: skriv en dato som ÅÅÅÅ-MM-DD',
        dates_out_of_order: '{{label}}: sluttdatoen kan ikke være før startdatoen',
        not_date_list: '{{label}}: skriv en liste med datoer (ÅÅÅÅ-MM-DD)',
        too_many_dates: '{{label}}: høyst {{max}} datoer',
      },
    },
    sent: {
      title: 'Sjekk e-posten din',
      lead: 'Vi har sendt en lenke til {{email}}. Åpne lenken for å bekrefte forespørselen. Den virker i {{days}} dager.',
      reference: 'Referansen din er {{reference}}.',
      link: 'Når du har bekreftet, går forespørselen videre til behandling, og du får en kvittering med svarfristen.',
      spam: 'Finner du ikke e-posten? Se i søppelpostmappen, eller send forespørselen på nytt.',
      status: 'Send en ny forespørsel',
    },
    verify: {
      confirmTitle: 'Bekreft forespørselen din',
      confirmLead: 'Trykk på knappen for å bekrefte at det var du som sendte forespørselen {{reference}} om å {{typePhrase}}.',
      confirmButton: 'Bekreft forespørselen',
      verifiedTitle: 'Takk, forespørselen er bekreftet',
      verifiedLead:
        'Forespørselen {{reference}} er bekreftet og går nå til behandling. Vi har sendt deg en kvittering på e-post. Du får svar senest {{deadline}}.',
      alreadyTitle: 'Forespørselen er allerede bekreftet',
      alreadyLead: 'Denne lenken er allerede brukt. Forespørselen {{reference}} er under behandling.',
      expiredTitle: 'Lenken er utløpt',
      expiredLead:
        'Denne lenken er utløpt: lenken for å bekrefte forespørselen {{reference}} virker bare en begrenset tid. Forespørsler som ikke blir bekreftet, lukkes uten behandling. Send en ny forespørsel med knappen under, så får du en ny lenke på e-post.',
      closedTitle: 'Forespørselen er lukket',
      closedLead: 'Forespørselen {{reference}} er lukket og kan ikke bekreftes lenger. Du kan sende en ny.',
      invalidTitle: 'Lenken virker ikke',
      invalidLead:
        'Denne lenken virker ikke lenger. Det kan skyldes en endring hos oss, eller at bare en del av lenken ble med. Åpne lenken i den nyeste e-posten fra oss; virker heller ikke den, send en ny forespørsel med knappen under.',
      newRequest: 'Send en ny forespørsel',
      seeStatus: 'Se status for forespørselen',
    },
    status: {
      title: 'Status for forespørselen din',
      invalidTitle: 'Lenken virker ikke',
      invalidLead:
        'Denne lenken til statussiden virker ikke lenger. Det kan skyldes en endring hos oss, eller at bare en del av lenken ble med. Åpne lenken i den nyeste e-posten fra oss, eller svar på den e-posten, så sender vi deg en ny lenke.',
      reference: 'Referanse',
      type: 'Hva du ba om',
      received: 'Mottatt',
      deadline: 'Svarfrist',
      currentStep: 'Dette skjer nå',
      stepsHeading: 'Steg',
      steps: { received: 'Mottatt', confirmed: 'E-post bekreftet', working: 'Under behandling', review: 'Svaret kontrolleres', done: 'Ferdig' },
      now: {
        awaiting_verification: 'Vi venter på at du bekrefter forespørselen med lenken vi sendte på e-post.',
        paused: 'Vi har bedt deg om mer informasjon på e-post. Fristen står stille til vi har fått svar.',
        awaiting_approval: 'En saksbehandler kontrollerer hva som skal gjøres i systemene våre. Ingenting blir endret før det er godkjent.',
        in_progress: 'Vi går gjennom systemene der vi kan ha opplysninger om deg.',
        awaiting_review: 'Svaret er klart og blir kontrollert av en saksbehandler før det sendes.',
        completed: 'Ferdig. Svaret er sendt til deg.',
        rejected: 'Forespørselen er avslått. Du har fått et brev med begrunnelsen og hvordan du kan klage.',
        unverified: 'Forespørselen ble lukket fordi den ikke ble bekreftet i tide. Du kan sende en ny.',
        withdrawn: 'Forespørselen er trukket tilbake.',
        merged: 'Du har sendt oss den samme forespørselen mer enn én gang. Vi behandler dem som én sak og sender deg ett svar, regnet fra den første.',
      },
      extensionHeading: 'Forlenget frist',
      extension: 'Fristen er forlenget til {{extended}}.',
      extensionReason: 'Begrunnelse: {{reason}}',
      answerHeading: 'Svaret ditt',
      answerReady: 'Svaret er klart.',
      answerLink: 'Last ned svaret',
      answerExpires: 'Lenken virker til {{expires}}.',
      answerPending: 'Når svaret er klart, finner du en nedlastingslenke her, og vi sender deg en e-post.',
      answerClosed: 'Det er ikke noe svar å laste ned for denne forespørselen.',
      proveHeading: 'Bekreft opplysninger du har gitt oss',
      proveLead:
        'Vi bruker bare opplysninger du har bekreftet. Du kan bekrefte telefonnummer, kundenummer eller e-postadresse du har oppgitt med en kode vi sender til kontaktopplysningene vi allerede har for dem.',
      proveLink: 'Bekreft med en kode',
      questions: 'Spørsmål? Kontakt {{controller.name}} på {{controller.email}} og oppgi referansen.',
    },
    errors: {
      tooManyTitle: 'For mange forsøk',
      tooManyLead: 'Vi har fått mange forespørsler fra deg på kort tid. Vent et minutt og prøv igjen.',
      notFoundTitle: 'Fant ikke siden',
      notFoundLead: 'Siden finnes ikke.',
      tooLargeTitle: 'Det du sendte var for stort',
      tooLargeLead: 'Forespørselen ble ikke lagret. Gå tilbake, gjør teksten kortere og send igjen.',
      brokenTitle: 'Noe gikk galt hos oss',
      brokenLead: 'Forespørselen din ble ikke lagret. Prøv igjen om litt.',
      back: 'Til skjemaet',
    },
  },
  en: {
    htmlLang: 'en',
    switchLabel: 'På norsk',
    switchLang: 'nb',
    skipLink: 'Skip to main content',
    errorTitlePrefix: 'Error: ',
    form: {
      title: 'Your personal data: see, correct, delete or object',
      intro:
        'Here you can use your data protection rights with {{controller.name}}. You do not need to know the rules – choose what fits best and we will take it from there.',
      free: 'It is free of charge. We answer within {{answerWithin}} at the latest.',
      controllerHeading: 'Who you are asking',
      controllerSends: 'Your request goes to {{controller.name}}{{#if controller.orgNumber}} (organisation number {{controller.orgNumber}}){{/if}}.',
      contact: 'Contact us about privacy',
      dpo: 'Data protection officer',
      privacyPolicy: 'Read our privacy statement',
      typeLegend: 'What do you want to ask for?',
      types: {
        access: { label: 'See my data', help: 'Find out what data we hold about you, what we use it for and who we share it with, and get a copy.' },
        rectification: { label: 'Correct my data', help: 'Something we hold about you is wrong or incomplete. Tell us what is wrong and what is right.' },
        erasure: { label: 'Delete my data', help: 'We delete what we are not required to keep, and tell you what we must keep, why and for how long.' },
        objection: { label: 'Object to how my data is used', help: 'Say no to marketing, or object to another use we base on "legitimate interest".' },
        restriction: {
          label: 'Limit the use of my data',
          help: 'We keep the data but do not use it while something is being settled, for example whether it is correct.',
        },
        portability: {
          label: 'Get my data to take elsewhere',
          help: 'Get the data you gave us in a machine-readable format (JSON or CSV), to take to another service.',
        },
      },
      rectificationLegend: 'Only if you want data corrected',
      rectificationHint: 'Fill in both fields.',
      rectificationField: { label: 'What is wrong?', help: 'For example "my address" or "my surname is misspelt".' },
      correctedValue: { label: 'What is right?', help: 'Write it the way it should be.' },
      objectionLegend: 'Only if you want to object',
      objectionHint: 'Choose what you object to.',
      processingLegend: 'What do you object to?',
      processings: {
        direct_marketing: {
          label: 'Marketing (newsletters, offers, advertising)',
          help: 'We stop marketing on every channel. You do not need to give a reason.',
        },
        legitimate_interest: {
          label: 'Another use we base on legitimate interest',
          help: 'We stop unless we have compelling grounds that override yours, and then we explain them.',
        },
      },
      objectionGrounds: { label: 'Why do you object? (optional)', help: 'Tell us what in your situation makes you not want us to use your data this way.' },
      aboutYouLegend: 'About you',
      aboutYouHint: 'We only use this to find your data and to answer you.',
      name: { label: 'Name (optional)', help: 'Helps us find the data about you.' },
      email: { label: 'E-mail address', help: 'We send a link here to confirm it is you. The answer comes here too.' },
      phone: { label: 'Phone number (optional)', help: 'If we may hold data about you linked to a phone number.' },
      customerNumber: { label: 'Customer number (optional)', help: 'Shown on invoices and order confirmations.' },
      controller: {
        label: 'Which web shop or company is it about? (optional)',
        help: 'We process some data on behalf of others. If you pick the company, we send your request there at once; it decides on it.',
        none: 'Do not know / not relevant',
      },
      text: { label: 'Anything else you want to tell us? (optional)', help: 'For example which services or which period it is about.' },
      honeypot: 'Do not fill in this field',
      submit: 'Send the request',
      nextHeading: 'What happens next?',
      nextSteps: [
        'You get an e-mail with a link. Open it to confirm the request comes from you.',
        'We go through the systems where we may hold data about you.',
        'You get the answer by e-mail, and can follow the request on its own status page.',
      ],
      errorSummaryTitle: 'There is a problem',
      csrfProblem: 'The form has expired or was sent from somewhere else. Check your details and send it again.',
      unavailable:
        'We could not take your request just now, because of a fault on our side. Your details are below: please send the form again in a few minutes.',
      optional: 'optional',
    },
    problems: {
      specific: {
        'type.required': 'Choose what you want to ask for',
        'type.unknown_type': 'Choose one of the requests in the list',
        'email.required': 'Enter your e-mail address',
        'email.invalid_email': 'Enter a valid e-mail address, like name@example.com',
        'rectificationField.required': 'Enter which data is wrong',
        'correctedValue.required': 'Enter what is right',
        'objectionProcessing.required': 'Choose what you object to',
        'objectionProcessing.unknown_processing': 'Choose what you object to',
        'phone.invalid_phone': 'Enter the phone number using only digits, spaces, +, - and parentheses',
      },
      generic: {
        required: '{{label}}: fill in this field',
        not_text: '{{label}}: the value is not valid',
        too_long: '{{label}}: the text is too long, at most {{max}} characters',
        bad_characters: '{{label}}: the text contains characters that are not allowed',
        invalid_email: '{{label}}: enter a valid e-mail address',
        invalid_phone: '{{label}}: enter a valid phone number',
        not_field_list: '{{label}}: list the fields by name, for example phone',
        unknown_type: '{{label}}: choose one of the requests in the list',
        unknown_processing: '{{label}}: choose one of the options',
        unknown_controller: '{{label}}: choose one of the companies in the list',
        unknown_language: '{{label}}: unknown language',
        unknown_field: '{{label}}: unknown field',
        not_object: '{{label}}: the value is not valid',
        not_json_object: '{{label}}: the value is not valid',
        unknown_relationship: '{{label}}: choose one of the options',
        not_boolean: '{{label}}: the value is not valid',
        document_required: '{{label}}: attach the power of attorney or other proof (PDF, JPEG or PNG, at most 10 MB)',
        document_type: '{{label}}: the file must be a PDF, JPEG or PNG',
        document_too_large: '{{label}}: the file is too large, at most 10 MB',
        document_not_expected: '{{label}}: attach a file only when you ask on behalf of someone else',
        invalid_date: '{{label}}: enter a date as YYYY-MM-DD',
        dates_out_of_order: '{{label}}: the end date cannot be before the start date',
        not_date_list: '{{label}}: enter a list of dates (YYYY-MM-DD)',
        too_many_dates: '{{label}}: at most {{max}} dates',
      },
    },
    sent: {
      title: 'Check your e-mail',
      lead: 'We have sent a link to {{email}}. Open it to confirm the request. It works for {{days}} days.',
      reference: 'Your reference is {{reference}}.',
      link: 'Once you have confirmed, the request goes on to be handled, and you get a receipt with the deadline.',
      spam: 'Cannot find the e-mail? Look in your spam folder, or send the request again.',
      status: 'Send a new request',
    },
    verify: {
      confirmTitle: 'Confirm your request',
      confirmLead: 'Press the button to confirm that you sent request {{reference}} to {{typePhrase}}.',
      confirmButton: 'Confirm the request',
      verifiedTitle: 'Thank you, the request is confirmed',
      verifiedLead:
        'Request {{reference}} is confirmed and is now being handled. We have sent you a receipt by e-mail. You will have our answer by {{deadline}} at the latest.',
      alreadyTitle: 'The request is already confirmed',
      alreadyLead: 'This link has already been used. Request {{reference}} is being handled.',
      expiredTitle: 'The link has expired',
      expiredLead:
        'This link has expired: the link to confirm request {{reference}} only works for a limited time. Requests that are not confirmed are closed without being handled. Send a new request with the button below and you will get a new link by e-mail.',
      closedTitle: 'The request is closed',
      closedLead: 'Request {{reference}} is closed and can no longer be confirmed. You can send a new one.',
      invalidTitle: 'The link does not work',
      invalidLead:
        'This link no longer works. This can be due to a change on our side, or only part of the link came through. Open the link in the most recent e-mail from us; if that does not work either, send a new request with the button below.',
      newRequest: 'Send a new request',
      seeStatus: 'See the status of the request',
    },
    status: {
      title: 'The status of your request',
      invalidTitle: 'The link does not work',
      invalidLead:
        'This link to the status page no longer works. This can be due to a change on our side, or only part of the link came through. Open the link in the most recent e-mail from us, or reply to that e-mail and we will send you a new link.',
      reference: 'Reference',
      type: 'What you asked for',
      received: 'Received',
      deadline: 'Deadline for our answer',
      currentStep: 'What is happening now',
      stepsHeading: 'Steps',
      steps: { received: 'Received', confirmed: 'E-mail confirmed', working: 'Being handled', review: 'Answer being checked', done: 'Done' },
      now: {
        awaiting_verification: 'We are waiting for you to confirm the request with the link we sent by e-mail.',
        paused: 'We have asked you for more information by e-mail. The deadline stands still until we hear from you.',
        awaiting_approval: 'A case handler is checking what will be done in our systems. Nothing is changed until that is approved.',
        in_progress: 'We are going through the systems where we may hold data about you.',
        awaiting_review: 'The answer is ready and is being checked by a case handler before it is sent.',
        completed: 'Done. The answer has been sent to you.',
        rejected: 'The request has been refused. You have received a letter with the reasons and how to complain.',
        unverified: 'The request was closed because it was not confirmed in time. You can send a new one.',
        withdrawn: 'The request has been withdrawn.',
        merged: 'You sent us the same request more than once. We handle them as one case and send you one answer, counted from the first.',
      },
      extensionHeading: 'Deadline extended',
      extension: 'The deadline has been extended to {{extended}}.',
      extensionReason: 'Reason: {{reason}}',
      answerHeading: 'Your answer',
      answerReady: 'The answer is ready.',
      answerLink: 'Download the answer',
      answerExpires: 'The link works until {{expires}}.',
      answerPending: 'When the answer is ready, you will find a download link here, and we will e-mail you.',
      answerClosed: 'There is no answer to download for this request.',
      proveHeading: 'Confirm details you gave us',
      proveLead:
        'We only act on details you have confirmed. You can confirm a phone number, customer number or e-mail address you gave with a code we send to the contact details we already hold for it.',
      proveLink: 'Confirm with a code',
      questions: 'Questions? Contact {{controller.name}} at {{controller.email}} and quote the reference.',
    },
    errors: {
      tooManyTitle: 'Too many attempts',
      tooManyLead: 'We have received many requests from you in a short time. Wait a minute and try again.',
      notFoundTitle: 'Page not found',
      notFoundLead: 'The page does not exist.',
      tooLargeTitle: 'What you sent was too large',
      tooLargeLead: 'Your request was not saved. Go back, make the text shorter and send it again.',
      brokenTitle: 'Something went wrong on our side',
      brokenLead: 'Your request was not saved. Please try again shortly.',
      back: 'To the form',
    },
  },
};
