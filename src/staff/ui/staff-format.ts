import type { StaffPrincipal } from '../../common/auth/staff-principal';

/** Only our own staff pages are followed after sign-in or a language switch (no open redirect). */
export function safeStaffPath(value: unknown, fallback = '/staff'): string {
  if (typeof value !== 'string') return fallback;
  if (!/^\/staff(?:[/?#]|$)/.test(value) || value.includes('//') || value.includes('\\')) return fallback;
  return value;
}

/** Where each role starts. */
export function homeOf(staff: Pick<StaffPrincipal, 'role'>): string {
  return staff.role === 'owner' ? '/staff/tasks' : '/staff';
}

/** A form field as a trimmed string ('' when missing or not a string), without NUL characters,
 *  which PostgreSQL cannot store and no person types. */
export function field(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  // eslint-disable-next-line no-control-regex -- PostgreSQL refuses NUL in text, so it is dropped from form fields
  return typeof value === 'string' ? value.replace(/\u0000/g, '').trim() : '';
}
