import type { Language } from '../../common/case-types';

/**
 * Labels for the fields and record types the built-in connectors export (Zendesk, Visma Business,
 * HubSpot), so a data map needs `fieldLabels` only for its own systems' fields. Keys are compared
 * without case, "_", "-", "." or spaces: `created_at` and `createdAt` are one field.
 */
const LABELS: Record<string, [nb: string, en: string]> = {
  // record types (table names)
  users: ['Brukere', 'Users'],
  identities: ['Kontaktadresser', 'Contact addresses'],
  tickets: ['Henvendelser', 'Support tickets'],
  comments: ['Meldinger i henvendelser', 'Messages in support tickets'],
  attachmentfiles: ['Vedlegg (filene)', 'Attachments (the files)'],
  sideconversationmessages: ['Sidesamtaler om henvendelser', 'Side conversations about support tickets'],
  associates: ['Kunder', 'Customers'],
  contacts: ['Kontaktpersoner', 'Contacts'],
  customertransactions: ['Kundeposter (regnskap)', 'Customer ledger entries'],
  hubspotcontacts: ['Kontakter', 'Contacts'],
  hubspotcontactproperties: ['Opplysninger om kontakten', 'Details of the contact'],
  hubspotcontactassociations: ['Koblinger til andre oppføringer', 'Links to other records'],
  hubspotemailsubscriptions: ['E-postabonnementer', 'E-mail subscriptions'],
  hubspotmarketingsuppressions: ['Reservasjoner mot markedsføring', 'Marketing opt-outs'],
  communicationpreferences: ['Kommunikasjonsvalg', 'Communication preferences'],
  marketingsuppressions: ['Reservasjoner mot markedsføring', 'Marketing opt-outs'],
  hubspotmarketingemailevents: [
    'Hendelser i markedsførings-e-post (utsending, levering, åpning, klikk)',
    'Marketing e-mail events (sent, delivered, opened, clicked)',
  ],
  hubspotformsubmissions: ['Skjemaer du har sendt inn', 'Forms you submitted'],
  hubspotformsubmissionvalues: ['Det du skrev i skjemaene', 'What you entered in the forms'],
  hubspotpropertyhistory: ['Tidligere verdier (endringshistorikk)', 'Earlier values (change history)'],
  // fields
  userid: ['Bruker-ID', 'User ID'],
  ticketid: ['Saksnummer', 'Ticket number'],
  commentid: ['Meldings-ID', 'Message ID'],
  contactid: ['Kontakt-ID', 'Contact ID'],
  id: ['ID', 'ID'],
  name: ['Navn', 'Name'],
  firstname: ['Fornavn', 'First name'],
  lastname: ['Etternavn', 'Last name'],
  email: ['E-post', 'E-mail'],
  emailaddress: ['E-post', 'E-mail'],
  phone: ['Telefon', 'Phone'],
  mobilephone: ['Mobil', 'Mobile'],
  mobile: ['Mobil', 'Mobile'],
  address: ['Adresse', 'Address'],
  addressline1: ['Adresse', 'Address'],
  postcode: ['Postnummer', 'Postcode'],
  postalarea: ['Poststed', 'Town'],
  city: ['Poststed', 'Town'],
  country: ['Land', 'Country'],
  role: ['Rolle', 'Role'],
  tags: ['Merker', 'Tags'],
  notes: ['Notater', 'Notes'],
  createdat: ['Opprettet', 'Created'],
  updatedat: ['Sist endret', 'Last changed'],
  type: ['Type', 'Type'],
  value: ['Verdi', 'Value'],
  primary: ['Hovedadresse', 'Main address'],
  verified: ['Bekreftet', 'Verified'],
  relation: ['Din rolle', 'Your role'],
  subject: ['Emne', 'Subject'],
  status: ['Status', 'Status'],
  writtenbyyou: ['Skrevet av deg', 'Written by you'],
  public: ['Synlig for deg', 'Visible to you'],
  body: ['Tekst', 'Text'],
  attachments: ['Vedlegg', 'Attachments'],
  attachmentid: ['Vedleggs-ID', 'Attachment ID'],
  filename: ['Filnavn', 'File name'],
  contenttype: ['Filtype', 'File type'],
  sizebytes: ['Størrelse (byte)', 'Size (bytes)'],
  inpackage: ['I pakken', 'In the package'],
  packagefile: ['Fil i pakken', 'File in the package'],
  notincludedbecause: ['Ikke med fordi', 'Not included because'],
  sideconversation: ['Sidesamtale', 'Side conversation'],
  from: ['Fra', 'From'],
  to: ['Til', 'To'],
  associateno: ['Aktørnummer', 'Associate number'],
  customerno: ['Kundenummer', 'Customer number'],
  contactno: ['Kontaktnummer', 'Contact number'],
  voucherno: ['Bilagsnummer', 'Voucher number'],
  voucherdate: ['Bilagsdato', 'Voucher date'],
  amount: ['Beløp', 'Amount'],
  label: ['Opplysning', 'Detail'],
  objecttype: ['Type oppføring', 'Record type'],
  objectid: ['Oppførings-ID', 'Record ID'],
  subscriptionid: ['Abonnements-ID', 'Subscription ID'],
  subscription: ['Abonnement', 'Subscription'],
  source: ['Kilde', 'Source'],
  legalbasis: ['Behandlingsgrunnlag', 'Legal basis'],
  legalbasisexplanation: ['Forklaring av grunnlaget', 'Explanation of the basis'],
  channel: ['Kanal', 'Channel'],
  since: ['Fra', 'Since'],
  recipient: ['Mottaker', 'Recipient'],
  eventid: ['Hendelses-ID', 'Event ID'],
  event: ['Hendelse', 'Event'],
  at: ['Tidspunkt', 'Time'],
  campaignid: ['Kampanje-ID', 'Campaign ID'],
  emailsubject: ['Emne i e-posten', 'E-mail subject'],
  browser: ['Nettleser', 'Browser'],
  location: ['Omtrentlig sted', 'Approximate location'],
  formid: ['Skjema-ID', 'Form ID'],
  form: ['Skjema', 'Form'],
  submittedat: ['Sendt inn', 'Submitted'],
  page: ['Side', 'Page'],
  conversionid: ['Innsendings-ID', 'Submission ID'],
  foundinform: ['Funnet i skjemaets liste', 'Found in the form’s list'],
  field: ['Felt', 'Field'],
  setat: ['Satt', 'Set on'],
};

/** `created_at`, `createdAt`, `Created At` → `createdat`. */
export function labelKey(name: string): string {
  return name.toLowerCase().replace(/[\s_.-]/g, '');
}

export function builtInLabel(name: string, language: Language): string | undefined {
  const label = LABELS[labelKey(name)];
  return label ? label[language === 'nb' ? 0 : 1] : undefined;
}

/** "customerNo" → "Customer no", "hs_email_domain" → "Hs email domain": a last resort, flagged where shown. */
export function humanise(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_.-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words ? words[0].toUpperCase() + words.slice(1) : name;
}
