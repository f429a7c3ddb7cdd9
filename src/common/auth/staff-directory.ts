import type { EntityManager } from 'typeorm';
import type { Language } from '../case-types';
import type { StaffRole } from './staff-roles';

/** Injection token of the staff directory: the staff module owns `staff_users` and provides it;
 *  modules that may not import staff (cases, deadlines, connectors, intake) ask it instead of
 *  reading the table. */
export const STAFF_DIRECTORY = 'StaffDirectory';

export interface HandlerRecipient {
  /** `assignee` when the case's own handler gets it, else the shared staff address. */
  kind: 'assignee' | 'staff-alerts';
  address: string;
  /** The language of the account behind the address (its own setting), else nb. */
  language: Language;
}

export interface StaffDirectory {
  /** The role of an active staff user, or null when there is no such user or they are deactivated.
   *  `manager` reads inside the caller's transaction. */
  activeRole(userId: string, manager?: EntityManager): Promise<StaffRole | null>;
  /** Who hears about a case that needs a handler: its active assignee, else STAFF_ALERT_EMAIL, else
   *  the first active admin, else ADMIN_EMAIL, so there is always someone. */
  handlerRecipient(assigneeId: string | null): Promise<HandlerRecipient>;
  /** The language e-mails to `address` are written in: the setting of the staff account with that
   *  e-mail, else the company's language (nb) — a system owner without an account, a shared mailbox. */
  languageOf(address: string, manager?: EntityManager): Promise<Language>;
}
