import type { CaseEntity } from '../../cases/case.entity';
import type { Language } from '../../common/case-types';
import type { ComposedMail } from '../../notifications/mail-composer.registry';
import { daysBetween } from '../../common/iso-date';
import { dayInWords, REQUEST_TYPE_NAMES } from '../../common/request-type-words';
import type { AlertKind } from './case-alert.entity';

const WORDS = {
  nb: {
    overdue: (days: number) => `FORFALT med ${days} ${days === 1 ? 'dag' : 'dager'}`,
    today: 'frist i dag',
    dueIn: (days: number) => `frist om ${days} ${days === 1 ? 'dag' : 'dager'}`,
    case: 'Sak',
    deadline: 'Frist',
    sendBy: 'Send senest',
    statutory: 'Lovfestet frist',
    open: 'Åpne saken',
  },
  en: {
    overdue: (days: number) => `OVERDUE by ${days} ${days === 1 ? 'day' : 'days'}`,
    today: 'due today',
    dueIn: (days: number) => `due in ${days} ${days === 1 ? 'day' : 'days'}`,
    case: 'Case',
    deadline: 'Deadline',
    sendBy: 'Send by',
    statutory: 'Statutory deadline',
    open: 'Open the case',
  },
};

/** The staff alert: which case, which deadline, how long is left, in the recipient's language
 *  (their account setting; nb for an address without an account). No personal data beyond the reference. */
export function composeDeadlineAlert(entity: CaseEntity, kind: AlertKind, today: string, to: string, publicUrl: string, language: Language): ComposedMail {
  const words = WORDS[language];
  const daysLeft = daysBetween(today, entity.effectiveDue);
  const state = kind === 'overdue' ? words.overdue(-daysLeft) : daysLeft === 0 ? words.today : words.dueIn(daysLeft);
  const day = (iso: string) => dayInWords(iso, language);
  const text = [
    `${words.case} ${entity.reference} (${REQUEST_TYPE_NAMES[language][entity.type]}): ${state}.`,
    `${words.deadline}: ${day(entity.effectiveDue)}. ${words.sendBy}: ${day(entity.sendBy)}. ${words.statutory}: ${day(entity.statutoryDue)}.`,
    `${words.open}: ${publicUrl}/staff/cases/${entity.reference}`,
  ].join('\n');
  return { to, caseId: entity.id, subject: `[${entity.reference}] ${state} — ${day(entity.effectiveDue)}`, text };
}
