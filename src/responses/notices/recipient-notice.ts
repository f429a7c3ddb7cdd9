import type { CaseEntity } from '../../cases/case.entity';
import type { ControllerInfo } from '../../systems/data-map.schema';
import type { ComposedMail } from '../../notifications/mail-composer.registry';
import { fieldWord } from '../letters/letter-copy';
import type { NoticeTarget } from '../letters/letter-facts.service';

const ACTION = {
  rectification: { nb: 'rettet', en: 'rectified (GDPR Art 16)' },
  erasure: { nb: 'slettet', en: 'erased (GDPR Art 17)' },
  restriction: { nb: 'begrenset behandlingen av', en: 'restricted the processing of (GDPR Art 18)' },
  'restriction-lifted': { nb: 'opphevet begrensningen av behandlingen av', en: 'lifted the restriction of the processing of (GDPR Art 18(3))' },
} as const;

export type NoticeAction = keyof typeof ACTION;

const escape = (value: string) =>
  value.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] as string);

/**
 * The Art 19 notice to one recipient of an affected system, in Norwegian and English (recipients
 * are companies, not the requester). It names the person only by the identifiers the recipient
 * already holds, so they can find and act on the same records.
 */
export function recipientNotice(
  entity: CaseEntity,
  target: NoticeTarget,
  controller: ControllerInfo,
  changes: Array<{ field: string; new: string }>,
  action: NoticeAction = entity.type as NoticeAction,
): ComposedMail {
  const type = action;
  const identifiers = [entity.subjectName, entity.subjectEmail, entity.subjectPhone, entity.subjectCustomerNumber].filter(Boolean).join(', ');
  const nbChanges = changes.map((change) => `- ${fieldWord(change.field, 'nb')}: ${change.new}`);
  const enChanges = changes.map((change) => `- ${fieldWord(change.field, 'en')}: ${change.new}`);
  const lines = [
    `Til ${target.name}`,
    '',
    `${controller.name} har ${ACTION[type].nb} personopplysninger om en person som vi har utlevert til dere via ${target.systemName} (sak ${entity.reference}). Etter personvernforordningen art. 19 ber vi dere gjøre det samme i deres systemer.`,
    `Personen: ${identifiers}`,
    ...(nbChanges.length ? ['Rettede opplysninger:', ...nbChanges] : []),
    '',
    `To ${target.name}`,
    '',
    `${controller.name} has ${ACTION[type].en} personal data about a person that we disclosed to you through ${target.systemName} (case ${entity.reference}). Under GDPR Art 19 we ask you to do the same in your systems.`,
    `The person: ${identifiers}`,
    ...(enChanges.length ? ['Corrected data:', ...enChanges] : []),
    '',
    `${controller.name}, ${controller.email}`,
  ];
  const text = `${lines.join('\n')}\n`;
  const html = `<!doctype html><html lang="nb"><head><meta charset="utf-8"></head><body>${text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escape(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('\n')}</body></html>`;
  return {
    to: target.email,
    caseId: entity.id,
    subject: `Varsel etter personvernforordningen art. 19 / Notice under GDPR Art 19 (${entity.reference})`,
    text,
    html,
  };
}
