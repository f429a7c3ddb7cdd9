import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const ALERT_KINDS = ['due-7d', 'due-2d', 'due-0d', 'overdue'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** A deadline alert that was sent. The unique key is what makes a re-fired job (retry, Redis
 *  rebuilt, two workers) a no-op: one alert per case, kind and day it is about. */
@Entity('case_alerts')
@Index('case_alerts_once_uq', ['caseId', 'kind', 'forDate'], { unique: true })
export class CaseAlertEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ type: 'varchar', length: 20 })
  kind: AlertKind;

  /** The effective deadline it warned about; for `overdue`, the day of that daily reminder. */
  @Column({ name: 'for_date', type: 'date' })
  forDate: string;

  @Column({ name: 'recipient_kind', type: 'varchar', length: 20 })
  recipientKind: 'assignee' | 'staff-alerts';

  @Column({ name: 'sent_at', type: 'timestamptz' })
  sentAt: Date;
}
