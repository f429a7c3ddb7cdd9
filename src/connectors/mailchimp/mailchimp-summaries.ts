import type { Language } from '../../common/case-types';
import { humanDate } from '../../common/human-date';
import type { SummaryText } from '../connector';
import { counted, fieldsIn } from '../outcome-summary';

/** Mailchimp outcome summaries staff read on the case page, in each staff language. */
export const MAILCHIMP_SUMMARIES = {
  noMemberToRectify: {
    en: 'The address is a member of no Mailchimp audience; nothing to rectify',
    nb: 'Adressen er ikke medlem av noen Mailchimp-målgruppe; ingenting å rette',
  },
  noMemberToErase: {
    en: 'The address is a member of no Mailchimp audience; nothing to erase',
    nb: 'Adressen er ikke medlem av noen Mailchimp-målgruppe; ingenting å slette',
  },
  noMemberToRestrict: {
    en: 'The address is a member of no Mailchimp audience; nothing to restrict',
    nb: 'Adressen er ikke medlem av noen Mailchimp-målgruppe; ingenting å begrense',
  },
  noMemberToUnsubscribe: {
    en: 'The address is a member of no Mailchimp audience; nothing to unsubscribe',
    nb: 'Adressen er ikke medlem av noen Mailchimp-målgruppe; ingenting å melde av',
  },
} satisfies Record<string, SummaryText>;

/** The sentence naming the changed fields no member holds ('' when none). */
const notHeld = (fields: readonly string[], language: Language) =>
  fields.length
    ? language === 'nb'
      ? ` Finnes ikke på Mailchimp-medlemmer: ${fieldsIn(fields, 'nb')}.`
      : ` Not held by Mailchimp members: ${fieldsIn(fields, 'en')}.`
    : '';

/** Audience names are the company's own, quoted as they are. */
const quoted = (audiences: readonly string[], language: Language) => audiences.map((name) => (language === 'nb' ? `«${name}»` : `"${name}"`)).join(', ');

/** Summaries built from Mailchimp's counts, audiences and tags. */
export const MAILCHIMP_OUTCOMES = {
  noFieldMapped: (unmapped: readonly string[]): SummaryText => ({
    en: `None of the changed fields are Mailchimp merge fields or the address.${notHeld(unmapped, 'en')}`,
    nb: `Ingen av de endrede feltene er flettefelt i Mailchimp eller adressen.${notHeld(unmapped, 'nb')}`,
  }),
  upToDate: (unmapped: readonly string[]): SummaryText => ({
    en: `Mailchimp members already up to date.${notHeld(unmapped, 'en')}`,
    nb: `Mailchimp-medlemmene var allerede oppdatert.${notHeld(unmapped, 'nb')}`,
  }),
  addressTaken: (audiences: readonly string[]): SummaryText => ({
    en: `The new address is already a member of ${quoted(audiences, 'en')} in Mailchimp; one of the two members must be removed there before the address can change`,
    nb: `Den nye adressen er allerede medlem av ${quoted(audiences, 'nb')} i Mailchimp; ett av de to medlemmene må fjernes der før adressen kan endres`,
  }),
  updated: (fields: readonly string[], members: number, unmapped: readonly string[]): SummaryText => ({
    en: `Updated ${fieldsIn(fields, 'en')} on ${counted(members, 'Mailchimp member', 'Mailchimp members')}.${notHeld(unmapped, 'en')}`,
    nb: `Oppdaterte ${fieldsIn(fields, 'nb')} på ${counted(members, 'Mailchimp-medlem', 'Mailchimp-medlemmer')}.${notHeld(unmapped, 'nb')}`,
  }),
  /** `records` are the data map's own words for what is held. */
  legalHolds: (records: readonly string[]): SummaryText => ({
    en: `The data map lists legal holds for this system (${records.join('; ')}); Mailchimp removes a member whole, so a person must decide what to keep before erasing`,
    nb: `Datakartet oppgir oppbevaringsplikt for dette systemet (${records.join('; ')}); Mailchimp fjerner et medlem helt, så en person må avgjøre hva som skal beholdes før sletting`,
  }),
  restricted: (since: Date, tag: string, audiences: readonly string[], alreadyTagged: number): SummaryText => ({
    en:
      `Processing restricted from ${humanDate(since, 'en', { withTime: true })}: tag "${tag}" on the member in ${quoted(audiences, 'en')}` +
      (alreadyTagged ? ` (${alreadyTagged} already tagged)` : '') +
      '. Campaigns, journeys and segments must exclude this tag.',
    nb:
      `Behandlingen begrenset fra ${humanDate(since, 'nb', { withTime: true })}: merket «${tag}» på medlemmet i ${quoted(audiences, 'nb')}` +
      (alreadyTagged ? ` (${alreadyTagged} var allerede merket)` : '') +
      '. Kampanjer, kundereiser og segmenter må utelate dette merket.',
  }),
  deleted: (deleted: number, alreadyGone: number): SummaryText => ({
    en: `Permanently deleted the member from ${counted(deleted, 'Mailchimp audience', 'Mailchimp audiences')}${alreadyGone ? `; ${alreadyGone} were already gone` : ''}`,
    nb: `Slettet medlemmet permanent fra ${counted(deleted, 'Mailchimp-målgruppe', 'Mailchimp-målgrupper')}${alreadyGone ? `; ${alreadyGone} var allerede borte` : ''}`,
  }),
  archived: (archived: number): SummaryText => ({
    en: `Archived the member in ${counted(archived, 'Mailchimp audience', 'Mailchimp audiences')} (connection.erase is archive: Mailchimp keeps archived members, so this is not erasure)`,
    nb: `Arkiverte medlemmet i ${counted(archived, 'Mailchimp-målgruppe', 'Mailchimp-målgrupper')} (connection.erase er archive: Mailchimp beholder arkiverte medlemmer, så dette er ikke sletting)`,
  }),
  unsubscribed: (by: { unsubscribed: readonly string[]; already: readonly string[]; notSentTo: readonly string[] }): SummaryText => {
    const parts = (language: Language, words: [string, string, string]) =>
      [
        by.unsubscribed.length ? `${words[0]} ${quoted(by.unsubscribed, language)}` : '',
        by.already.length ? `${words[1]} ${quoted(by.already, language)}` : '',
        by.notSentTo.length ? `${words[2]} ${quoted(by.notSentTo, language)}` : '',
      ]
        .filter(Boolean)
        .join('; ');
    return {
      en: `Mailchimp: ${parts('en', ['unsubscribed in', 'already unsubscribed in', 'left as cleaned or archived (never sent to) in'])}`,
      nb: `Mailchimp: ${parts('nb', ['meldt av i', 'allerede meldt av i', 'latt være som renset eller arkivert (aldri sendt til) i'])}`,
    };
  },
};
