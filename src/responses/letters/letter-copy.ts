import type { Language, RejectionCode } from '../../common/case-types';
export { fieldWord } from '../../common/dispositions/record-words';

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

/**
 * The fixed sentences of the letters, per language. Each sentence about records is written for
 * one kind of disposition (see disposition-blocks.ts) and only appears when such a disposition
 * exists; the variables are the dispositions' own words, counts and dates.
 */
export const LETTER_COPY = {
  nb: {
    greeting: 'Hei,',
    closing: (controller: string) => `Vennlig hilsen\n${controller}`,
    questions: (email: string) => `Har du spørsmål, svar på denne e-posten eller skriv til ${email}.`,
    // A letter that goes by post cannot be answered by replying to an e-mail.
    questionsByPost: (email: string) => `Har du spørsmål, skriv til ${email} eller til adressen øverst i brevet.`,
    subject: {
      access: (ref: string) => `Svar på innsynsforespørselen din (${ref})`,
      portability: (ref: string) => `Dine data i maskinlesbart format (${ref})`,
      rectification: (ref: string) => `Opplysningene dine er rettet (${ref})`,
      erasure: (ref: string) => `Opplysningene dine er slettet (${ref})`,
      'erasure-partial': (ref: string) => `Opplysningene dine er slettet, med unntak (${ref})`,
      objection: (ref: string) => `Protesten din: dette har vi stanset (${ref})`,
      'objection-refused': (ref: string) => `Svar på protesten din (${ref})`,
      restriction: (ref: string) => `Behandlingen er begrenset (${ref})`,
      forwarded: (ref: string) => `Forespørselen din er sendt videre (${ref})`,
      refusal: (ref: string) => `Svar på forespørselen din (${ref})`,
      'nothing-held': (ref: string) => `Vi fant ingen opplysninger om deg (${ref})`,
      answer: (ref: string) => `Dette har vi gjort med forespørselen din (${ref})`,
    },
    intro: (ref: string, received: string) => `Vi viser til forespørselen din ${ref}, mottatt ${received}.`,
    access: {
      holds:
        'Vi behandler opplysninger om deg. Svaret ligger i en pakke med en lesbar oversikt (HTML og PDF) og en maskinlesbar kopi (JSON og CSV). For hver behandling står formål, kategorier av opplysninger, mottakere, lagringstid, kilde, automatiserte avgjørelser og overføringer utenfor EØS.',
      none: 'Vi har ingen opplysninger om deg. Vi har søkt i alle systemene våre som inneholder personopplysninger.',
      download: (url: string, until: string) =>
        `Last ned svaret fra statussiden: ${url}\nFor å laste ned ber du om en engangskode, som vi sender til denne e-postadressen. Pakken kan lastes ned til og med ${until}; deretter slettes den. Vi sender aldri opplysningene som vedlegg.`,
      enclosed: 'Svaret følger med dette brevet: en lesbar oversikt og en maskinlesbar kopi (JSON og CSV).',
    },
    portability: {
      lead: 'Her er opplysningene du selv har gitt oss, og som vi behandler etter samtykke eller avtale, i et strukturert, maskinlesbart format (JSON og CSV).',
    },
    disclosed: {
      heading: 'Dette fant vi om deg:',
      inPackage: 'i svarpakken',
    },
    corrected: {
      heading: 'Vi har rettet opplysningene dine:',
      change: (field: string, systems: string, old: string, value: string) => `${field} i ${systems}: ${old} → ${value}`,
      empty: '(tomt)',
      unchanged: (field: string) => `Vi har ikke gjort noen endring i ${field}.`,
    },
    erased: { heading: 'Vi har slettet:' },
    anonymised: { heading: 'Vi har anonymisert, slik at det ikke lenger kan knyttes til deg:' },
    restricted: {
      heading: 'Vi har begrenset bruken av opplysningene dine:',
      item: (how: string, from: string) => `${how}, fra ${from}`,
      meaning:
        'Disse opplysningene lagrer vi bare; vi bruker dem ikke til noe annet uten ditt samtykke eller for å fastsette, gjøre gjeldende eller forsvare rettskrav.',
      lifting: 'Vi gir deg beskjed før begrensningen oppheves (art. 18(3)).',
    },
    suppressed: {
      heading: 'Vi har stanset direkte markedsføring til deg i disse kanalene:',
      item: (channels: string, from: string) => `${channels}, fra ${from}`,
      minimalEntry: 'Vi beholder bare en minimal oppføring om at du ikke skal ha markedsføring, slik at det ikke starter igjen.',
    },
    kept: {
      heading: 'Disse opplysningene beholder vi:',
      basis: {
        legal_obligation: 'beholdes fordi loven krever det (personvernforordningen art. 17(3)(b))',
        legal_claims: 'beholdes for et rettskrav (personvernforordningen art. 17(3)(e))',
        public_interest: 'beholdes for en oppgave i allmennhetens interesse (personvernforordningen art. 17(3)(b))',
        archiving_research: 'beholdes for arkiv, forskning eller statistikk (personvernforordningen art. 17(3)(d))',
        freedom_of_expression: 'beholdes for ytrings- og informasjonsfriheten (personvernforordningen art. 17(3)(a))',
      },
      useOf: (use: string) => `brukes bare til ${use}`,
      claimUse: (use: string) => `brukes bare til å fastsette, gjøre gjeldende eller forsvare kravet (${use})`,
      until: (day: string) => `til og med ${day}`,
      untilCriterion: (criterion: string) => `til ${criterion}`,
      refusalNote:
        'At vi beholder disse opplysningene, er et delvis avslag på forespørselen din. Du kan klage på det til Datatilsynet eller gå til domstolene, se under.',
    },
    forwarded: {
      heading:
        'I disse systemene behandler vi opplysninger på vegne av en annen virksomhet, som er behandlingsansvarlig. Vi har sendt forespørselen din dit, og de svarer deg:',
      item: (to: string, on: string) => `sendt ${on} til ${to}`,
    },
    instructed: {
      heading: 'Virksomheter som behandler opplysninger for markedsføringen vår:',
      item: (to: string, on: string) => `vi har gitt ${to} beskjed ${on} om å slutte å bruke opplysningene om deg til markedsføring`,
    },
    notHeld: {
      not_found: 'Vi har søkt i disse systemene og fant ingen opplysninger om deg:',
      never_held: 'Disse systemene har aldri hatt opplysninger om deg:',
      routine_deletion: 'I disse systemene ble opplysningene om deg slettet av den faste slettingen vår før forespørselen din nådde dem:',
      cannot_identify:
        'I disse systemene kan vi ikke se hvilke opplysninger som gjelder deg, og kan derfor ikke behandle forespørselen der (personvernforordningen art. 11(2)). Gir du oss flere opplysninger som identifiserer deg der, kan du bruke rettighetene dine på nytt:',
      deletedOn: (day: string) => `slettet ${day}`,
    },
    failed: { heading: 'Vi har ikke fått gjennomført forespørselen din i disse systemene:' },
    objectionRefused: (grounds: string) =>
      `Vi har vurdert protesten din. Vi fortsetter behandlingen fordi det foreligger tvingende berettigede grunner som går foran dine interesser (personvernforordningen art. 21(1)): ${grounds}`,
    refusal: {
      lead: 'Vi kan ikke imøtekomme forespørselen din.',
      reasons: 'Begrunnelse:',
      status: (url: string) => `Du kan se saken din på statussiden: ${url}`,
    },
    notifiedHeading: 'Disse mottakerne er varslet om endringen (art. 19):',
  },
  en: {
    greeting: 'Hello,',
    closing: (controller: string) => `Kind regards\n${controller}`,
    questions: (email: string) => `If you have questions, reply to this e-mail or write to ${email}.`,
    questionsByPost: (email: string) => `If you have questions, write to ${email} or to the address at the top of this letter.`,
    subject: {
      access: (ref: string) => `The answer to your access request (${ref})`,
      portability: (ref: string) => `Your data in a machine-readable format (${ref})`,
      rectification: (ref: string) => `Your data has been corrected (${ref})`,
      erasure: (ref: string) => `Your data has been erased (${ref})`,
      'erasure-partial': (ref: string) => `Your data has been erased, with exceptions (${ref})`,
      objection: (ref: string) => `Your objection: what we have stopped (${ref})`,
      'objection-refused': (ref: string) => `Our answer to your objection (${ref})`,
      restriction: (ref: string) => `Processing has been restricted (${ref})`,
      forwarded: (ref: string) => `Your request has been forwarded (${ref})`,
      refusal: (ref: string) => `Our answer to your request (${ref})`,
      'nothing-held': (ref: string) => `We found no data about you (${ref})`,
      answer: (ref: string) => `What we have done with your request (${ref})`,
    },
    intro: (ref: string, received: string) => `This is about your request ${ref}, received on ${received}.`,
    access: {
      holds:
        'We process data about you. The answer is a package with a readable overview (HTML and PDF) and a machine-readable copy (JSON and CSV). For each processing it gives the purposes, categories of data, recipients, retention, source, automated decisions and transfers outside the EEA.',
      none: 'We hold no data about you. We searched every system of ours that holds personal data.',
      download: (url: string, until: string) =>
        `Download the answer from the status page: ${url}\nTo download, ask for a one-time code, which we send to this e-mail address. The package can be downloaded until ${until}; after that it is deleted. We never send your data as an attachment.`,
      enclosed: 'The answer comes with this letter: a readable overview and a machine-readable copy (JSON and CSV).',
    },
    portability: {
      lead: 'Here is the data you gave us and that we process under your consent or a contract, in a structured, machine-readable format (JSON and CSV).',
    },
    disclosed: {
      heading: 'What we found about you:',
      inPackage: 'in the answer package',
    },
    corrected: {
      heading: 'We have corrected your data:',
      change: (field: string, systems: string, old: string, value: string) => `${field} in ${systems}: ${old} → ${value}`,
      empty: '(empty)',
      unchanged: (field: string) => `No change was made to ${field}.`,
    },
    erased: { heading: 'We have erased:' },
    anonymised: { heading: 'We have anonymised, so that it can no longer be linked to you:' },
    restricted: {
      heading: 'We have restricted the use of your data:',
      item: (how: string, from: string) => `${how}, from ${from}`,
      meaning: 'We only store these records; we do not use them for anything else without your consent or to establish, exercise or defend legal claims.',
      lifting: 'We will tell you before the restriction is lifted (Art 18(3)).',
    },
    suppressed: {
      heading: 'We have stopped direct marketing to you on these channels:',
      item: (channels: string, from: string) => `${channels}, from ${from}`,
      minimalEntry: 'We keep only a minimal entry saying you must not receive marketing, so that it does not start again.',
    },
    kept: {
      heading: 'These records we keep:',
      basis: {
        legal_obligation: 'kept because the law requires it (GDPR Art 17(3)(b))',
        legal_claims: 'kept for a legal claim (GDPR Art 17(3)(e))',
        public_interest: 'kept for a task in the public interest (GDPR Art 17(3)(b))',
        archiving_research: 'kept for archiving, research or statistics (GDPR Art 17(3)(d))',
        freedom_of_expression: 'kept for freedom of expression and information (GDPR Art 17(3)(a))',
      },
      useOf: (use: string) => `used only for ${use}`,
      claimUse: (use: string) => `used only to establish, exercise or defend that claim (${use})`,
      until: (day: string) => `until ${day}`,
      untilCriterion: (criterion: string) => `until ${criterion}`,
      refusalNote: 'Keeping these records is a partial refusal of your request. You may complain about it to Datatilsynet or go to court, see below.',
    },
    forwarded: {
      heading: 'In these systems we process data on behalf of another company, the controller. We have forwarded your request to it, and it will answer you:',
      item: (to: string, on: string) => `forwarded to ${to} on ${on}`,
    },
    instructed: {
      heading: 'Companies that process data for our marketing:',
      item: (to: string, on: string) => `we have instructed ${to} on ${on} to stop using your data for marketing`,
    },
    notHeld: {
      not_found: 'We searched these systems and found no data about you:',
      never_held: 'These systems have never held data about you:',
      routine_deletion: 'In these systems the data about you was deleted by our routine deletion before your request could reach it:',
      cannot_identify:
        'In these systems we cannot tell which data is about you, so we cannot act on your request there (GDPR Art 11(2)). If you give us more information that identifies you there, you can exercise your rights again:',
      deletedOn: (day: string) => `deleted on ${day}`,
    },
    failed: { heading: 'We could not carry out your request in these systems:' },
    objectionRefused: (grounds: string) =>
      `We have considered your objection. We continue the processing because there are compelling legitimate grounds that override your interests (GDPR Art 21(1)): ${grounds}`,
    refusal: {
      lead: 'We cannot grant your request.',
      reasons: 'Reasons:',
      status: (url: string) => `You can see your request on its status page: ${url}`,
    },
    notifiedHeading: 'These recipients have been told of the change (Art 19):',
  },
} as const;
