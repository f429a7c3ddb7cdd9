import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One public submission's idempotency claim. The key is a hash of the channel, the key the
 * client sent (hidden in the form, or the Idempotency-Key header) and what was asked, so a
 * double submit finds the first case while an edited resubmission becomes a case of its own.
 */
@Entity('intake_submissions')
export class IntakeSubmissionEntity {
  @PrimaryColumn({ type: 'char', length: 64 })
  key: string;

  /** Written with the case, in its transaction; null only in claims left by older versions. */
  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId: string | null;

  @Column({ name: 'claimed_at', type: 'timestamptz' })
  claimedAt: Date;
}
