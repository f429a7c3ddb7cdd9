import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';

/** Who hears about a case that needs a handler: its assignee, else the staff alert address,
 *  else the first active admin (the same order as deadline alerts). */
export async function handlerAddressFor(
  dataSource: DataSource,
  config: AppConfig,
  assigneeId: string | null,
): Promise<string> {
  if (assigneeId) {
    const [assignee] = await dataSource.query('SELECT email FROM staff_users WHERE id = $1 AND active', [assigneeId]);
    if (assignee) return assignee.email;
  }
  if (config.STAFF_ALERT_EMAIL) return config.STAFF_ALERT_EMAIL;
  const [admin] = await dataSource.query(`SELECT email FROM staff_users WHERE role = 'admin' AND active ORDER BY created_at LIMIT 1`);
  return admin?.email ?? config.ADMIN_EMAIL ?? 'admin@localhost';
}
