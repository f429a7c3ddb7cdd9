import type { Disposition } from '../../common/dispositions/disposition';
import type { HubSpotClient } from './hubspot-client';
import { stillThereAfterDelete } from './hubspot-dispositions';

/**
 * A form's submissions are listed newest first; the contact's profile gives each submission's time.
 * Paging stops once it is this far past the contact's oldest submission to the form: the profile's
 * timestamp and the form's `submittedAt` are recorded separately and may differ slightly.
 */
const TIME_SLACK_MS = 60 * 60 * 1000;

/** One form submission of the contact: which form, when, on which page, and the values sent. */
export interface ExportedFormSubmission {
  contactId: string;
  formId: string;
  form: string;
  submittedAt: string;
  page: string;
  conversionId: string;
  /** The fields as submitted; null when the form's submission list no longer has it. */
  values: Array<{ field: string; value: string }> | null;
}

/**
 * The contacts' form submissions, exactly and cheaply: the v1 contact profile lists the contact's
 * own submissions (form id, time, conversion id), so only those forms are read, each only back to
 * the contact's oldest submission, and a submission is the contact's only by its conversion id —
 * never by a field value that someone else could have typed.
 */
export async function findFormSubmissions(client: HubSpotClient, contactIds: string[]): Promise<ExportedFormSubmission[]> {
  const submissions: ExportedFormSubmission[] = [];
  for (const contactId of contactIds) {
    for (const entry of (await client.contactFormSubmissions(contactId)) ?? []) {
      submissions.push({
        contactId,
        formId: entry['form-id'],
        form: entry.title ?? '',
        submittedAt: new Date(entry.timestamp).toISOString(),
        page: entry['page-url'] ?? '',
        conversionId: entry['conversion-id'],
        values: null,
      });
    }
  }
  for (const [formId, wanted] of byForm(submissions)) {
    const values = await locateSubmissions(client, formId, wanted);
    for (const submission of wanted) submission.values = values.get(submission.conversionId) ?? null;
  }
  return submissions;
}

export interface FormSubmissionsAfterErasure {
  gone: number;
  /** Still listed in their form after the GDPR delete. */
  remaining: number;
  /** Not found in their form's list before the delete, so the delete cannot be confirmed for them. */
  unconfirmed: number;
}

/** Which of the submissions found before the GDPR delete their forms still list afterwards. */
export async function formSubmissionsAfterErasure(client: HubSpotClient, before: ExportedFormSubmission[]): Promise<FormSubmissionsAfterErasure> {
  const located = before.filter((submission) => submission.values !== null);
  let remaining = 0;
  for (const [formId, wanted] of byForm(located)) remaining += (await locateSubmissions(client, formId, wanted)).size;
  return { gone: located.length - remaining, remaining, unconfirmed: before.length - located.length };
}

/** `erased` for those read back as gone; `failed` for those still listed or never found to check. */
export function formSubmissionDispositions({ gone, remaining, unconfirmed }: FormSubmissionsAfterErasure): Disposition[] {
  const list: Disposition[] = [];
  if (gone) list.push({ kind: 'erased', what: 'form-submission', count: gone });
  if (remaining) list.push(stillThereAfterDelete('form-submission', `${remaining} form submission(s) were still listed in their forms`));
  if (unconfirmed) {
    list.push({
      kind: 'failed',
      what: 'form-submission',
      reason: `${unconfirmed} form submission(s) the contact's profile listed were not found in their forms' submission lists, so their deletion could not be confirmed`,
    });
  }
  return list;
}

function byForm(submissions: ExportedFormSubmission[]): Map<string, ExportedFormSubmission[]> {
  const grouped = new Map<string, ExportedFormSubmission[]>();
  for (const submission of submissions) grouped.set(submission.formId, [...(grouped.get(submission.formId) ?? []), submission]);
  return grouped;
}

/** conversion id → submitted values, for those of `wanted` the form still lists. */
async function locateSubmissions(
  client: HubSpotClient,
  formId: string,
  wanted: ExportedFormSubmission[],
): Promise<Map<string, Array<{ field: string; value: string }>>> {
  const ids = new Set(wanted.map((submission) => submission.conversionId));
  const oldest = Math.min(...wanted.map((submission) => Date.parse(submission.submittedAt))) - TIME_SLACK_MS;
  const found = new Map<string, Array<{ field: string; value: string }>>();
  let after: string | undefined;
  do {
    const page = await client.formSubmissionPage(formId, after);
    if (!page) return found;
    for (const result of page.results) {
      if (result.conversionId && ids.has(result.conversionId))
        found.set(
          result.conversionId,
          result.values.map(({ name, value }) => ({ field: name, value })),
        );
    }
    const last = page.results[page.results.length - 1];
    if (found.size === ids.size || !last || last.submittedAt < oldest) return found;
    after = page.paging?.next?.after;
  } while (after);
  return found;
}
