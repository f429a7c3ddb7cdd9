import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** `requested`: the owner was asked to keep the records; `not_held`: routine deletion removed them
 *  before the request came; `not_needed`: routine deletion reaches them only after the deadline. */
export const PRESERVATION_STATUSES = ['requested', 'not_held', 'not_needed'] as const;
export type PreservationStatus = (typeof PRESERVATION_STATUSES)[number];

/**
 * One system's preservation check for one case, made at receipt (before verification) and again
 * when the deadline moves. The row comes first; the owner's e-mails follow it through the outbox.
 * (case, system) is unique: one notice per case and system, also when fan-out later gives the same
 * system a task.
 */
@Entity('case_preservations')
@Index('case_preservations_uq', ['caseId', 'systemId'], { unique: true })
export class CasePreservationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ name: 'system_id', type: 'varchar', length: 40 })
  systemId: string;

  @Column({ type: 'varchar', length: 12 })
  status: PreservationStatus;

  /** The retention period the decision was made with (the data map may change later). */
  @Column({ name: 'retention_period', type: 'varchar', length: 40 })
  retentionPeriod: string;

  /** The first and last day whose records are to be kept (or were asked about). */
  @Column({ name: 'period_from', type: 'date' })
  periodFrom: string;

  @Column({ name: 'period_to', type: 'date' })
  periodTo: string;

  /** `requested`/`not_needed`: the day routine deletion would first remove one of them;
   *  `not_held`: the day the last of them was removed. */
  @Column({ name: 'deletion_on', type: 'date' })
  deletionOn: string;

  /** The case's effective deadline when this was decided; a moved deadline means a new check. */
  @Column({ name: 'checked_due', type: 'date' })
  checkedDue: string;

  @Column({ name: 'requested_at', type: 'timestamptz', nullable: true })
  requestedAt: Date | null;

  /** When the owner was told preservation may end (the case closed). */
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
