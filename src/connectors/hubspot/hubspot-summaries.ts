import type { Language } from '../../common/case-types';
import { humanDate } from '../../common/human-date';
import type { SummaryText } from '../connector';
import { counted, fieldsIn, textIn } from '../outcome-summary';

/** HubSpot outcome summaries staff read on the case page, in each staff language. */
export const HUBSPOT_SUMMARIES = {
  noContactToRectify: {
    en: 'No HubSpot contact matched the subject; nothing to rectify',
    nb: 'Ingen HubSpot-kontakt samsvarte med den registrerte; ingenting å rette',
  },
  noContactToErase: {
    en: 'No HubSpot contact matched the subject; nothing to erase',
    nb: 'Ingen HubSpot-kontakt samsvarte med den registrerte; ingenting å slette',
  },
  noContactToRestrict: {
    en: 'No HubSpot contact matched the subject; nothing to restrict',
    nb: 'Ingen HubSpot-kontakt samsvarte med den registrerte; ingenting å begrense',
  },
  noRecordToUnsubscribe: {
    en: "No HubSpot record is the subject's for this case; nothing to unsubscribe",
    nb: 'Ingen oppføring i HubSpot tilhører den registrerte i denne saken; ingenting å melde av',
  },
  noAddressToUnsubscribe: {
    en: 'No e-mail address or phone number is known for the subject in HubSpot; nothing to unsubscribe',
    nb: 'HubSpot kjenner ingen e-postadresse eller telefonnummer for den registrerte; ingenting å melde av',
  },
} satisfies Record<string, SummaryText>;

/** The sentence naming the changed fields HubSpot holds no property for ('' when none). */
const notHeld = (fields: readonly string[], language: Language) =>
  fields.length
    ? language === 'nb'
      ? ` Finnes ikke som kontaktegenskaper i HubSpot: ${fieldsIn(fields, 'nb')}.`
      : ` Not held as HubSpot contact properties: ${fieldsIn(fields, 'en')}.`
    : '';

