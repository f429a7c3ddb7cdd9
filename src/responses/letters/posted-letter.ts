import type { Language } from '../../common/case-types';
import { dayInWords } from '../../common/request-type-words';
import type { ControllerInfo } from '../../systems/data-map.schema';

/** A paragraph, optionally followed by a list (as composeLetter's blocks). */
export interface PostedBlock {
  text?: string;
  items?: string[];
}

/** Everything printed on a letter that goes by post, in the order a reader meets it. */
export interface PostedLetter {
  language: Language;
  /** The company: name first, then address, org number, e-mail, telephone. */
  letterhead: string[];
  /** The window-envelope block: the person's name and postal address lines. */
  recipient: string[];
  /** label → value, printed at the top right ("Dato", "Vår referanse"). */
  meta: Array<[string, string]>;
  subject: string;
  blocks: PostedBlock[];
  /** Printed at the foot of every page beside the page number ("Eksempel Deler AS · DSR-…"). */
  footer: string;
}

const WORDS = {
  nb: { date: 'Dato', reference: 'Vår referanse', org: 'Org.nr.', phone: 'Tlf.' },
  en: { date: 'Date', reference: 'Our reference', org: 'Org. no.', phone: 'Tel.' },
};

export interface PostedLetterInput {
  language: Language;
  reference: string;
  /** YYYY-MM-DD: the day the letter was stored (or today for a preview). */
  day: string;
  controller: ControllerInfo;
  recipientName: string | null;
  /** As registered: lines separated by line breaks, or by commas on one line. */
  postalAddress: string | null;
  subject: string;
  /** The letter as stored: paragraphs separated by a blank line, list items as "- item" (or "• item"). */
  text: string;
  /** Links starting with this only work online (status page, download): their lines are left out. */
  onlineOnly: string;
}

export function postedLetter(input: PostedLetterInput): PostedLetter {
  const words = WORDS[input.language];
  const { controller } = input;
  return {
    language: input.language,
    letterhead: [
      controller.name,
      ...addressLines(controller.address ?? null),
      ...(controller.orgNumber ? [`${words.org} ${controller.orgNumber}`] : []),
      controller.email,
      ...(controller.phone ? [`${words.phone} ${controller.phone}`] : []),
    ],
    recipient: [...(input.recipientName ? [input.recipientName] : []), ...addressLines(input.postalAddress)],
    meta: [
      [words.date, dayInWords(input.day, input.language)],
      [words.reference, input.reference],
    ],
    subject: input.subject,
    blocks: postalBlocks(input.text, input.onlineOnly),
    footer: `${controller.name} · ${input.reference}`,
  };
}

export function addressLines(address: string | null): string[] {
  if (!address?.trim()) return [];
  const lines = address.includes('\n') ? address.split(/\r?\n/) : address.split(',');
  return lines.map((line) => line.trim()).filter(Boolean);
}

/**
 * The stored letter's text as blocks for paper: a line or list item that points at a page of ours
 * (status page, download link) is left out, since on paper it is a link nobody can follow and the
 * package goes with the letter; a paragraph left empty goes too. Other addresses (Datatilsynet's
 * website) are ordinary text and stay.
 */
const ITEM = /^[-•] /;

export function postalBlocks(text: string, onlineOnly: string): PostedBlock[] {
  const online = (line: string) => line.includes(onlineOnly);
  return text
    .trim()
    .split(/\n{2,}/)
    .flatMap((paragraph) => {
      const lines = paragraph.split('\n').filter((line) => !online(line));
      const items = lines.filter((line) => ITEM.test(line)).map((line) => line.replace(ITEM, ''));
      const prose = lines.filter((line) => !ITEM.test(line)).join('\n');
      if (!prose && !items.length) return [];
      return [{ ...(prose ? { text: prose } : {}), ...(items.length ? { items } : {}) }];
    });
}
