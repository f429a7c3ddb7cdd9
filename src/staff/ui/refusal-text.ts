import type { DomainError } from '../../common/domain-error';
import { fill, type StaffCopy } from './pages/staff-copy';

/** A refused action in the page's language: the refusal code's words, with a status shown as the
 *  page names it; an error without a known code keeps its own message. */
export function refusalText(error: DomainError, copy: StaffCopy): string {
  const words = error.refusal ? copy.refusals[error.refusal.code] : undefined;
  if (!words) return error.message;
  const params = { ...(error.refusal!.params ?? {}) };
  if (params.status) params.status = (copy.status[params.status as keyof StaffCopy['status']] ?? params.status).toLowerCase();
  return fill(words, params);
}
