import { CHANNELS, DISPOSITION_KINDS, type DispositionKind } from '../../common/dispositions/disposition';
import { DomainError } from '../../common/domain-error';
import type { ManualOutcomeInput } from '../../connectors/tasks/task-commands.service';
import type { UploadedFile } from '../../connectors/manual/handover/handover-limits';
import type { FormCheck } from './form-rules';
import type { StaffCopy } from './pages/staff-copy';

/** Form field of each disposition field, per kind where the same name means two things. */
const FORM_FIELD: Record<string, string> = {
  what: 'what',
  count: 'count',
  how: 'how',
  channels: 'channels',
  minimalEntryOnly: 'minimalEntryOnly',
  field: 'field',
  old: 'oldValue',
  new: 'newValue',
  basis: 'keptBasis',
  law: 'keptLaw',
  claim: 'keptClaim',
  until: 'keptUntil',
  criterion: 'keptCriterion',
  allowedUse: 'allowedUse',
  to: 'forwardedTo',
  at: 'forwardedAt',
  deletedOn: 'deletedOn',
  routine: 'routine',
};

/** Every text field the disposition picker has (read so a form shown again keeps them). */
const PICKER_FIELDS = [...new Set(Object.values(FORM_FIELD)), 'notHeldReason', 'failedReason'].filter(
  (name) => !['channels', 'minimalEntryOnly'].includes(name),
);

/**
 * Reads the staff outcome form: the legacy status (+ what was kept), or one disposition picked by
 * kind with the fields that kind needs, and the hand-over (files, pasted CSV, Art 15(4) note).
 * The checks of substance are the API's (dispositionProblems, checkHandover); this only turns
 * form text into that input and its field names back into the form's.
 */
export function readOutcomeForm(check: FormCheck, body: Record<string, unknown>, files: UploadedFile[], today: string, copy: StaffCopy): ManualOutcomeInput {
  const status = check.oneOf('status', ['done', 'not_found', 'retained'] as const, true);
  const summary = check.text('summary', 3, 4000);
  const kind = check.oneOf('kind', DISPOSITION_KINDS, true);
  const recordsCsv = check.raw('recordsCsv');
  const redactionNote = check.raw('redactionNote');
  const disposition = kind ? pickedDisposition(kind, check, body, copy) : undefined;
  for (const name of PICKER_FIELDS) if (!(name in check.values)) check.raw(name);
  // Kept under a legal obligation: what, on which basis, and until when (deletion is scheduled for that day).
  const retained =
    status === 'retained' && !kind
      ? [{ records: check.text('records', 2, 500), basis: check.text('basis', 2, 500), until: check.date('until', today) }]
      : undefined;
  if (!retained) for (const name of ['records', 'basis', 'until']) check.raw(name);
  if (!status && !kind && !files.length && !recordsCsv && !redactionNote) check.fail('status', copy.errors.choose);
  return {
    ...(status ? { status } : {}),
    summary,
    ...(retained ? { retained } : {}),
    ...(disposition ? { dispositions: [disposition] } : {}),
    handover: { files, recordsCsv, redactionNote },
  };
}

function pickedDisposition(kind: DispositionKind, check: FormCheck, body: Record<string, unknown>, copy: StaffCopy): Record<string, unknown> {
  const given = (name: string) => check.raw(name) || undefined;
  const countText = check.raw('count');
  if (countText && !/^\d{1,8}$/.test(countText)) check.fail('count', copy.outcomeForm.countNumber);
  const records = { what: given('what'), ...(countText && /^\d{1,8}$/.test(countText) ? { count: Number(countText) } : {}) };
  const picked: Record<string, unknown> = (() => {
    switch (kind) {
      case 'corrected':
        return { ...records, field: given('field'), old: check.raw('oldValue'), new: check.raw('newValue') };
      case 'restricted':
        return { ...records, how: given('how') };
      case 'suppressed': {
        const raw = body.channels;
        const channels = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((item): item is string =>
          (CHANNELS as readonly string[]).includes(String(item)),
        );
        for (const channel of channels) check.values[`channel_${channel}`] = 'yes';
        check.values.minimalEntryOnly = body.minimalEntryOnly === 'yes' ? 'yes' : '';
        return { ...records, channels, minimalEntryOnly: body.minimalEntryOnly === 'yes' };
      }
      case 'kept':
        return {
          ...records,
          basis: given('keptBasis'),
          law: given('keptLaw'),
          claim: given('keptClaim'),
          until: given('keptUntil'),
          criterion: given('keptCriterion'),
          allowedUse: given('allowedUse'),
        };
      case 'forwarded':
        return { what: records.what, to: given('forwardedTo'), at: given('forwardedAt') };
      case 'not_held':
        return { reason: given('notHeldReason'), what: records.what, deletedOn: given('deletedOn'), routine: given('routine') };
      case 'failed':
        return { what: records.what, reason: given('failedReason') };
      default:
        return records;
    }
  })();
  return { kind, ...Object.fromEntries(Object.entries(picked).filter(([, value]) => value !== undefined)) };
}

/** The API's problem fields (`dispositions[0].reason`, `files[2]`) as the form's field names. */
export function formFieldOf(field: string, kind: string): string {
  if (/^files(\[\d+\])?$/.test(field)) return 'files';
  if (field === 'records' || field.startsWith('records[')) return 'recordsCsv';
  const match = /^dispositions\[0\]\.(\w+)/.exec(field);
  if (!match) return field === 'dispositions' ? 'kind' : field;
  if (match[1] === 'reason') return kind === 'failed' ? 'failedReason' : 'notHeldReason';
  return FORM_FIELD[match[1]] ?? 'kind';
}

/** A domain refusal with its fields renamed for the form (the message of each stays). */
export function forForm(error: unknown, kind: string): unknown {
  if (!(error instanceof DomainError) || error.code !== 'invalid' || !error.details) return error;
  const details = error.details.map((detail) => ({
    field: formFieldOf(detail.field, kind),
    problem: detail.field.startsWith('files[') ? `${detail.field}: ${detail.problem}` : detail.problem,
  }));
  return new DomainError('invalid', error.message, details, error.refusal);
}
