import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** held → (until-date) → released | needs_person (the automatic erasure could not finish it). */
export type LegalHoldStatus = 'held' | 'released' | 'needs_person';

/**
 * Records kept under a legal obligation after an erasure (e.g. bokføringsloven § 13). While held the
 * data is restricted to that purpose; a delayed job erases it on the day after `until`.
 */
@Entity('legal_holds')
@Index('legal_holds_task_records_uq', ['taskId', 'records'], { unique: true })
export class LegalHoldEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('legal_holds_case_idx')
  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId: string;

  @Column({ name: 'system_id', type: 'varchar', length: 40 })
  systemId: string;

  @Column({ type: 'text' })
  records: string;

  @Column({ type: 'text' })
  basis: string;

  /** YYYY-MM-DD: the last day the records must be kept. */
  @Column({ type: 'date' })
  until: string;

  /** Data under a hold may only be used for the hold's purpose (Art 18(2)). */
  @Column({ type: 'boolean', default: true })
  restricted: boolean;

  @Index('legal_holds_status_idx')
  @Column({ type: 'varchar', length: 20, default: 'held' })
  status: LegalHoldStatus;

  /** The kept records' ids in the external system (connector-specific), for the erasure at the end. */
  @Column({ name: 'external_ids', type: 'jsonb', nullable: true })
  externalIds: Record<string, unknown> | null;

  /** What the erasure at the end of the hold did. */
  @Column({ type: 'jsonb', nullable: true })
  outcome: Record<string, unknown> | null;

  @Column({ name: 'released_at', type: 'timestamptz', nullable: true })
  releasedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
