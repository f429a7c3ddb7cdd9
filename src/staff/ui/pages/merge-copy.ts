import type { Language } from '../../../common/case-types';

/** The words of duplicate detection and merging on the staff pages, in bokmål and English. */
const nb = {
  duplicates: 'Samme person har andre åpne saker (bekreftet e-post, telefon eller kundenummer er felles):',
  otherType: 'annen type forespørsel – kan ikke slås sammen',
  mergeLink: 'Slå sammen med denne saken …',
  marker: 'mulig duplikat',
  mergedFrom: '{{reference}} er slått sammen med denne saken, som svarer for begge.',
  confirmTitle: 'Slå sammen {{duplicate}} med {{survivor}}?',
  keep: 'Beholdes',
  close: 'Lukkes som sammenslått',
  type: 'Type',
  received: 'Mottaksdag',
  effective: 'Gjeldende frist',
  after: 'Etter sammenslåingen',
  consequences: [
    '{{survivor}} beholdes og svarer for begge. Mottaksdagen blir den tidligste av de to, og fristene regnes på nytt derfra.',
    '{{duplicate}} lukkes som sammenslått. Den slettes ikke, referansen fører til {{survivor}}, og den sender ikke noe eget svar.',
    'Identifikatorene fra {{duplicate}} legges til {{survivor}}; søket etter personens registreringer kjøres på nytt med dem.',
    'Begge sakenes revisjonslogg viser sammenslåingen, hvem som gjorde den og når.',
  ],
  confirm: 'Slå sammen',
  cancel: 'Avbryt',
};

export type MergeCopy = typeof nb;

const en: MergeCopy = {
  duplicates: 'The same person has other open cases (a confirmed e-mail, phone or customer number in common):',
  otherType: 'another request type – cannot be merged',
  mergeLink: 'Merge into this case …',
  marker: 'possible duplicate',
  mergedFrom: '{{reference}} is merged into this case, which answers for both.',
  confirmTitle: 'Merge {{duplicate}} into {{survivor}}?',
  keep: 'Kept',
  close: 'Closed as merged',
  type: 'Type',
  received: 'Day received',
  effective: 'Effective deadline',
  after: 'After the merge',
  consequences: [
    '{{survivor}} is kept and answers for both. Its day of receipt becomes the earlier of the two, and the deadlines are computed again from it.',
    '{{duplicate}} is closed as merged. It is not deleted, its reference leads to {{survivor}}, and it sends no answer of its own.',
    "The identifiers of {{duplicate}} are added to {{survivor}}; the search for the person's records runs again with them.",
    "Both cases' audit trails record the merge, who made it and when.",
  ],
  confirm: 'Merge',
  cancel: 'Cancel',
};

export const MERGE_COPY: Record<Language, MergeCopy> = { nb, en };