/** Summaries built from HubSpot's ids, counts and property names (its own names, as they are). */
export const HUBSPOT_OUTCOMES = {
  noPropertyMapped: (unmapped: readonly string[]): SummaryText => ({
    en: `None of the changed fields map to HubSpot contact properties.${notHeld(unmapped, 'en')}`,
    nb: `Ingen av de endrede feltene svarer til kontaktegenskaper i HubSpot.${notHeld(unmapped, 'nb')}`,
  }),
  alreadyUpToDate: (unmapped: readonly string[]): SummaryText => ({
    en: `HubSpot contact already up to date.${notHeld(unmapped, 'en')}`,
    nb: `HubSpot-kontakten var allerede oppdatert.${notHeld(unmapped, 'nb')}`,
  }),
  contactsUpToDate: (contacts: number, properties: readonly string[], unmapped: readonly string[]): SummaryText => ({
    en: `${contacts === 1 ? 'HubSpot contact' : 'HubSpot contacts'} already up to date (${properties.join(', ')}).${notHeld(unmapped, 'en')}`,
    nb: `${contacts === 1 ? 'HubSpot-kontakten' : 'HubSpot-kontaktene'} var allerede oppdatert (${properties.join(', ')}).${notHeld(unmapped, 'nb')}`,
  }),
  mergeFirst: (count: number): SummaryText => ({
    en: `${count} HubSpot contacts matched; an e-mail address can only sit on one contact, so merge them in HubSpot before changing it`,
    nb: `${count} HubSpot-kontakter samsvarte; en e-postadresse kan bare stå på én kontakt, så slå dem sammen i HubSpot før den endres`,
  }),
  updated: (properties: readonly string[], contacts: number, unmapped: readonly string[], keptInHistory: readonly string[]): SummaryText => ({
    en:
      `Updated ${properties.join(', ')} on ${counted(contacts, 'HubSpot contact', 'HubSpot contacts')}.${notHeld(unmapped, 'en')}` +
      (keptInHistory.length
        ? ` HubSpot keeps the earlier values of ${keptInHistory.join(', ')} in the property history (read back after the update); the connector does not remove them there.`
        : ''),
    nb:
      `Oppdaterte ${properties.join(', ')} på ${counted(contacts, 'HubSpot-kontakt', 'HubSpot-kontakter')}.${notHeld(unmapped, 'nb')}` +
      (keptInHistory.length
        ? ` HubSpot beholder de tidligere verdiene av ${keptInHistory.join(', ')} i egenskapshistorikken (lest tilbake etter oppdateringen); koblingen fjerner dem ikke der.`
        : ''),
  }),
  /** `records` are the data map's own words for what is held. */
  legalHolds: (records: readonly string[]): SummaryText => ({
    en: `The data map lists legal holds for this system (${records.join('; ')}); HubSpot's GDPR delete removes the whole contact, so a person must decide what to keep before erasing`,
    nb: `Datakartet oppgir oppbevaringsplikt for dette systemet (${records.join('; ')}); HubSpots GDPR-sletting fjerner hele kontakten, så en person må avgjøre hva som skal beholdes før sletting`,
  }),
  erased: (counts: {
    deleted: number;
    alreadyGone: number;
    engagementsGone: number;
    engagementsLeft: number;
    eventsLeft: number;
    formsLeft: number;
  }): SummaryText =>
    textIn((language) => {
      const nb = language === 'nb';
      const parts = [
        nb
          ? `Slettet ${counted(counts.deleted, 'HubSpot-kontakt', 'HubSpot-kontakter')} permanent med GDPR-sletting`
          : `Permanently deleted ${counted(counts.deleted, 'HubSpot contact', 'HubSpot contacts')} with GDPR delete`,
        ...(counts.alreadyGone ? [nb ? `${counts.alreadyGone} var allerede slettet` : `${counts.alreadyGone} had already been deleted`] : []),
        ...(counts.engagementsGone
          ? [
              nb
                ? `${counted(counts.engagementsGone, 'aktivitet', 'aktiviteter')} ble slettet med dem`
                : `${counted(counts.engagementsGone, 'engagement', 'engagements')} went with them`,
            ]
          : []),
        ...(counts.engagementsLeft
          ? [
              nb
                ? `${counted(counts.engagementsLeft, 'aktivitet', 'aktiviteter')} også knyttet til andre oppføringer blir værende på tidslinjene deres`
                : `${counted(counts.engagementsLeft, 'engagement', 'engagements')} also associated with other records stay on those records' timelines`,
            ]
          : []),
        ...(counts.eventsLeft
          ? [
              nb
                ? `${counted(counts.eventsLeft, 'hendelse', 'hendelser')} for markedsførings-e-post returneres fortsatt av HubSpot (opprydningen tar opptil 30 dager)`
                : `${counted(counts.eventsLeft, 'marketing e-mail event', 'marketing e-mail events')} still returned by HubSpot (its purge takes up to 30 days)`,
            ]
          : []),
        ...(counts.formsLeft
          ? [
              nb
                ? `${counted(counts.formsLeft, 'skjemainnsending', 'skjemainnsendinger')} ikke bekreftet borte`
                : `${counted(counts.formsLeft, 'form submission', 'form submissions')} not confirmed gone`,
            ]
          : []),
      ];
      return parts.join('; ');
    }),
  restricted: (since: Date, property: string, contacts: number, alreadyFlagged: number): SummaryText => ({
    en:
      `Processing restricted from ${humanDate(since, 'en', { withTime: true })}: ${property}=true on ${counted(contacts, 'HubSpot contact', 'HubSpot contacts')}` +
      (alreadyFlagged ? ` (${alreadyFlagged} already flagged)` : '') +
      '. Workflows, lists and sequences must exclude contacts with this flag.',
    nb:
      `Behandlingen begrenset fra ${humanDate(since, 'nb', { withTime: true })}: ${property}=true på ${counted(contacts, 'HubSpot-kontakt', 'HubSpot-kontakter')}` +
      (alreadyFlagged ? ` (${alreadyFlagged} var allerede flagget)` : '') +
      '. Arbeidsflyter, lister og sekvenser må utelate kontakter med dette flagget.',
  }),
  marketingStopped: (facts: {
    since: string;
    emails: number;
    phones: number;
    channels: string;
    contacts: number;
    flags: readonly string[];
    addedTo: readonly string[];
    removedFrom: readonly string[];
    allFlagged: boolean;
  }): SummaryText => ({
    en:
      `Marketing stopped in HubSpot from ${humanDate(facts.since, 'en', { withTime: true })}: ${counted(facts.emails, 'e-mail address', 'e-mail addresses')}` +
      (facts.phones ? ` and ${counted(facts.phones, 'phone number', 'phone numbers')}` : '') +
      ` unsubscribed from all subscriptions (${facts.channels}); ${counted(facts.contacts, 'contact record', 'contact records')} matched.` +
      (facts.flags.length ? ` ${facts.flags.join(' and ')} set to true on every matched contact.` : '') +
      (facts.addedTo.length ? ` Added to the lists ${facts.addedTo.join(', ')}.` : '') +
      (facts.removedFrom.length ? ` Removed from the lists ${facts.removedFrom.join(', ')}.` : '') +
      (facts.allFlagged ? '' : ' Calls and post without a HubSpot flag are outside HubSpot and must be stopped there too.'),
    nb:
      `Markedsføringen stoppet i HubSpot fra ${humanDate(facts.since, 'nb', { withTime: true })}: ${counted(facts.emails, 'e-postadresse', 'e-postadresser')}` +
      (facts.phones ? ` og ${counted(facts.phones, 'telefonnummer', 'telefonnumre')}` : '') +
      ` meldt av alle abonnementer (${facts.channels}); ${counted(facts.contacts, 'kontaktoppføring', 'kontaktoppføringer')} samsvarte.` +
      (facts.flags.length ? ` ${facts.flags.join(' og ')} satt til true på hver kontakt som samsvarte.` : '') +
      (facts.addedTo.length ? ` Lagt til i listene ${facts.addedTo.join(', ')}.` : '') +
      (facts.removedFrom.length ? ` Fjernet fra listene ${facts.removedFrom.join(', ')}.` : '') +
      (facts.allFlagged ? '' : ' Telefon og post uten et HubSpot-flagg ligger utenfor HubSpot og må stoppes der også.'),
  }),
};
