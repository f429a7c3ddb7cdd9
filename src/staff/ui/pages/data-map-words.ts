import type { Language } from '../../../common/case-types';
import type { WarningKind } from '../../../systems/data-map-warnings';

/** What the service does in a system of each connector type, and what erasure and restriction
 *  mean there, in plain words (docs/connectors.md has the details). */
interface ConnectorWords {
  how: string;
  erasure: string;
  restriction: string;
}

const nb: Record<string, ConnectorWords> = {
  zendesk: {
    how: 'Koblet til Zendesk over API-et: løsningen søker selv etter personen, henter ut brukere og saker og gjør endringene.',
    erasure: 'Kommentarer sladdes eller avsluttede saker slettes, og brukeren slettes permanent.',
    restriction: 'Sakene merkes med tagger (gdpr-restricted) som reglene i Zendesk må respektere.',
  },
  visma: {
    how: 'Koblet til Visma Business NXT over API-et: løsningen søker i kunder og kontaktpersoner og henter ut reskontroen.',
    erasure: 'Kunde- og kontaktopplysninger slettes eller tømmes. Bilag som bokføringsloven krever, beholdes til oppbevaringstiden er ute, og slettes da.',
    restriction: 'Virksomhetens egne felt for begrensning settes; er ingen slike felt oppgitt, får systemeieren en oppgave.',
  },
  hubspot: {
    how: 'Koblet til HubSpot over API-et: løsningen søker i kontakter og henter ut alle egenskapene deres.',
    erasure: 'Kontakten slettes permanent med HubSpots GDPR-sletting.',
    restriction: 'En avkrysningsegenskap (gdpr_restricted) settes, som arbeidsflytene må respektere.',
  },
  mailchimp: {
    how: 'Koblet til Mailchimp over API-et: løsningen finner medlemmet på e-postadressen i hvert publikum.',
    erasure: 'Medlemmet slettes permanent; er datakartet satt til arkivering, skjules det bare, og det regnes da som begrensning.',
    restriction: 'Medlemmet merkes med en tagg som kampanjene må utelate.',
  },
  sql: {
    how: 'Virksomhetens egen database: løsningen leser og endrer tabellene datakartet nevner.',
    erasure: 'Rader slettes, anonymiseres eller beholdes etter en oppbevaringsregel, slik datakartet sier for hver tabell.',
    restriction: 'Kolonnene datakartet nevner, merker raden som begrenset.',
  },
  http: {
    how: 'Et JSON-API beskrevet i datakartet: løsningen sender forespørslene som står der.',
    erasure: 'Slette-forespørselen i datakartet sendes; uten en slik, eller med oppbevaringsregler, får systemeieren en oppgave.',
    restriction: 'Begrensnings-forespørselen i datakartet sendes.',
  },
  manual: {
    how: 'Ingen kobling: systemeieren får en oppgave på e-post (påminnelse hver tredje dag) og registrerer selv hva som ble gjort, under «Mine oppgaver».',
    erasure: 'Systemeieren sletter selv og registrerer hva som ble slettet og hva som beholdes.',
    restriction: 'Systemeieren begrenser bruken selv og registrerer hvordan.',
  },
};

