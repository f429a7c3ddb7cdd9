import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { handlerRecipient } from '../staff/handler-recipient';

/** Who hears about a case that needs a handler: its assignee, else the staff alert address,
 *  else the first active admin (the same order as deadline alerts). */
export async function handlerAddressFor(dataSource: DataSource, config: AppConfig, assigneeId: string | null): Promise<string> {
  return (await handlerRecipient(dataSource, config, assigneeId)).address;
}
