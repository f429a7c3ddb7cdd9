import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const RECIPIENT_TASK_STATUSES = ['open', 'done', 'waived'] as const;
export type RecipientTaskStatus = (typeof RECIPIENT_TASK_STATUSES)[number];

/**
 * "Tell X by other means" (Art 19): a recipient of a system this case changed that has no e-mail
 * contact in the data map. Staff mark it done (how it was told) or waived (why not, e.g. it
 * never received this person's data); the case cannot complete while one is open.
 */
@Entity('case_recipient_tasks')
@Index('case_recipient_tasks_uq', ['caseId', 'systemId', 'recipient'], { unique: true })
export class RecipientTaskEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ name: 'system_id', type: 'varchar', length: 40 })
  systemId: string;

  /** The recipient's name as the data map gives it (a company or authority, not a person). */
  @Column({ type: 'varchar', length: 200 })
  recipient: string;

  @Column({ type: 'varchar', length: 10, default: 'open' })
  status: RecipientTaskStatus;

  /** Done: how the recipient was told; waived: why it need not be. Staff's words, shown to staff only. */
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'settled_by', type: 'varchar', length: 80, nullable: true })
  settledBy: string | null;

  @Column({ name: 'settled_at', type: 'timestamptz', nullable: true })
  settledAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
