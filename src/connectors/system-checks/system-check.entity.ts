import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { SummaryText } from '../connector';

/** `ok`: every name exists; `stopped`: a name is wrong, tasks fail with `message`; `unreachable`:
 *  the system could not be asked at start, so each process checks again before its first task. */
export type SystemCheckStatus = 'ok' | 'stopped' | 'unreachable';

/** The start-up name check of one system (migrations 1797300000000, 1797750000000). */
@Entity('system_checks')
export class SystemCheckEntity {
  @PrimaryColumn({ name: 'system_id', type: 'varchar', length: 100 })
  systemId!: string;

  @Column({ type: 'varchar', length: 20 })
  status!: SystemCheckStatus;

  /** The wrong names, by data-map setting (never personal data); for `unreachable`, the error kind. */
  @Column({ type: 'text', nullable: true })
  message!: string | null;

  /** A stopped system's finding in each staff language, for the data-map page and the failures;
   *  null for other states and for rows checked before it was stored (they show `message`). */
  @Column({ name: 'message_text', type: 'jsonb', nullable: true })
  messageText!: SummaryText | null;

  /** The `connection` block the check ran with: a row about another data map is not trusted. */
  @Column({ name: 'connection_hash', type: 'varchar', length: 64 })
  connectionHash!: string;

  @Column({ name: 'checked_at', type: 'timestamptz' })
  checkedAt!: Date;
}
