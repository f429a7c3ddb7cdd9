import type { Language } from '../../common/case-types';
import type { Channel } from '../../common/dispositions/disposition';
import { recordsInWords, recordWordTable } from '../../common/dispositions/record-words';
import { USE_WORDS, phrase } from '../../common/dispositions/keep-words';

export { USE_WORDS, phrase, recordsInWords, recordWordTable };

/**
 * The words a letter names records and channels with, from a disposition's system-neutral words
 * (RECORD_TYPES, CHANNELS) in the letter's language. A `what` that is not a RECORD_TYPES word is
 * a person's own description of the records and is shown as written.
 */
export const CHANNEL_WORDS: Record<Language, Record<Channel, string>> = {
  nb: { email: 'e-post', sms: 'SMS', phone: 'telefon', post: 'brev i posten', whatsapp: 'WhatsApp' },
  en: { email: 'e-mail', sms: 'text message', phone: 'phone calls', post: 'letters by post', whatsapp: 'WhatsApp' },
};
