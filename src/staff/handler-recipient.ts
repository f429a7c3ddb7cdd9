import type { DataSource, EntityManager } from 'typeorm';
import type { HandlerRecipient } from '../common/auth/staff-directory';
import type { Language } from '../common/case-types';
import type { AppConfig } from '../config/app-config';

/** Who hears about a case that needs a handler: its active assignee, else STAFF_ALERT_EMAIL, else
 *  the first active admin, else ADMIN_EMAIL (which has a default), so there is always someone.
 *  Deadline alerts, manual-task follow-ups and staff e-mails all ask here (through the staff
 *  directory), in this one order. */
export async function handlerRecipient(
  dataSource: DataSource,
  config: Pick<AppConfig, 'STAFF_ALERT_EMAIL' | 'ADMIN_EMAIL'>,
  assigneeId: string | null,
): Promise<HandlerRecipient> {
  if (assigneeId) {
    const [assignee] = (await dataSource.query('SELECT email, language FROM staff_users WHERE id = $1 AND active', [assigneeId])) as StaffAddress[];
    if (assignee) return { kind: 'assignee', address: assignee.email, language: assignee.language };
  }
  if (config.STAFF_ALERT_EMAIL) {
    return { kind: 'staff-alerts', address: config.STAFF_ALERT_EMAIL, language: await staffLanguageOf(dataSource.manager, config.STAFF_ALERT_EMAIL) };
  }
  const [admin] = (await dataSource.query(
    `SELECT email, language FROM staff_users WHERE role = 'admin' AND active ORDER BY created_at LIMIT 1`,
  )) as StaffAddress[];
  if (admin) return { kind: 'staff-alerts', address: admin.email, language: admin.language };
  return { kind: 'staff-alerts', address: config.ADMIN_EMAIL, language: await staffLanguageOf(dataSource.manager, config.ADMIN_EMAIL) };
}

interface StaffAddress {
  email: string;
  language: Language;
}

/** The setting of the staff account with this e-mail (stored lower-cased), else nb: the company's
 *  language, for an owner address with no account or a shared mailbox. */
export async function staffLanguageOf(manager: EntityManager, address: string): Promise<Language> {
  const [row] = (await manager.query('SELECT language FROM staff_users WHERE email = $1', [address.trim().toLowerCase()])) as Array<{ language: Language }>;
  return row?.language === 'en' ? 'en' : 'nb';
}
