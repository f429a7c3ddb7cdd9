import type { Language, RequestType } from '../../common/case-types';
import type { ComposedMail } from '../../notifications/mail-composer.registry';
import { dayInWords, REQUEST_TYPE_NAMES } from '../../common/request-type-words';

export interface DigestCase {
  reference: string;
  type: RequestType;
  effectiveDue: string;
  status: string;
}

export interface DigestContent {
  to: string;
  /** The reader's language: their account's setting. */
  language: Language;
  day: string;
  own: DigestCase[];
  unassigned: DigestCase[];
  unassignedTotal: number;
  publicUrl: string;
}

const cases = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

const WORDS = {
  nb: {
    title: (day: string) => `Daglig oversikt ${day}`,
    own: (count: number, overdue: number) => `Dine saker med frist innen 7 dager eller forfalt: ${count} (${overdue} forfalt).`,
    noneOwn: 'Ingen av dine saker har frist innen 7 dager.',
    unassigned: (count: number) => `Saker uten saksbehandler: ${count}.`,
    more: (count: number) => `… og ${count} til.`,
    overdue: 'FORFALT',
    due: 'frist',
    queue: 'Sakslisten',
    subject: (count: number, overdue: number) => `${cases(count, 'sak', 'saker')} (${overdue} forfalt)`,
    subjectUnassigned: (count: number) => `${count} uten saksbehandler`,
  },
  en: {
    title: (day: string) => `Daily digest ${day}`,
    own: (count: number, overdue: number) => `Your cases due within 7 days or overdue: ${count} (${overdue} overdue).`,
    noneOwn: 'None of your cases is due within 7 days.',
    unassigned: (count: number) => `Cases nobody is assigned to: ${count}.`,
    more: (count: number) => `… and ${count} more.`,
    overdue: 'OVERDUE',
    due: 'due',
    queue: 'The queue',
    subject: (count: number, overdue: number) => `${cases(count, 'case', 'cases')} (${overdue} overdue)`,
    subjectUnassigned: (count: number) => `${count} unassigned`,
  },
};

/** The daily digest for one staff member: their open cases overdue or due within 7 days, and for
 *  admins the cases nobody has taken. In the reader's language; references only (no personal data
 *  in e-mail to staff mailboxes beyond what the case page shows when signed in). */
export function composeStaffDigest(content: DigestContent): ComposedMail {
  const { day, own, unassigned, unassignedTotal, publicUrl, language } = content;
  const words = WORDS[language];
  const overdue = own.filter((item) => item.effectiveDue < day).length;
  const line = (item: DigestCase) =>
    [
      `- ${item.reference} (${REQUEST_TYPE_NAMES[language][item.type] ?? item.type})`,
      ...(item.effectiveDue < day ? [words.overdue] : []),
      `${words.due} ${dayInWords(item.effectiveDue, language)}: ${publicUrl}/staff/cases/${item.reference}`,
    ].join(' ');
  const text = [
    `${words.title(dayInWords(day, language))}.`,
    own.length ? words.own(own.length, overdue) : words.noneOwn,
    ...own.map(line),
    ...(unassignedTotal
      ? [
          '',
          words.unassigned(unassignedTotal),
          ...unassigned.map(line),
          ...(unassignedTotal > unassigned.length ? [words.more(unassignedTotal - unassigned.length)] : []),
        ]
      : []),
    '',
    `${words.queue}: ${publicUrl}/staff?assignee=mine`,
  ].join('\n');
  return {
    to: content.to,
    subject: `${words.title(dayInWords(day, language))}: ${words.subject(own.length, overdue)}${unassignedTotal ? `, ${words.subjectUnassigned(unassignedTotal)}` : ''}`,
    text,
  };
}
