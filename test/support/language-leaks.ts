/**
 * English that has reached Norwegian staff pages and e-mails before, and ISO-8601 durations a
 * person should never have to read. One list, so whoever finds a new leak adds it here and every
 * page and e-mail the no-English spec renders is checked for it.
 *
 * Each entry is matched as whole words, case-insensitively, in the text a person sees (tags and
 * styles removed). Keep entries to words or phrases that are never Norwegian: "export" yes,
 * "status" (both languages) no. Names from the data map (systems, recipients) are the company's
 * own words and are not engine leaks; keep them out of the list.
 */
export const KNOWN_ENGLISH_LEAKS: readonly string[] = [
  // task kinds and outcomes as the engine names them internally
  'export',
  'erase',
  'rectify',
  'restrict',
  'suppress',
  'retained',
  'not_found',
  'not found',
  'anonymised',
  // task and case states
  'pending',
  'running',
  'manual',
  'failed',
  'done',
  'overdue',
  'due in',
  'due today',
  'deadline',
  // sentences the engine wrote in English
  'Waiting for',
  'by hand',
  'record the outcome',
  'e-mail link',
  'signed letter',
  'the person',
  'records',
  'found',
  'deleted',
  'Details',
  'preserve now',
  'task',
  'days',
  'months',
  // H3: the English halves staff, owner and partner e-mails carried before they took one language
  'Daily digest',
  'passkey',
  'two-factor',
  'New password',
  'the requester',
  'Forwarded',
  'stop marketing',
  'erase after legal hold',
  'the plan needs',
  // H4: the data map's warnings on /staff/systems, once English only
  'is longer than',
  'environment variable',
  'is not set',
  "can't be e-mailed",
  'one language only',
  // H1: connector summaries built from ids and counts, and failed tasks' errors, once English only
  'Deleted from',
  'plan executed',
  'up to date',
  'contact person',
  'soft-deleted',
  'permanently deleted',
  'redacted',
  'Processing restricted',
  'Marketing stopped',
  'unsubscribed',
  'Hold ended',
  'exported from',
  'Nothing about the person',
  'Done in',
  'Nothing to change',
  'A person must',
  'gave up after',
  'credentials rejected',
  'could not be reached',
  'no longer in the data map',
  // H4: plan rows (survey labels and notes), and the errors of tasks, searches and surveys still pending
  'Voucher',
  'kept until',
  'past the limit',
  'legal hold',
  'kept minimal',
  'invoiced order',
  'customer record',
  'staff account',
  "with the user's tag",
  'after the end of the financial year',
  'open balance',
  'holds the contested',
  'the row is deleted',
  'retrying',
  'rate limited',
  'trying again',
  'plan survey',
  'nothing was done',
  'approve the plan again',
  // H1: the start-up name check's findings on /staff/systems and in failed searches and tasks
  'is not in the database',
  'has no column',
  'is not a field of',
  'is not a table in',
  'could not be read from',
  'is not a processing of',
  'is stopped until',
];

/** An ISO-8601 duration (P7D, P4M, P3Y6M, PT24H, P2W) standing as a word of its own. */
const ISO_DURATION = /(?<![\w/-])P(?=\d|T\d)(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+S)?)?(?![\w/-])/g;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const LEAK = new RegExp(`(?<![\\p{L}\\p{N}_-])(?:${KNOWN_ENGLISH_LEAKS.map(escape).join('|')})(?![\\p{L}\\p{N}_-])`, 'giu');

export interface Leak {
  found: string;
  /** The words around it, to find where it came from. */
  context: string;
}

/** Every known English leak and every ISO-8601 duration in a text a person reads. */
export function languageLeaks(text: string): Leak[] {
  const leaks: Leak[] = [];
  for (const pattern of [LEAK, ISO_DURATION]) {
    for (const match of text.matchAll(pattern)) {
      const at = match.index ?? 0;
      leaks.push({ found: match[0], context: text.slice(Math.max(0, at - 50), at + match[0].length + 50) });
    }
  }
  return leaks;
}

/** Visible text of a page: scripts, styles and tags gone, entities read, whitespace folded;
 *  attributes people read (title, placeholder, aria-label, alt) kept. */
export function visibleText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*?\b(?:title|placeholder|aria-label|alt)="([^"]*)"[^>]*>/gi, ' $1 ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#x3D;/g, '=')
    .replace(/&#x60;/g, '`')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
