import type { EntityManager } from 'typeorm';
import type { StaffRole } from './staff-roles';

/** Injection token of the staff directory: the staff module owns `staff_users` and provides it;
 *  modules below staff (cases) ask it instead of reading the table. */
export const STAFF_DIRECTORY = 'StaffDirectory';

export interface StaffDirectory {
  /** The role of an active staff user, or null when there is no such user or they are deactivated.
   *  `manager` reads inside the caller's transaction. */
  activeRole(userId: string, manager?: EntityManager): Promise<StaffRole | null>;
}
