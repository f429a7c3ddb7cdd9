import type { DataSource } from 'typeorm';
import type { HandlerRecipient } from '../common/auth/staff-directory';
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
    const [assignee] = (await dataSource.query('SELECT email FROM staff_users WHERE id = $1 AND active', [assigneeId])) as Array<{ email: string }>;
    if (assignee) return { kind: 'assignee', address: assignee.email };
  }
  if (config.STAFF_ALERT_EMAIL) return { kind: 'staff-alerts', address: config.STAFF_ALERT_EMAIL };
  const [admin] = (await dataSource.query(`SELECT email FROM staff_users WHERE role = 'admin' AND active ORDER BY created_at LIMIT 1`)) as Array<{
    email: string;
  }>;
  return { kind: 'staff-alerts', address: admin?.email ?? config.ADMIN_EMAIL };
}
