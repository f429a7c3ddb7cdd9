import { SetMetadata } from '@nestjs/common';
import type { StaffRole } from './staff-roles';

export const ROLES_KEY = 'dsr:roles';
export const PUBLIC_KEY = 'dsr:public';

/** Which staff roles may call the route. A route with neither @Roles nor @Public is refused:
 *  forgetting the decorator can never open a route. */
export const Roles = (...roles: StaffRole[]) => SetMetadata(ROLES_KEY, roles);

/** Open to anyone (public form, health, login). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Role sets used across the API, named for what they allow. */
export const CASE_READERS: StaffRole[] = ['admin', 'handler', 'auditor'];
export const CASE_WORKERS: StaffRole[] = ['admin', 'handler'];
export const AUDIT_READERS: StaffRole[] = ['admin', 'auditor'];
