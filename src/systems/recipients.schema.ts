import { z } from 'zod';
import { localizedText, plainText, type LocalizedText } from './localized-text';

/**
 * A system's recipients in the data map (docs/data-map.md "Recipients"). Each is written either
 * as before, a line of text ("Revisor AS (auditor)") with any e-mail contact under
 * `recipientContacts`, or as an entry of its own:
 *
 *   recipients:
 *     - { name: Regnskap Nord AS, role: accounting firm, email: personvern@regnskapnord.example, language: nb }
 *     - { name: Skatteetaten, kind: authority-on-request }
 *
 * `kind: authority-on-request` is a public authority that receives data only in a particular
 * inquiry: under Art 4(9) it is not a recipient, so it gets no Art 19 notice and is not listed
 * among the recipients. A line of text marked "(…, on request)" means the same.
 */

export const RECIPIENT_KINDS = ['recipient', 'authority-on-request'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

const contactSchema = z.object({ name: z.string().min(1), email: z.string().email() });
export type RecipientContact = z.infer<typeof contactSchema>;

/** One of `values`, checked so that a union with the text form still reports the field and the
 *  words (an enum's failure would only say "Invalid input" for the whole entry). */
const oneOf = <T extends string>(values: readonly T[]) =>
  z
    .string()
    .refine((value) => (values as readonly string[]).includes(value), `must be one of ${values.join(', ')}`)
    .transform((value) => value as T);

const recipientEntry = z
  .object({
    name: z.string().min(1),
    /** What the recipient is to us, shown after the name: "auditor", "accounting firm" (or {nb, en}). */
    role: localizedText.optional(),
    email: z.string().email('must be an e-mail address').optional(),
    kind: oneOf(RECIPIENT_KINDS).default('recipient'),
    /** The language its Art 19 notice is written in; Norwegian, the company's own, when not given
     *  (as for every e-mail to an outside party). */
    language: oneOf(['nb', 'en'] as const).optional(),
  })
  .strict();

type RecipientItem = z.infer<typeof recipientEntry> | LocalizedText;

/** An entry (an object with a name) or a line of text ({nb, en} or one string). Chosen by its shape
 *  rather than by a union, so a bad entry is reported at its field ("recipients.0.kind") and not
 *  as "matches none of the forms". */
const recipientItem = z.unknown().transform((value, ctx): RecipientItem => {
  const entry = value !== null && typeof value === 'object' && 'name' in value;
  const parsed = entry ? recipientEntry.safeParse(value) : localizedText.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  return z.NEVER;
});

/** The two fields a system's schema spreads in (`...recipientFields`). */
export const recipientFields = {
  recipients: z.array(recipientItem).default([]),
  /** E-mail addresses that get Art 19 notices (rectification, erasure, restriction). */
  recipientContacts: z.array(contactSchema).default([]),
};

/** One recipient as the rest of the engine reads it. */
export interface Recipient {
  name: string;
  /** The data map's text for it, e.g. "Revisor AS (auditor)" (the English, else the only text). */
  text: string;
  /** That text in each language the data map gives ("Revisor AS (revisor)" / "Revisor AS (auditor)"). */
  texts: LocalizedText;
  kind: RecipientKind;
  email?: string;
  language?: 'nb' | 'en';
}

type RecipientInput = z.infer<typeof recipientFields.recipients>[number];

/** A line such as "Skatteetaten (tax authority, on request)": an authority asking in an inquiry. */
const ON_REQUEST = /\((?:[^)]*[,;]\s*)?(?:only\s+)?(?:on|upon)\s+request\)|\((?:[^)]*[,;]\s*)?(?:kun\s+)?(?:på|etter|ved)\s+forespørsel\)/i;

/** Whether a line of text names an authority that receives data only on request. */
export function isOnRequest(text: string): boolean {
  return ON_REQUEST.test(text);
}

/** A recipient's name as the data map writes it, without its role ("Revisor AS (auditor)" → "Revisor AS"). */
export function recipientName(text: string): string {
  return text.replace(/\s*\(.*$/, '').trim() || text.trim();
}

/** A line of text or an entry's name and role, as one text per language given. */
function lineOf(entry: RecipientInput): LocalizedText {
  if (typeof entry === 'string' || !('name' in entry)) return entry;
  const role = entry.role;
  if (role === undefined) return entry.name;
  if (typeof role === 'string') return `${entry.name} (${role})`;
  return Object.fromEntries(Object.entries(role).map(([language, words]) => [language, `${entry.name} (${words})`]));
}

function fromEntry(entry: RecipientInput, contacts: RecipientContact[]): Recipient {
  const texts = lineOf(entry);
  const text = plainText(texts);
  if (typeof entry === 'string' || !('name' in entry)) {
    const name = recipientName(text);
    const lower = text.toLowerCase();
    const contact = contacts.find((item) => item.name.trim().toLowerCase() === name.toLowerCase() || lower.includes(item.name.trim().toLowerCase()));
    // "(på forespørsel)" in the Norwegian line says the same as "(on request)" in the English.
    const onRequest = (typeof texts === 'string' ? [texts] : Object.values(texts)).some(isOnRequest);
    return { name, text, texts, kind: onRequest ? 'authority-on-request' : 'recipient', ...(contact ? { email: contact.email } : {}) };
  }
  const contact = entry.email ?? contacts.find((item) => item.name.trim().toLowerCase() === entry.name.toLowerCase())?.email;
  return { name: entry.name, text, texts, kind: entry.kind, ...(contact ? { email: contact } : {}), ...(entry.language ? { language: entry.language } : {}) };
}

/**
 * The system with its recipients read: `recipients` keeps the text of the recipients proper (what
 * the access copy and the staff pages list), `recipientContacts` gains the e-mail of every entry
 * that gives one, and `recipientList` has each recipient with its kind, contact and language.
 */
export function withRecipients<T extends { recipients: RecipientInput[]; recipientContacts: RecipientContact[] }>(
  system: T,
): Omit<T, 'recipients'> & { recipients: string[]; recipientContacts: RecipientContact[]; recipientList: Recipient[] } {
  const list = system.recipients.map((entry) => fromEntry(entry, system.recipientContacts));
  const contacts = [...system.recipientContacts];
  for (const recipient of list) {
    if (recipient.kind === 'recipient' && recipient.email && !contacts.some((contact) => contact.name.toLowerCase() === recipient.name.toLowerCase())) {
      contacts.push({ name: recipient.name, email: recipient.email });
    }
  }
  return {
    ...system,
    recipients: list.filter((recipient) => recipient.kind === 'recipient').map((recipient) => recipient.text),
    recipientContacts: contacts,
    recipientList: list,
  };
}
