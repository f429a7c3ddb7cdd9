import type { Language, RejectionCode } from '../../common/case-types';

const FIELD_WORDS: Record<Language, Record<string, string>> = {
  nb: { name: 'navn', email: 'e-postadresse', phone: 'telefonnummer', mobile: 'mobilnummer', address: 'adresse', customerNumber: 'kundenummer' },
  en: { name: 'name', email: 'e-mail address', phone: 'phone number', mobile: 'mobile number', address: 'address', customerNumber: 'customer number' },
};

export const fieldWord = (field: string, language: Language) => FIELD_WORDS[language][field] ?? field;

const REJECTION_WORDS: Record<Language, Record<RejectionCode, string>> = {
  nb: {
    identity_not_confirmed: 'Vi kunne ikke bekrefte at forespørselen kom fra deg (personvernforordningen art. 12(6)).',
    manifestly_unfounded: 'Vi mener forespørselen er åpenbart grunnløs (art. 12(5)).',
    excessive: 'Vi mener forespørselen er overdreven, blant annet fordi den gjentar tidligere forespørsler (art. 12(5)).',
    exception_applies: 'Et unntak i loven gjelder for opplysningene du ba om.',
    not_a_data_subject_request: 'Henvendelsen gjelder ikke rettighetene dine etter personvernforordningen.',
    unverified: 'E-postadressen ble ikke bekreftet i tide.',
    authority_not_accepted:
      'Du ba om opplysninger om en annen person, og vi kunne ikke godta dokumentasjonen på at du har fullmakt til det (personvernforordningen art. 12(6)). Personen selv kan be om innsyn, eller du kan sende en ny forespørsel med gyldig fullmakt.',
  },
  en: {
    identity_not_confirmed: 'We could not confirm that the request came from you (GDPR Art 12(6)).',
    manifestly_unfounded: 'We consider the request manifestly unfounded (Art 12(5)).',
    excessive: 'We consider the request excessive, among other things because it repeats earlier requests (Art 12(5)).',
    exception_applies: 'A legal exception applies to the data you asked for.',
    not_a_data_subject_request: 'The enquiry does not concern your rights under the GDPR.',
    unverified: 'The e-mail address was not confirmed in time.',
    authority_not_accepted:
      'You asked on behalf of another person, and we could not accept the document showing your authority to do so (GDPR Art 12(6)). The person can ask us themselves, or you can send a new request with a valid authority.',
  },
};

export const rejectionWords = (code: RejectionCode, language: Language) => REJECTION_WORDS[language][code];

/** Objection: from which day the processing stopped, in which systems (one entry per day). */
export interface Stop {
  from: string;
  channels: string;
}

