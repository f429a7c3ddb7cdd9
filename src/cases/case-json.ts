import type { Language } from '../common/case-types';
import type { IdentifierJson } from '../identity/identifier-json';
import type { CaseEntity } from './case.entity';
import type { CaseRecordsJson } from './case-records-reader';

/** A task as the case JSON shows it (the connectors module fills these in). */
export interface CaseTaskJson {
  id: string;
  system: string;
  action: string;
  status: string;
  outcome?: Record<string, unknown>;
  /** English; `errorText` is the same in each staff language when the engine wrote the sentence. */
  error?: string;
  errorText?: Record<Language, string>;
}

/** The case as the API shows it (README.md, REST API): dates as YYYY-MM-DD in the company's time zone. */
export function toCaseJson(
  entity: CaseEntity,
  tasks: CaseTaskJson[] = [],
  identifiers?: IdentifierJson[],
  records: CaseRecordsJson = { records: [], recordSearch: [] },
) {
  return {
    id: entity.id,
    reference: entity.reference,
    type: entity.type,
    status: entity.status,
    channel: entity.channel,
    language: entity.language,
    receivedAt: entity.receivedAt.toISOString(),
    receivedOn: entity.receivedOn,
    deadlines: {
      statutory: entity.statutoryDue,
      promise: entity.promiseDue,
      effective: entity.effectiveDue,
      sendBy: entity.sendBy,
      ...(entity.extendedDue ? { extended: entity.extendedDue } : {}),
    },
    ...(entity.extendedDue ? { extension: extensionJson(entity) } : {}),
    pause: entity.pausedAt
      ? { pausedAt: entity.pausedAt.toISOString(), reason: entity.pauseReason, pausedDays: entity.pausedDays }
      : { pausedDays: entity.pausedDays },
    subject: {
      ...(entity.subjectEmail ? { email: entity.subjectEmail } : {}),
      ...(entity.subjectName ? { name: entity.subjectName } : {}),
      ...(entity.subjectPhone ? { phone: entity.subjectPhone } : {}),
      ...(entity.subjectCustomerNumber ? { customerNumber: entity.subjectCustomerNumber } : {}),
    },
    // Every identifier with how it was established (only a case's own page shows them, not the queue).
    ...(identifiers ? { identifiers } : {}),
    details: entity.details,
    verification: entity.verifiedAt ? { verifiedAt: entity.verifiedAt.toISOString(), method: entity.verificationMethod } : null,
    approvedAt: entity.approvedAt?.toISOString() ?? null,
    assignee: entity.assigneeId,
    rejection: entity.rejectionCode ? { reasonCode: entity.rejectionCode, reason: entity.rejectionReason } : null,
    flaggedExcessive: entity.flaggedExcessive,
    createdAt: entity.createdAt.toISOString(),
    closedAt: entity.closedAt?.toISOString() ?? null,
    tasks,
    records: records.records,
    recordSearch: records.recordSearch,
  };
}

export type CaseJson = ReturnType<typeof toCaseJson>;

/** The extension and how the requester was told; for a case without e-mail, until someone posts the
 *  letter, the staff task: the letter to print and where to record that it was posted. */
function extensionJson(entity: CaseEntity) {
  const base = `/api/v1/cases/${entity.reference}`;
  return {
    reason: entity.extensionReason,
    notifiedAt: entity.extensionNotifiedAt?.toISOString() ?? null,
    notifiedBy: entity.extensionNotifiedAt ? (entity.extensionNotifiedBy ?? 'email') : null,
    ...(entity.extensionNotifiedAt
      ? {}
      : { toPost: { task: 'post_extension_letter', letter: `${base}/extension-letter.pdf`, markPosted: `${base}/extension-letter/posted` } }),
  };
}
