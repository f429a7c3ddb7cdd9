import type { DuplicateCase } from '../../cases/duplicate-cases';
import type { RequestType } from '../../common/case-types';
import { MERGE_COPY } from './pages/merge-copy';
import { shownDay } from './shown-date';
import { STAFF_COPY, type StaffCopy } from './pages/staff-copy';

/** The case page's list of the person's other open cases; a handler or admin may merge one of the
 *  same request type into this case (after a confirmation page). */
export function duplicatesView(reference: string, duplicates: DuplicateCase[], copy: StaffCopy, mayMerge: boolean) {
  if (!duplicates.length) return null;
  const language = copy === STAFF_COPY.en ? 'en' : 'nb';
  const words = MERGE_COPY[language];
  return {
    text: words.duplicates,
    items: duplicates.map((item) => ({
      reference: item.reference,
      typeLabel: copy.type[item.type as RequestType] ?? item.type,
      statusLabel: copy.status[item.status as keyof StaffCopy['status']] ?? item.status,
      receivedOn: shownDay(item.receivedOn, { language }),
      mergeUrl: mayMerge && item.mergeable ? `/staff/cases/${encodeURIComponent(reference)}/merge?duplicate=${encodeURIComponent(item.reference)}` : null,
      mergeLabel: words.mergeLink,
      otherType: item.mergeable ? null : words.otherType,
    })),
  };
}