/** The fixed sentences of the letters, per language. Variables are filled by the composer. */
export const LETTER_COPY = {
  nb: {
    greeting: 'Hei,',
    closing: (controller: string) => `Vennlig hilsen\n${controller}`,
    questions: (email: string) => `Har du spørsmål, svar på denne e-posten eller skriv til ${email}.`,
    subject: {
      access: (ref: string) => `Svar på innsynsforespørselen din (${ref})`,
      portability: (ref: string) => `Dine data i maskinlesbart format (${ref})`,
      rectification: (ref: string) => `Opplysningene dine er rettet (${ref})`,
      erasure: (ref: string) => `Opplysningene dine er slettet (${ref})`,
      'erasure-partial': (ref: string) => `Opplysningene dine er slettet, med unntak (${ref})`,
      objection: (ref: string) => `Vi har stanset behandlingen du protesterte mot (${ref})`,
      'objection-refused': (ref: string) => `Svar på protesten din (${ref})`,
      restriction: (ref: string) => `Behandlingen er begrenset (${ref})`,
      forwarded: (ref: string) => `Forespørselen din er sendt videre (${ref})`,
      refusal: (ref: string) => `Svar på forespørselen din (${ref})`,
    },
    intro: (ref: string, received: string) => `Vi viser til forespørselen din ${ref}, mottatt ${received}.`,
    access: {
      holds:
        'Vi behandler opplysninger om deg. Svaret ligger i en pakke med en lesbar oversikt (HTML og PDF) og en maskinlesbar kopi (JSON og CSV). For hver behandling står formål, kategorier av opplysninger, mottakere, lagringstid, kilde, automatiserte avgjørelser og overføringer utenfor EØS.',
      none: 'Vi har ingen opplysninger om deg. Vi har søkt i alle systemene våre som inneholder personopplysninger.',
      download: (url: string, until: string) =>
        `Last ned svaret fra statussiden: ${url}\nFor å laste ned ber du om en engangskode, som vi sender til denne e-postadressen. Pakken kan lastes ned til og med ${until}; deretter slettes den. Vi sender aldri opplysningene som vedlegg.`,
      systemsHeading: 'Systemene vi har søkt i',
      enclosed: 'Svaret følger med dette brevet: en lesbar oversikt og en maskinlesbar kopi (JSON og CSV).',
    },
    portability: {
      lead: 'Her er opplysningene du selv har gitt oss, og som vi behandler etter samtykke eller avtale, i et strukturert, maskinlesbart format (JSON og CSV).',
    },
    rectification: {
      lead: 'Vi har rettet opplysningene dine:',
      change: (field: string, old: string, value: string) => `${field}: ${old} → ${value}`,
      changeIn: (field: string, systems: string, old: string, value: string) => `${field} i ${systems}: ${old} → ${value}`,
      // No system told us what it held (a person corrected it by hand): no old value to show.
      changeUnknown: (field: string, value: string) => `${field}: den tidligere verdien er rettet til ${value}`,
      empty: '(tomt)',
      systems: 'Rettet i:',
      invoicesNoted: (systems: string) =>
        `Fakturaer som allerede er utstedt i ${systems}, er regnskapsdokumentasjon (bokføringsloven) og er ikke endret. Vi har skrevet en datert merknad om rettingen på kundeopplysningene i ${systems}, og rettingen er registrert i saken.`,
      invoicesCase: (systems: string) =>
        `Fakturaer som allerede er utstedt i ${systems}, er regnskapsdokumentasjon (bokføringsloven) og er ikke endret; rettingen er registrert i saksmappen vår.`,
    },
    erasure: {
      full: 'Vi har slettet opplysningene om deg:',
      partial:
        'Vi har slettet det vi kan. Noe må vi etter loven ta vare på en stund til; det er begrenset til regnskap, revisjon og skattekontroll og slettes når fristen er ute:',
      kept: (records: string, system: string, basis: string, until: string) =>
        `Beholdt i ${system}: ${records}. Grunnlag: ${basis}${/17\s*\(3\)/.test(basis) ? '' : '; personvernforordningen art. 6(1)(c) og 17(3)(b)'}. Slettes etter ${until}.`,
      erasedHeading: 'Slettet:',
      refusalNote:
        'At vi beholder disse opplysningene, er et delvis avslag på slettingen. Du kan klage på det til Datatilsynet eller gå til domstolene, se under.',
    },
    objection: {
      marketing: (stops: Stop[]) =>
        `Vi har stanset all direkte markedsføring til deg ${stops.length === 1 ? `fra ${stops[0].from}, i alle kanaler: ${stops[0].channels}` : `i alle kanaler: ${stops.map((stop) => `${stop.channels} fra ${stop.from}`).join('; ')}`}. Vi beholder bare en minimal oppføring om at du ikke skal ha markedsføring, slik at det ikke starter igjen.`,
      stopped: (stops: Stop[]) =>
        stops.length === 1
          ? `Vi har stanset behandlingen du protesterte mot fra ${stops[0].from}. Stanset i: ${stops[0].channels}.`
          : `Vi har stanset behandlingen du protesterte mot: ${stops.map((stop) => `i ${stop.channels} fra ${stop.from}`).join('; ')}.`,
      refused: (grounds: string) =>
        `Vi har vurdert protesten din. Vi fortsetter behandlingen fordi det foreligger tvingende berettigede grunner som går foran dine interesser (personvernforordningen art. 21(1)): ${grounds}`,
    },
    restriction: {
      lead: (stops: Array<{ from: string; channels: string }>) =>
        `Vi lagrer bare opplysningene om deg (${stops.map((stop) => `i ${stop.channels} fra ${stop.from}`).join('; ')}); vi bruker dem ikke til noe annet uten ditt samtykke eller for å fastsette, gjøre gjeldende eller forsvare rettskrav.`,
      lifting: 'Vi gir deg beskjed før begrensningen oppheves (art. 18(3)).',
    },
    forwarded: (controller: string, systems: string) =>
      `I ${systems} behandler vi opplysninger på vegne av ${controller}, som er behandlingsansvarlig. Vi har sendt forespørselen din dit; ${controller} svarer deg. Vi har ikke utlevert eller slettet noe uten deres instruks.`,
    refusal: {
      lead: 'Vi kan ikke imøtekomme forespørselen din.',
      reasons: 'Begrunnelse:',
      status: (url: string) => `Du kan se saken din på statussiden: ${url}`,
    },
    notifiedHeading: 'Disse mottakerne er varslet om endringen (art. 19):',
    notifiedOtherwise: 'Andre mottakere av opplysningene får beskjed om endringen på annen måte.',
    nothingFound: (systems: string) => `Ingen opplysninger om deg i: ${systems}.`,
  },
  en: {
    greeting: 'Hello,',
    closing: (controller: string) => `Kind regards\n${controller}`,
    questions: (email: string) => `If you have questions, reply to this e-mail or write to ${email}.`,
    subject: {
      access: (ref: string) => `The answer to your access request (${ref})`,
      portability: (ref: string) => `Your data in a machine-readable format (${ref})`,
      rectification: (ref: string) => `Your data has been corrected (${ref})`,
      erasure: (ref: string) => `Your data has been erased (${ref})`,
      'erasure-partial': (ref: string) => `Your data has been erased, with exceptions (${ref})`,
      objection: (ref: string) => `We have stopped the processing you objected to (${ref})`,
      'objection-refused': (ref: string) => `Our answer to your objection (${ref})`,
      restriction: (ref: string) => `Processing has been restricted (${ref})`,
      forwarded: (ref: string) => `Your request has been forwarded (${ref})`,
      refusal: (ref: string) => `Our answer to your request (${ref})`,
    },
    intro: (ref: string, received: string) => `This is about your request ${ref}, received on ${received}.`,
    access: {
      holds:
        'We process data about you. The answer is a package with a readable overview (HTML and PDF) and a machine-readable copy (JSON and CSV). For each processing it gives the purposes, categories of data, recipients, retention, source, automated decisions and transfers outside the EEA.',
      none: 'We hold no data about you. We searched every system of ours that holds personal data.',
      download: (url: string, until: string) =>
        `Download the answer from the status page: ${url}\nTo download, ask for a one-time code, which we send to this e-mail address. The package can be downloaded until ${until}; after that it is deleted. We never send your data as an attachment.`,
      systemsHeading: 'The systems we searched',
      enclosed: 'The answer comes with this letter: a readable overview and a machine-readable copy (JSON and CSV).',
    },
    portability: {
      lead: 'Here is the data you gave us and that we process under your consent or a contract, in a structured, machine-readable format (JSON and CSV).',
    },
    rectification: {
      lead: 'We have corrected your data:',
      change: (field: string, old: string, value: string) => `${field}: ${old} → ${value}`,
      changeIn: (field: string, systems: string, old: string, value: string) => `${field} in ${systems}: ${old} → ${value}`,
      // No system told us what it held (a person corrected it by hand): no old value to show.
      changeUnknown: (field: string, value: string) => `${field}: the previous value has been corrected to ${value}`,
      empty: '(empty)',
      systems: 'Corrected in:',
      invoicesNoted: (systems: string) =>
        `Invoices already issued in ${systems} are accounting records (Norwegian Bookkeeping Act) and were not changed. We have written a dated note of the correction on the customer record in ${systems}, and the correction is recorded in the case.`,
      invoicesCase: (systems: string) =>
        `Invoices already issued in ${systems} are accounting records (Norwegian Bookkeeping Act) and were not changed; the correction is recorded in our case file.`,
    },
    erasure: {
      full: 'We have erased the data about you:',
      partial:
        'We have erased what we can. Some records the law requires us to keep a while longer; their use is restricted to bookkeeping, audit and tax control, and they are erased when the period ends:',
      kept: (records: string, system: string, basis: string, until: string) =>
        `Kept in ${system}: ${records}. Basis: ${basis}${/17\s*\(3\)/.test(basis) ? '' : '; GDPR Art 6(1)(c) and 17(3)(b)'}. Erased after ${until}.`,
      erasedHeading: 'Erased:',
      refusalNote: 'Keeping these records is a partial refusal of the erasure. You may complain about it to Datatilsynet or go to court, see below.',
    },
    objection: {
      marketing: (stops: Stop[]) =>
        `We have stopped all direct marketing to you ${stops.length === 1 ? `from ${stops[0].from}, on every channel: ${stops[0].channels}` : `on every channel: ${stops.map((stop) => `${stop.channels} from ${stop.from}`).join('; ')}`}. We keep only a minimal entry saying you must not receive marketing, so that it does not start again.`,
      stopped: (stops: Stop[]) =>
        stops.length === 1
          ? `We have stopped the processing you objected to from ${stops[0].from}. Stopped in: ${stops[0].channels}.`
          : `We have stopped the processing you objected to: ${stops.map((stop) => `in ${stop.channels} from ${stop.from}`).join('; ')}.`,
      refused: (grounds: string) =>
        `We have considered your objection. We continue the processing because there are compelling legitimate grounds that override your interests (GDPR Art 21(1)): ${grounds}`,
    },
    restriction: {
      lead: (stops: Array<{ from: string; channels: string }>) =>
        `We only store the data about you (${stops.map((stop) => `in ${stop.channels} from ${stop.from}`).join('; ')}); we do not use it for anything else without your consent or to establish, exercise or defend legal claims.`,
      lifting: 'We will tell you before the restriction is lifted (Art 18(3)).',
    },
    forwarded: (controller: string, systems: string) =>
      `In ${systems} we process data on behalf of ${controller}, who is the controller. We have forwarded your request to them; ${controller} will answer you. We have disclosed or deleted nothing without their instruction.`,
    refusal: {
      lead: 'We cannot grant your request.',
      reasons: 'Reasons:',
      status: (url: string) => `You can see your request on its status page: ${url}`,
    },
    notifiedHeading: 'These recipients have been told of the change (Art 19):',
    notifiedOtherwise: 'Other recipients of the data will be told of the change by other means.',
    nothingFound: (systems: string) => `No data about you in: ${systems}.`,
  },
} as const;
