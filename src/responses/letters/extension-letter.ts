import type { CaseEntity } from '../../cases/case.entity';
import type { Language } from '../../common/case-types';
import { REQUEST_TYPE_WORDS, dayInWords } from '../../common/request-type-words';

/** The controller's contact lines the letter names for questions. */
interface Contact {
  name: string;
  email: string;
  address?: string;
}

/**
 * The Art 12(3) extension notice as a letter for posting (a request by post or phone has no e-mail
 * address): what was asked and when, the reason as recorded, the new deadline, and the right to
 * complain. Each sentence states a fact of the case; the e-mail version lives with intake's
 * requester e-mails.
 */
export function extensionLetter(
  entity: Pick<CaseEntity, 'reference' | 'type' | 'language' | 'receivedOn' | 'extendedDue' | 'extensionReason'>,
  contact: Contact,
): { subject: string; text: string } {
  const language: Language = entity.language;
  const phrase = REQUEST_TYPE_WORDS[language][entity.type].phrase;
  const received = dayInWords(entity.receivedOn, language);
  const due = dayInWords(entity.extendedDue!, language);
  const writeTo = contact.address ? `${contact.address}` : contact.email;
  if (language === 'en') {
    return {
      subject: `We need more time for your request (${entity.reference})`,
      text: [
        'Hello,',
        `We need more time to answer your request to ${phrase} (reference ${entity.reference}), received on ${received}.`,
        `The reason is: ${entity.extensionReason}`,
        `The new deadline is ${due}. Article 12(3) of the GDPR allows this extension when a request is complex or we receive many requests.`,
        'If you disagree, you can complain to the Norwegian Data Protection Authority, Datatilsynet, Postboks 458 Sentrum, 0105 Oslo (datatilsynet.no).',
        `If you have questions, write to us at ${writeTo} and give the reference ${entity.reference}.`,
        `Kind regards\n${contact.name}`,
      ].join('\n\n'),
    };
  }
  return {
    subject: `Vi trenger mer tid til forespørselen din (${entity.reference})`,
    text: [
      'Hei,',
      `Vi trenger mer tid for å svare på forespørselen din om å ${phrase} (referanse ${entity.reference}), mottatt ${received}.`,
      `Grunnen er: ${entity.extensionReason}`,
      `Ny frist er ${due}. Personvernforordningen artikkel 12 nr. 3 tillater en slik forlengelse når en forespørsel er sammensatt eller vi har mange forespørsler.`,
      'Er du uenig, kan du klage til Datatilsynet, Postboks 458 Sentrum, 0105 Oslo (datatilsynet.no).',
      `Har du spørsmål, skriv til oss på ${writeTo} og oppgi referansen ${entity.reference}.`,
      `Vennlig hilsen\n${contact.name}`,
    ].join('\n\n'),
  };
}
