import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { StaffRole } from './staff-roles';

/** The signed-in staff member, attached to the request by the guard. */
export interface StaffPrincipal {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  /** A generated or admin-chosen password not yet replaced: only the change form and sign-out are open. */
  mustChangePassword?: boolean;
  /** The admin requires a second factor and this sign-in has none: only enrolment and sign-out are open. */
  mustEnrolSecondFactor?: boolean;
}

export const CurrentStaff = createParamDecorator((_: unknown, context: ExecutionContext): StaffPrincipal => context.switchToHttp().getRequest().staff);

/** How the audit trail names a staff actor (no e-mail: the id is enough and is not personal data in logs). */
export const staffActor = (staff: StaffPrincipal) => `staff:${staff.id}`;
