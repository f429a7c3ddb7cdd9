import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A decision to lift a restriction (Art 18): the requester is told first, then it is lifted. */
@Entity('restriction_liftings')
export class RestrictionLiftingEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ type: 'text' })
  reason: string;

  /** The day the restriction is lifted at the earliest (the notice period's end), YYYY-MM-DD. */
  @Column({ name: 'lift_on', type: 'date' })
  liftOn: string;

  @Column({ name: 'decided_by', type: 'varchar', length: 80 })
  decidedBy: string;

  @Column({ name: 'decided_at', type: 'timestamptz' })
  decidedAt: Date;

  /** The stored notice (case_answer_letters); the lift waits until it has gone out. */
  @Column({ name: 'notice_letter_id', type: 'uuid' })
  noticeLetterId: string;

  @Column({ name: 'lifted_at', type: 'timestamptz', nullable: true })
  liftedAt: Date | null;

  /** The lifting was called off during the notice period (the person objected, or staff changed
   *  their mind): the restriction stays in force. Who, when and why are kept. */
  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ name: 'cancelled_by', type: 'varchar', length: 80, nullable: true })
  cancelledBy: string | null;

  @Column({ name: 'cancel_reason', type: 'text', nullable: true })
  cancelReason: string | null;
}
