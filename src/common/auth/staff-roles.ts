/** The staff roles (vocabulary shared by the guard, the decorators and the staff directory). */
export const STAFF_ROLES = ['admin', 'handler', 'owner', 'auditor'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
