import type { ComposedMail } from '../../notifications/mail-composer.registry';

export interface DigestCase {
  reference: string;
  type: string;
  effectiveDue: string;
  status: string;
}

export interface DigestContent {
  to: string;
  day: string;
  own: DigestCase[];
  unassigned: DigestCase[];
  unassignedTotal: number;
  publicUrl: string;
}

/** The daily digest for one staff member: their open cases overdue or due within 7 days, and for
 *  admins the cases nobody has taken. Norwegian first, English after; references only (no
 *  personal data in e-mail to staff mailboxes beyond what the case page shows when signed in). */
export function composeStaffDigest(content: DigestContent): ComposedMail {
  const { day, own, unassigned, unassignedTotal, publicUrl } = content;
  const overdue = own.filter((item) => item.effectiveDue < day).length;
  const line = (item: DigestCase) =>
    `- ${item.reference} (${item.type}) ${item.effectiveDue < day ? 'FORFALT/OVERDUE' : ''} frist/deadline ${item.effectiveDue}: ${publicUrl}/staff/cases/${item.reference}`.replace(
      '  ',
      ' ',
    );
  const text = [
    `Daglig oversikt ${day}.`,
    own.length ? `Dine saker med frist innen 7 dager eller forfalt: ${own.length} (${overdue} forfalt).` : 'Ingen av dine saker har frist innen 7 dager.',
    ...own.map(line),
    ...(unassignedTotal
      ? [
          '',
          `Saker uten saksbehandler: ${unassignedTotal}.`,
          ...unassigned.map(line),
          ...(unassignedTotal > unassigned.length ? [`… og ${unassignedTotal - unassigned.length} til.`] : []),
        ]
      : []),
    '',
    `Sakslisten: ${publicUrl}/staff?assignee=mine`,
    '',
    `Daily digest ${day}.`,
    own.length ? `Your cases due within 7 days or overdue: ${own.length} (${overdue} overdue).` : 'None of your cases is due within 7 days.',
    ...(unassignedTotal ? [`Cases nobody is assigned to: ${unassignedTotal}.`] : []),
    `The queue: ${publicUrl}/staff?assignee=mine`,
  ].join('\n');
  return {
    to: content.to,
    subject: `Daglig oversikt / Daily digest ${day}: ${own.length} ${own.length === 1 ? 'sak' : 'saker'} (${overdue} forfalt)${unassignedTotal ? `, ${unassignedTotal} uten saksbehandler` : ''}`,
    text,
  };
}
