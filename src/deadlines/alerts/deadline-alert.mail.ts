import type { CaseEntity } from '../../cases/case.entity';
import type { ComposedMail } from '../../notifications/mail-composer.registry';
import { daysBetween } from '../../common/iso-date';
import type { AlertKind } from './case-alert.entity';

/** The staff alert: which case, which deadline, how long is left. Staff read both languages,
 *  so it carries Norwegian first, English after. No personal data beyond the reference. */
export function composeDeadlineAlert(entity: CaseEntity, kind: AlertKind, today: string, to: string, publicUrl: string): ComposedMail {
  const daysLeft = daysBetween(today, entity.effectiveDue);
  const [nb, en] =
    kind === 'overdue'
      ? [`FORFALT med ${-daysLeft} dag(er)`, `OVERDUE by ${-daysLeft} day(s)`]
      : daysLeft === 0
        ? ['frist i dag', 'due today']
        : [`frist om ${daysLeft} dager`, `due in ${daysLeft} days`];
  const link = `${publicUrl}/staff/cases/${entity.reference}`;
  const text = [
    `Sak ${entity.reference} (${entity.type}): ${nb}.`,
    `Frist: ${entity.effectiveDue}. Send senest: ${entity.sendBy}. Lovfestet frist: ${entity.statutoryDue}.`,
    `Åpne saken: ${link}`,
    '',
    `Case ${entity.reference} (${entity.type}): ${en}.`,
    `Deadline: ${entity.effectiveDue}. Send by: ${entity.sendBy}. Statutory deadline: ${entity.statutoryDue}.`,
    `Open the case: ${link}`,
  ].join('\n');
  return {
    to,
    caseId: entity.id,
    subject: `[${entity.reference}] ${nb} / ${en} — ${entity.effectiveDue}`,
    text,
  };
}
