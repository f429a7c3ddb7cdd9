import { Column, Entity, PrimaryColumn } from 'typeorm';

/** `ok`: every name exists; `stopped`: a name is wrong, tasks fail with `message`; `unreachable`:
 *  the system could not be asked at start, so each process checks again before its first task. */
export type SystemCheckStatus = 'ok' | 'stopped' | 'unreachable';

/** The start-up name check of one system (migration 1797300000000). */
@Entity('system_checks')
export class SystemCheckEntity {
  @PrimaryColumn({ name: 'system_id', type: 'varchar', length: 100 })
  systemId!: string;

  @Column({ type: 'varchar', length: 20 })
  status!: SystemCheckStatus;

  /** The wrong names, by data-map setting (never personal data); for `unreachable`, the error kind. */
  @Column({ type: 'text', nullable: true })
  message!: string | null;

  /** The `connection` block the check ran with: a row about another data map is not trusted. */
  @Column({ name: 'connection_hash', type: 'varchar', length: 64 })
  connectionHash!: string;

  @Column({ name: 'checked_at', type: 'timestamptz' })
  checkedAt!: Date;
}