const en: Record<string, ConnectorWords> = {
  zendesk: {
    how: 'Connected to Zendesk through its API: the service searches for the person itself, exports users and tickets and makes the changes.',
    erasure: 'Comments are redacted or closed tickets deleted, and the user is deleted permanently.',
    restriction: 'The tickets are tagged (gdpr-restricted), which the Zendesk triggers must honour.',
  },
  visma: {
    how: 'Connected to Visma Business NXT through its API: the service searches customers and contact persons and exports the customer ledger.',
    erasure:
      'Customer and contact details are deleted or blanked. Vouchers the Bookkeeping Act requires are kept until their retention ends, and deleted then.',
    restriction: "The company's own restriction fields are set; when none are named, the system owner gets a task.",
  },
  hubspot: {
    how: 'Connected to HubSpot through its API: the service searches contacts and exports all their properties.',
    erasure: "The contact is deleted permanently with HubSpot's GDPR delete.",
    restriction: 'A checkbox property (gdpr_restricted) is set, which workflows must honour.',
  },
  mailchimp: {
    how: 'Connected to Mailchimp through its API: the service finds the member by e-mail address in each audience.',
    erasure: 'The member is deleted permanently; when the data map says archive, it is only hidden, and that counts as a restriction.',
    restriction: 'The member is tagged with a tag campaigns must exclude.',
  },
  sql: {
    how: "The company's own database: the service reads and changes the tables the data map names.",
    erasure: 'Rows are deleted, anonymised or kept under a hold rule, as the data map says for each table.',
    restriction: 'The columns the data map names mark the row restricted.',
  },
  http: {
    how: 'A JSON API described in the data map: the service sends the requests written there.',
    erasure: 'The erase request in the data map is sent; without one, or with hold rules, the system owner gets a task.',
    restriction: 'The restrict request in the data map is sent.',
  },
  manual: {
    how: 'No connection: the system owner gets a task by e-mail (a reminder every third day) and records what was done, under "My tasks".',
    erasure: 'The system owner deletes and records what was deleted and what is kept.',
    restriction: 'The system owner restricts the use and records how.',
  },
};

export const CONNECTOR_WORDS: Record<Language, Record<string, ConnectorWords>> = { nb, en };

/** What each kind of start-up warning (systems/data-map-warnings.ts) means and asks for. */

export interface WarningWords {
  means: string;
  todo: string;
}

export const WARNING_WORDS: Record<Language, Record<WarningKind, WarningWords>> = {
  nb: {
    retention: {
      means: 'Lagringstiden er lengre enn loven som er oppgitt som grunnlag, tillater. Opplysningene kan da bli liggende ulovlig lenge.',
      todo: 'Kort ned perioden i datakartet, eller oppgi den loven som faktisk krever lengre oppbevaring.',
    },
    portable: {
      means:
        'Systemet er merket som portabelt, men grunnlaget er verken samtykke eller avtale. Dataportabilitet gjelder bare slike opplysninger, så de kommer ikke med i noen portabilitetspakke.',
      todo: 'Fjern «portable: true», eller rett det rettslige grunnlaget hvis det er feil.',
    },
    recipients: {
      means: 'En mottaker har ingen e-postkontakt, så varselet om retting, sletting eller begrensning (art. 19) kan ikke sendes automatisk.',
      todo: 'Legg mottakeren inn under «recipientContacts», eller varsle dem på annen måte når saken ber om det.',
    },
    translation: {
      means: 'En tekst finnes bare på ett språk. Brev, sider og e-poster på det andre språket viser teksten slik den står.',
      todo: 'Skriv teksten på begge språk ({nb: …, en: …}) i datakartet.',
    },
    secret: {
      means: 'En hemmelighet koblingen trenger, er ikke satt i miljøet. Oppgavene for dette systemet feiler til den er satt.',
      todo: 'Sett miljøvariabelen som er nevnt, og start tjenesten på nytt.',
    },
  },
  en: {
    retention: {
      means: 'The retention is longer than the law given as its basis allows. The data could then be kept unlawfully long.',
      todo: 'Shorten the period in the data map, or name the law that really requires keeping it longer.',
    },
    portable: {
      means:
        'The system is marked portable, but its basis is neither consent nor contract. Portability covers only such data, so it goes into no portability package.',
      todo: 'Remove "portable: true", or correct the legal basis if it is wrong.',
    },
    recipients: {
      means: 'A recipient has no e-mail contact, so the notice of a rectification, erasure or restriction (Art 19) cannot be sent automatically.',
      todo: 'Add the recipient under "recipientContacts", or tell them by other means when a case asks for it.',
    },
    translation: {
      means: 'A text exists in one language only. Letters, pages and e-mails in the other language show it as written.',
      todo: 'Write the text in both languages ({nb: …, en: …}) in the data map.',
    },
    secret: {
      means: 'A secret the connection needs is not set in the environment. The tasks for this system fail until it is.',
      todo: 'Set the environment variable named, and restart the service.',
    },
  },
};
